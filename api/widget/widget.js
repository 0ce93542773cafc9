/*! Caiwen (財問) chat widget: one dependency-free script.
 *
 *   <script src="https://HOST/widget.js" data-api="https://HOST" defer></script>
 *
 * Optional attributes: data-api (default: the origin this script was loaded from) and data-lang
 * ("zh-Hant" | "zh-Hans" | "en"; default: the page's <html lang>, then the browser's language).
 * After the customer starts typing, the interface follows the script of what they type.
 *
 * Security: answers, quotes, titles, figures and error messages come from ingested documents and
 * an LLM, so they are untrusted. They are only ever inserted with textContent / createTextNode,
 * never as HTML, and never put into URL-bearing attributes.
 * Isolation: everything lives in a shadow root; the host element resets inherited styles.
 */
(function () {
  "use strict";
  if (window.CaiwenWidget) return; // embedded twice

  var VERSION = "1.0.0";

  // Characters that exist in only one script, most frequent first (from OpenCC's STCharacters /
  // TSCharacters tables, excluding characters both scripts use such as 台, 后, 干, 面; ranked by
  // jieba's word frequencies). tests/browser/test_widget_tables.py checks them against OpenCC.
  var TRAD_ONLY =
    "國為爲這箇個來會時齣學說説傢們後髮發對長過業裏裡經麪麫麵門動進區衕開產産軍還種現機體錶與當噹兩實麼隻關從製內沒將員東頭間" +
    "無見閤戰點場曏嚮數樣問幷併並敎萬級應資務迴繫係氣漢總電聲設義統處馬兒領隊計彆別權話報給變書幾華議稱決張導術朮纔結師達題條" +
    "規縣風運組聽佈濟黨論強黃選記眞卻職號類傳帶榦幹農邊據聯廣質陽難曆歷厤專卽認車颱臺檯遊舉綫線糰團備爭衆眾連調轉該爾讓較際親" +
    "單紅價約週亞則屬積圖韆準極裝許蔘參喫觀魚辦複復遠羣構隨劃勢熱網語鐵斷愛紀況証證編侷滿覺雙樂標確織誌項飛節龍響藥葯輕擊請離" +
    "顯羅營視護創餘興佔雖費試寶識維採寀埰宮環鬥鄉査責嚴橋僅勝殺圍蓆態楊負層須鬚續狀銀範緻終錢賽獨細衝沖獲穫習醫盡儘臉彈樓藝陸" +
    "協鎭鎮檢寫蘇囌註驗緊勞戶優財養適陳衛唸雲傷絕絶階劉剛億聞審壓監敵蘭溫園樹詞島預繼執誰驚覈畫畵輯劍談禮願築亂講臨旣揮闆鬍衚" +
    "歐葉簡擔歲嵗𡻕荊貴孃轄幫塊額錯劇歡夠孫陣銷堅練腳讀測吳寧換異顧麯麴硃順鮮敗貨礦歸買險評嗎廠遺筆輸鬆漸頂訓錄録彔畢豐獻爺納" +
    "鈡鐘鍾腦飯闇擴齊趕訴詩礎屆矇濛懞靜盤賣灣減靈雜澤側慶媽館舘補綵舊輪婦載懷軟槍牆墻惡噁穀頓穩痠諸綠緑彿榮針鍼託寬摺庫罷謝鉅" +
    "頁睏擁聖戲旂獎奬巖幣圓燒討菸煙誤療閉脫鞦尋俬崗捲麗橫駐紙奪燈壞絲逕徑購陰牀擇憲峯魯廟艦禦課奧虛隱糧絡搖潛莊廳趙訪韋噸揚縱" +
    "紛貿滙彙匯滅儀緩蓋跡蹟釋潤嶺慮牴鋼碼罈罎壇壜墰樑纍錛損稅綜倫掛韓競烏鋪舖脈純盃謀劑倖謂頻壯騎鷄雞蟲紹銅汎襬擺慾籤簽縮廢訂";
  var SIMP_ONLY =
    "国为这个来会时学说们发对长过业经门动进区开产军还现机体与当两实关从内没将员东头间无见战点场数样问并级应资务气汉总电声设义" +
    "统处马儿领队计别权话报给变书华议称决张导术结师达题条规县风运组听济论强黄选记却职号类传带农边联质阳难历专认车举线团备争众" +
    "连调转该尔让较际亲单红约亚则属积图装许参观鱼办复远群构随势热网语铁断爱纪况证编满觉双乐标织项飞节龙响药轻击请离显罗营视护" +
    "创兴虽费试宝识维宫环乡责严桥仅杀围态杨负层须续状银终钱赛独细冲获习医尽脸弹楼艺陆协镇检写苏验紧劳户优财养陈卫伤绝阶刘刚亿" +
    "闻审压监敌兰温园树词岛预继执谁惊画辑剑谈礼乱讲临挥欧简担岁荆贵辖帮块额错剧欢够孙阵销坚练脚读测吴宁换异顾顺鲜败货矿归买险" +
    "评吗遗笔输渐顶训录毕献爷纳钟脑饭扩齐赶诉诗础届静盘卖湾减秘灵杂泽侧庆妈馆补旧轮妇载怀软枪墙恶顿稳诸绿荣针宽库罢谢页拥圣戏" +
    "奖币圆烧讨烟误疗闭脱寻岗丽横驻纸夺灯丝径购阴床择宪峰鲁庙舰课奥虚隐粮络摇潜庄厅赵访韦吨扬纵纷贸汇灭仪缓盖迹释润岭虑钢码坛" +
    "锛损税综伦韩竞乌铺脉纯谋剂谓频壮骑鸡绍铜摆签缩废订绩盐萨贴触莲抢闹纺讯誉梦峡残闪贼倾贫麦诺泪辈镜贡缘贝骂饮奋跃赞启阁劲晋" +
    "锋沟胆凭闯汤迁叹储贯彻凤赏辽询毁净弃亩伟览龄绕浓绪蓝荡阅鸿惯鸟辞穷键递隶厉闲袭灾涨湿郑译邓肠诏册锅阔趋锦颜悬诚晓蒋摄罚辆" +
    "腾绘扑颁违贷饰滚迟辅烦盗凉冈驾肃抚炼纲忧扫暂渔宾寿猪邻劝践顷赋莱拟贤愤轰陕犹辉颇浅丧惨驱牵详纤档岂绣吓赖卢颗邮凯帅锁帐胶";
  // Cantonese particles written with shared characters still mark Hong Kong Traditional.
  var CANTONESE = "嘅咗喺噉咁哋嗰咩唔冇佢啲睇嚟乜";

  var LABELS = {
    "zh-Hant": {
      launcher: "開啟財問投資問答", title: "財問 · 投資問答", close: "關閉對話",
      log: "對話紀錄", input: "你的問題", placeholder: "輸入問題，按 Enter 發送",
      send: "發送", intro: "你好！我會根據本行的研究文章回答，並附上引用來源。",
      you: "你的問題", bot: "財問的回答", thinking: "正在查找資料…",
      sources: "引用來源", figures: "相關數據", asOf: "數據截至", source: "數據來源：",
      published: "發佈日期：", cite: "來源", page: "第{n}頁",
      rate: "這個回答有幫助嗎？", up: "有幫助", down: "沒有幫助",
      comment: "哪裡可以做得更好？（選填）", submit: "提交",
      thanks: "謝謝你的意見！", feedbackError: "未能提交意見，請稍後再試。",
      networkError: "連線出現問題，請稍後再試。", cutOff: "回答中斷了，請再試一次。",
      points: "點",
      names: { "return": "回報", level: "指數水平", change: "變動", volatility: "波幅",
        max_drawdown: "最大回撤", pe_premium: "市盈率溢價" }
    },
    "zh-Hans": {
      launcher: "打开财问投资问答", title: "财问 · 投资问答", close: "关闭对话",
      log: "对话记录", input: "你的问题", placeholder: "输入问题，按 Enter 发送",
      send: "发送", intro: "你好！我会根据本行的研究文章回答，并附上引用来源。",
      you: "你的问题", bot: "财问的回答", thinking: "正在查找资料…",
      sources: "引用来源", figures: "相关数据", asOf: "数据截至", source: "数据来源：",
      published: "发布日期：", cite: "来源", page: "第{n}页",
      rate: "这个回答有帮助吗？", up: "有帮助", down: "没有帮助",
      comment: "哪里可以做得更好？（选填）", submit: "提交",
      thanks: "谢谢你的意见！", feedbackError: "未能提交意见，请稍后再试。",
      networkError: "连接出现问题，请稍后再试。", cutOff: "回答中断了，请再试一次。",
      points: "点",
      names: { "return": "回报", level: "指数水平", change: "变动", volatility: "波动率",
        max_drawdown: "最大回撤", pe_premium: "市盈率溢价" }
    },
    en: {
      launcher: "Open Caiwen investment Q&A", title: "Caiwen · Investment Q&A", close: "Close chat",
      log: "Conversation", input: "Your question", placeholder: "Ask a question, press Enter to send",
      send: "Send", intro: "Hello! I answer from our research articles and cite my sources.",
      you: "Your question", bot: "Caiwen's answer", thinking: "Looking it up…",
      sources: "Sources", figures: "Figures", asOf: "As of", source: "Data source:",
      published: "Published:", cite: "Source", page: "p. {n}",
      rate: "Was this answer helpful?", up: "Helpful", down: "Not helpful",
      comment: "What could be better? (optional)", submit: "Submit",
      thanks: "Thank you for your feedback!", feedbackError: "Could not send your feedback. Please try again later.",
      networkError: "Connection problem. Please try again later.", cutOff: "The answer was cut off. Please try again.",
      points: "points",
      names: { "return": "Return", level: "Level", change: "Change", volatility: "Volatility",
        max_drawdown: "Max drawdown", pe_premium: "P/E premium" }
    }
  };

  var CJK_RE = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
  var LATIN_RE = /[A-Za-z]/g;

  /** "zh-Hant" | "zh-Hans" | "en" for typed text, "zh" when only shared characters, null when unsure. */
  function detectLanguage(text) {
    var cjk = String(text || "").match(CJK_RE) || [];
    var latin = (String(text || "").match(LATIN_RE) || []).length;
    if (!cjk.length || (cjk.length < 2 && latin > 3)) return latin >= 2 ? "en" : null;
    var trad = 0, simp = 0, cantonese = false;
    for (var i = 0; i < cjk.length; i++) {
      if (TRAD_ONLY.indexOf(cjk[i]) !== -1) trad++;
      else if (SIMP_ONLY.indexOf(cjk[i]) !== -1) simp++;
      else if (CANTONESE.indexOf(cjk[i]) !== -1) cantonese = true;
    }
    if (trad || simp) return trad >= simp ? "zh-Hant" : "zh-Hans";
    return cantonese ? "zh-Hant" : "zh";
  }

  function languageFromTag(tag) {
    tag = String(tag || "").toLowerCase();
    if (!tag) return null;
    if (/^zh-(hant|tw|hk|mo)/.test(tag)) return "zh-Hant";
    if (/^zh/.test(tag)) return "zh-Hans";
    return "en";
  }

  /**
   * Incremental Server-Sent Events parser (the WHATWG event-stream rules): lines end in \n, \r\n or
   * \r (a \r at the end of a chunk waits for the next one), "data" lines join with \n, comments and
   * unknown fields are ignored, an event is dispatched at a blank line, a partial event at the end
   * of the stream is dropped.
   */
  function createSSEParser(onEvent) {
    var buffer = "", eventType = "", data = [];
    function line(text) {
      if (text === "") {
        if (data.length) onEvent(eventType || "message", data.join("\n"));
        eventType = "";
        data = [];
        return;
      }
      if (text.charCodeAt(0) === 58) return; // ":" comment, e.g. keep-alive pings
      var colon = text.indexOf(":");
      var field = colon === -1 ? text : text.slice(0, colon);
      var value = colon === -1 ? "" : text.slice(colon + 1);
      if (value.charCodeAt(0) === 32) value = value.slice(1);
      if (field === "event") eventType = value;
      else if (field === "data") data.push(value);
    }
    return {
      push: function (chunk) {
        buffer += chunk;
        var start = 0;
        for (var i = 0; i < buffer.length; i++) {
          var c = buffer.charCodeAt(i);
          if (c !== 10 && c !== 13) continue;
          if (c === 13 && i + 1 === buffer.length) break;
          line(buffer.slice(start, i));
          if (c === 13 && buffer.charCodeAt(i + 1) === 10) i++;
          start = i + 1;
        }
        buffer = buffer.slice(start);
      },
      end: function () {
        if (buffer.charCodeAt(buffer.length - 1) === 13) line(buffer.slice(0, -1));
        buffer = "";
        eventType = "";
        data = [];
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  var CSS = [
    ".root{font:15px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif;color:#1c2430;",
    "-webkit-text-size-adjust:100%;text-align:left;letter-spacing:normal;}",
    "*,*::before,*::after{box-sizing:border-box;}",
    "[hidden]{display:none!important;}",
    "button,textarea,input{font:inherit;color:inherit;margin:0;}",
    "button{cursor:pointer;}",
    ":focus{outline:none;}",
    ":focus-visible{outline:3px solid #f2a900;outline-offset:2px;}",
    ".launcher{position:fixed;right:20px;bottom:20px;width:58px;height:58px;border:0;border-radius:50%;",
    "background:#0a3d6b;color:#fff;box-shadow:0 4px 14px rgba(0,0,0,.28);display:flex;align-items:center;",
    "justify-content:center;z-index:2147483000;padding:0;}",
    ".launcher:hover{background:#0d4f8a;}",
    ".launcher svg{width:28px;height:28px;fill:currentColor;}",
    ".panel{position:fixed;right:20px;bottom:90px;width:390px;max-width:calc(100vw - 24px);",
    "height:calc(100vh - 110px);height:min(640px,calc(100vh - 110px));display:flex;flex-direction:column;",
    "background:#fff;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);overflow:hidden;",
    "z-index:2147483001;}",
    "@media (max-width:480px){.panel{top:0;left:0;right:0;bottom:0;width:100%;max-width:none;height:100%;",
    "border-radius:0;}}",
    ".head{display:flex;align-items:center;gap:8px;padding:12px 12px 12px 16px;background:#0a3d6b;color:#fff;}",
    ".head h2{flex:1;margin:0;font-size:16px;font-weight:600;line-height:1.3;}",
    ".close{border:0;background:transparent;color:#fff;width:36px;height:36px;border-radius:8px;",
    "font-size:24px;line-height:1;padding:0;}",
    ".close:hover{background:rgba(255,255,255,.15);}",
    ".log{flex:1;overflow-y:auto;padding:14px 12px;background:#f4f6f9;display:flex;flex-direction:column;gap:12px;",
    "overscroll-behavior:contain;}",
    ".intro{margin:0;color:#4a5668;font-size:14px;}",
    ".msg{display:flex;flex-direction:column;gap:8px;max-width:100%;}",
    ".msg.user{align-items:flex-end;}",
    ".bubble{margin:0;padding:10px 12px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;",
    "word-break:break-word;max-width:92%;}",
    ".user .bubble{background:#0a3d6b;color:#fff;border-bottom-right-radius:4px;}",
    ".bot .bubble{background:#fff;border:1px solid #dde3ea;border-bottom-left-radius:4px;}",
    ".status{font-size:13px;color:#5b6778;margin:0;}",
    ".status::after{content:\"\";display:inline-block;width:1em;animation:dots 1.2s steps(4) infinite;}",
    "@keyframes dots{0%{content:\"\"}25%{content:\".\"}50%{content:\"..\"}75%{content:\"...\"}}",
    "@media (prefers-reduced-motion:reduce){.status::after{animation:none;}}",
    ".ref{border:0;background:#e3edf7;color:#0a3d6b;border-radius:4px;padding:0 3px;font-size:.8em;",
    "vertical-align:super;line-height:1;font-weight:600;}",
    ".card{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:10px 12px;}",
    ".card h3{margin:0 0 6px;font-size:13px;font-weight:600;color:#4a5668;}",
    ".chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px;}",
    ".chip{display:flex;align-items:center;gap:4px;max-width:100%;border:1px solid #b9c7d8;background:#f7f9fc;",
    "color:#0a3d6b;border-radius:999px;padding:4px 10px;font-size:13px;}",
    ".chip[aria-expanded=\"true\"]{background:#0a3d6b;color:#fff;border-color:#0a3d6b;}",
    ".chip .n{font-weight:700;}",
    ".chip .t{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:220px;}",
    ".chip .pg{white-space:nowrap;font-size:12px;opacity:.85;}",
    ".quote{margin:8px 0 0;padding:8px 10px;border-left:3px solid #0a3d6b;background:#f4f6f9;border-radius:0 6px 6px 0;}",
    ".quote .qt{margin:0;font-weight:600;font-size:13px;overflow-wrap:anywhere;}",
    ".quote .qd{margin:0 0 4px;font-size:12px;color:#5b6778;}",
    ".quote blockquote{margin:0;font-size:14px;white-space:pre-wrap;overflow-wrap:anywhere;}",
    ".figs table{width:100%;border-collapse:collapse;font-size:13px;}",
    ".figs th{font-weight:400;text-align:left;color:#4a5668;padding:3px 6px 3px 0;overflow-wrap:anywhere;}",
    ".figs td{text-align:right;font-weight:600;padding:3px 0;white-space:nowrap;font-variant-numeric:tabular-nums;}",
    ".figs tr+tr th,.figs tr+tr td{border-top:1px solid #edf0f4;}",
    ".figs .meta{margin:6px 0 0;font-size:12px;color:#5b6778;overflow-wrap:anywhere;}",
    ".disclaimer{margin:0;font-size:12px;color:#5b6778;}",
    ".error{margin:0;padding:8px 10px;border-radius:8px;background:#fdecec;color:#8a1c1c;font-size:14px;",
    "overflow-wrap:anywhere;}",
    ".feedback{display:flex;flex-wrap:wrap;align-items:center;gap:6px;font-size:13px;color:#4a5668;}",
    ".feedback .q{margin-right:2px;}",
    ".thumb{border:1px solid #c9d3df;background:#fff;color:#0a3d6b;border-radius:8px;width:40px;height:34px;",
    "padding:0;display:inline-flex;align-items:center;justify-content:center;}",
    ".thumb svg{width:18px;height:18px;fill:currentColor;}",
    ".thumb:hover{background:#eef3f8;}",
    ".thumb[aria-pressed=\"true\"]{background:#0a3d6b;border-color:#0a3d6b;color:#fff;}",
    ".thumb[aria-disabled=\"true\"]{cursor:default;}",
    ".thumb[aria-disabled=\"true\"]:not([aria-pressed=\"true\"]){opacity:.45;}",
    ".fbform{display:flex;gap:6px;width:100%;}",
    ".fbform input{flex:1;min-width:0;border:1px solid #c9d3df;border-radius:8px;padding:6px 8px;font-size:14px;}",
    ".fbform button,.fbform input{height:34px;}",
    ".fbform button{border:0;border-radius:8px;background:#0a3d6b;color:#fff;padding:0 12px;font-size:14px;}",
    ".fbstatus{width:100%;margin:0;}",
    ".composer{display:flex;gap:8px;align-items:flex-end;padding:10px 12px;border-top:1px solid #dde3ea;background:#fff;}",
    ".composer textarea{flex:1;min-width:0;resize:none;border:1px solid #c9d3df;border-radius:10px;padding:9px 10px;",
    "font-size:16px;line-height:1.4;max-height:120px;background:#fff;}",
    ".send{border:0;border-radius:10px;background:#0a3d6b;color:#fff;width:44px;height:42px;padding:0;",
    "display:flex;align-items:center;justify-content:center;flex:none;}",
    ".send[aria-disabled=\"true\"]{background:#8a9bb0;cursor:default;}",
    ".send svg{width:20px;height:20px;fill:currentColor;}"
  ].join("\n");

  var SVG_NS = "http://www.w3.org/2000/svg";
  function icon(pathData) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", pathData);
    svg.appendChild(path);
    return svg;
  }
  var CHAT_ICON = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z";
  var SEND_ICON = "M3 20.5 21 12 3 3.5 3 10l12 2-12 2z";
  var UP_ICON = "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 " +
    "7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73z";
  var DOWN_ICON = "M15 3H6c-.83 0-1.54.5-1.84 1.22l-3.02 7.05c-.09.23-.14.47-.14.73v2c0 1.1.9 2 2 2h6.31l-.95 " +
    "4.57-.03.32c0 .41.17.79.44 1.06L9.83 23l6.59-6.59c.36-.36.58-.86.58-1.41V5c0-1.1-.9-2-2-2zm4 0v12h4V3z";

  /** Builds an element. Attribute values and text are set as data, never parsed as markup. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, key)) continue;
        var value = attrs[key];
        if (value === null || value === undefined || value === false) continue;
        if (key === "text") node.textContent = String(value);
        else if (key === "class") node.className = value;
        else node.setAttribute(key, value === true ? "" : String(value));
      }
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /** aria-disabled rather than disabled: a disabled button drops keyboard focus to <body>. */
  function setDisabled(button, disabled) {
    button.setAttribute("aria-disabled", disabled ? "true" : "false");
  }

  function shortDate(value) {
    var text = String(value || "");
    var match = /^\d{4}-\d{2}-\d{2}/.exec(text);
    return match ? match[0] : text;
  }

  function numberLocale(lang) {
    return lang === "en" ? "en-US" : lang === "zh-Hant" ? "zh-HK" : "zh-CN";
  }

  function formatFigure(fig, lang, labels) {
    var value = Number(fig.value);
    if (!isFinite(value)) return String(fig.value);
    var signed = fig.name === "return" || fig.name === "change";
    var options = { maximumFractionDigits: 2, minimumFractionDigits: fig.unit === "%" ? 1 : 0 };
    if (signed) options.signDisplay = "exceptZero";
    var number;
    try { number = new Intl.NumberFormat(numberLocale(lang), options).format(value); }
    catch (e) { number = String(Math.round(value * 100) / 100); }
    switch (fig.unit) {
      case "%": return number + "%";
      case "points": return number + " " + labels.points;
      case "x": return number + "×";
      case "usd": return "US$" + number;
      default: return fig.unit ? number + " " + fig.unit : number;
    }
  }

  function parseJSON(text) {
    try { return JSON.parse(text); } catch (e) { return undefined; }
  }

  // ---------------------------------------------------------------------------------------------
  var script = document.currentScript ||
    document.querySelector("script[data-api][src*='widget'],script[src$='/widget.js']");
  var apiBase = (script && script.getAttribute("data-api")) ||
    (script && script.src ? new URL(script.src, location.href).origin : location.origin);
  apiBase = apiBase.replace(/\/+$/, "");

  var lang = languageFromTag(script && script.getAttribute("data-lang")) ||
    languageFromTag(document.documentElement.getAttribute("lang")) ||
    languageFromTag(navigator.language) || "en";
  var conversationId = null;
  var busy = false;
  var uid = 0;

  var host = document.createElement("caiwen-widget");
  // Inline !important beats page rules aimed at the host; inside, the shadow root scopes our CSS.
  host.setAttribute("style", "all:initial !important;display:block !important;");
  var shadow = host.attachShadow({ mode: "open" });
  if (shadow.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" &&
      "replaceSync" in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet(); // constructed sheets also work under a strict style-src CSP
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    shadow.appendChild(el("style", { text: CSS }));
  }

  // Elements whose text follows the interface language carry data-l (text), data-la (aria-label)
  // or data-lp (placeholder) with the label key.
  function L(key) { return LABELS[lang][key]; }
  // "p. 3" / 「第3頁」 / 「第3页」 for a citation's page; empty when the source has no pages.
  function pageLabel(page) {
    var n = Number(page);
    return Number.isInteger(n) && n > 0 ? L("page").replace("{n}", String(n)) : "";
  }

  var launcher = el("button", {
    "class": "launcher", type: "button", "aria-haspopup": "dialog", "aria-expanded": "false",
    "aria-controls": "caiwen-panel", "data-la": "launcher", "aria-label": L("launcher")
  }, [icon(CHAT_ICON)]);
  var title = el("h2", { id: "caiwen-title", "data-l": "title", text: L("title") });
  var closeButton = el("button", {
    "class": "close", type: "button", "data-la": "close", "aria-label": L("close"), text: "×"
  });
  var log = el("div", {
    "class": "log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
    "data-la": "log", "aria-label": L("log"), tabindex: "0"
  }, [el("p", { "class": "intro", "data-l": "intro", text: L("intro") })]);
  var input = el("textarea", {
    rows: "1", maxlength: "2000", autocomplete: "off", enterkeyhint: "send",
    "data-la": "input", "aria-label": L("input"), "data-lp": "placeholder", placeholder: L("placeholder")
  });
  var sendButton = el("button", {
    "class": "send", type: "submit", "data-la": "send", "aria-label": L("send")
  }, [icon(SEND_ICON)]);
  var form = el("form", { "class": "composer", novalidate: true }, [input, sendButton]);
  var panel = el("div", {
    "class": "panel", id: "caiwen-panel", role: "dialog", "aria-modal": "false",
    "aria-labelledby": "caiwen-title", lang: lang, hidden: true
  }, [el("div", { "class": "head" }, [title, closeButton]), log, form]);
  var root = el("div", { "class": "root" }, [launcher, panel]);
  shadow.appendChild(root);

  function setLanguage(next) {
    if (!LABELS[next] || next === lang) return;
    lang = next;
    panel.setAttribute("lang", lang);
    var nodes = shadow.querySelectorAll("[data-l],[data-la],[data-lp]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.hasAttribute("data-l")) node.textContent = L(node.getAttribute("data-l"));
      if (node.hasAttribute("data-la")) node.setAttribute("aria-label", L(node.getAttribute("data-la")));
      if (node.hasAttribute("data-lp")) node.setAttribute("placeholder", L(node.getAttribute("data-lp")));
    }
    var pages = shadow.querySelectorAll("[data-page]");
    for (var k = 0; k < pages.length; k++) pages[k].textContent = pageLabel(pages[k].getAttribute("data-page"));
    var names = shadow.querySelectorAll("[data-figure]");
    for (var j = 0; j < names.length; j++) renderFigureName(names[j]);
  }

  function followTypedLanguage(text) {
    var detected = detectLanguage(text);
    if (detected === "zh") detected = lang === "en" ? "zh-Hans" : lang;
    if (detected) setLanguage(detected);
  }

  function renderFigureName(node) {
    var name = node.getAttribute("data-figure");
    var label = LABELS[lang].names[name] || name;
    var extra = [node.getAttribute("data-symbol"), node.getAttribute("data-period")].filter(Boolean).join(" · ");
    node.textContent = extra ? label + " (" + extra + ")" : label;
  }

  function open() {
    if (!panel.hidden) return;
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    scrollToEnd(true);
  }

  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function scrollToEnd(force) {
    if (force || nearBottom()) log.scrollTop = log.scrollHeight;
  }

  function autoGrow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight + 2, 120) + "px";
  }

  // ---------------------------------------------------------------------------------------------
  /** One assistant answer in the log: streams text, then citations, figures, disclaimer, feedback. */
  function BotMessage() {
    this.id = "m" + (++uid);
    this.text = el("p", { "class": "bubble" });
    this.status = el("p", { "class": "status", "data-l": "thinking", text: L("thinking") });
    this.node = el("article", {
      "class": "msg bot", "aria-busy": "true", "data-la": "bot", "aria-label": L("bot")
    }, [this.status, this.text]);
    this.text.hidden = true;
    this.citations = [];
    this.chips = {};
    this.finished = false;
    log.appendChild(this.node);
    scrollToEnd(true);
  }

  BotMessage.prototype.appendToken = function (text) {
    if (!text) return;
    this.text.hidden = false;
    this.text.appendChild(document.createTextNode(text));
    scrollToEnd(false);
  };

  BotMessage.prototype.renderAnswer = function (answer) {
    // [n] markers become buttons that open citation n; everything else stays plain text.
    var self = this;
    var known = {};
    this.citations.forEach(function (c) { known[String(c.n)] = true; });
    this.text.textContent = "";
    var pattern = /\[(\d{1,3})\]/g, last = 0, match;
    while ((match = pattern.exec(answer)) !== null) {
      if (!known[match[1]]) continue;
      if (match.index > last) this.text.appendChild(document.createTextNode(answer.slice(last, match.index)));
      var n = match[1];
      var ref = el("button", {
        "class": "ref", type: "button", "aria-label": L("cite") + " " + n, "data-n": n, text: "[" + n + "]"
      });
      ref.addEventListener("click", function (event) {
        self.toggleQuote(event.currentTarget.getAttribute("data-n"), true);
      });
      this.text.appendChild(ref);
      last = match.index + match[0].length;
    }
    if (last < answer.length) this.text.appendChild(document.createTextNode(answer.slice(last)));
    this.text.hidden = !answer;
  };

  BotMessage.prototype.showCitations = function (citations) {
    if (!Array.isArray(citations) || !citations.length || this.citationCard) return;
    var self = this;
    this.citations = citations;
    var headingId = this.id + "-src";
    var chips = el("ul", { "class": "chips" });
    var quotes = el("div", {});
    citations.forEach(function (c) {
      var n = String(c.n);
      var quoteId = self.id + "-q" + n;
      var chip = el("button", {
        "class": "chip", type: "button", "aria-expanded": "false", "aria-controls": quoteId,
        title: c.title || ""
      }, [el("span", { "class": "n", text: "[" + n + "]" }), el("span", { "class": "t", text: c.title || c.doc_id || "" }),
        pageLabel(c.page) ? el("span", { "class": "pg", "data-page": String(c.page), text: pageLabel(c.page) }) : null]);
      chip.addEventListener("click", function () { self.toggleQuote(n, false); });
      var date = shortDate(c.published);
      var quote = el("div", {
        "class": "quote", id: quoteId, role: "region", "aria-label": "[" + n + "] " + (c.title || ""), hidden: true
      }, [
        el("p", { "class": "qt" }, [c.title || c.doc_id || "", pageLabel(c.page) ? " · " : null,
          pageLabel(c.page) ? el("span", { "data-page": String(c.page), text: pageLabel(c.page) }) : null]),
        date ? el("p", { "class": "qd" }, [el("span", { "data-l": "published", text: L("published") }), " " + date]) : null,
        el("blockquote", { text: c.quote_display || c.quote || "" })
      ]);
      chips.appendChild(el("li", {}, [chip]));
      quotes.appendChild(quote);
      self.chips[n] = { chip: chip, quote: quote };
    });
    this.citationCard = el("section", { "class": "card cites", "aria-labelledby": headingId }, [
      el("h3", { id: headingId, "data-l": "sources", text: L("sources") }), chips, quotes
    ]);
    this.node.insertBefore(this.citationCard, this.figureCard || this.tail() || null);
    scrollToEnd(false);
  };

  BotMessage.prototype.toggleQuote = function (n, openOnly) {
    var entry = this.chips[String(n)];
    if (!entry) return;
    var expand = openOnly ? true : entry.quote.hidden;
    entry.quote.hidden = !expand;
    entry.chip.setAttribute("aria-expanded", expand ? "true" : "false");
    if (openOnly) entry.chip.focus();
    if (expand && entry.quote.scrollIntoView) entry.quote.scrollIntoView({ block: "nearest" });
  };

  BotMessage.prototype.showFigures = function (figures) {
    if (!Array.isArray(figures) || !figures.length || this.figureCard) return;
    var headingId = this.id + "-fig";
    var rows = el("tbody", {});
    var asOf = {}, sources = {};
    figures.forEach(function (f) {
      var name = el("th", {
        scope: "row", "data-figure": String(f.name || ""), "data-symbol": f.symbol || null, "data-period": f.period || null
      });
      renderFigureName(name);
      rows.appendChild(el("tr", {}, [name, el("td", { text: formatFigure(f, lang, LABELS[lang]) })]));
      if (f.as_of) asOf[shortDate(f.as_of)] = true;
      if (f.source) sources[String(f.source)] = true;
    });
    var dates = Object.keys(asOf).sort();
    var sourceList = Object.keys(sources);
    this.figureCard = el("section", { "class": "card figs", "aria-labelledby": headingId }, [
      el("h3", { id: headingId, "data-l": "figures", text: L("figures") }),
      el("table", {}, [rows]),
      dates.length ? el("p", { "class": "meta asof" }, [
        el("span", { "data-l": "asOf", text: L("asOf") }), " " + dates.join(", ")]) : null,
      sourceList.length ? el("p", { "class": "meta" }, [
        el("span", { "data-l": "source", text: L("source") }), " " + sourceList.join(", ")]) : null
    ]);
    this.node.insertBefore(this.figureCard, this.tail() || null);
    scrollToEnd(false);
  };

  BotMessage.prototype.tail = function () {
    return this.node.querySelector(".disclaimer,.error,.feedback");
  };

  BotMessage.prototype.finish = function (response) {
    this.finished = true;
    this.stopWaiting();
    if (typeof response.answer === "string") this.renderAnswer(response.answer);
    if (Array.isArray(response.citations) && !this.citationCard) this.showCitations(response.citations);
    if (Array.isArray(response.figures) && !this.figureCard) this.showFigures(response.figures);
    if (response.disclaimer) {
      this.node.appendChild(el("p", { "class": "disclaimer", text: response.disclaimer }));
    }
    if (response.message_id) this.node.appendChild(feedbackBar(String(response.message_id)));
    scrollToEnd(false);
  };

  BotMessage.prototype.fail = function (message) {
    if (this.failed) return;
    this.failed = true;
    this.stopWaiting();
    this.node.appendChild(el("p", { "class": "error", role: "alert", text: message || L("networkError") }));
    scrollToEnd(true);
  };

  BotMessage.prototype.stopWaiting = function () {
    if (this.status.parentNode) this.status.parentNode.removeChild(this.status);
    this.node.setAttribute("aria-busy", "false");
  };

  function feedbackBar(messageId) {
    var status = el("p", { "class": "fbstatus", role: "status" });
    var up = el("button", {
      "class": "thumb up", type: "button", "aria-pressed": "false", "data-la": "up", "aria-label": L("up"),
      "data-rating": "up"
    }, [icon(UP_ICON)]);
    var down = el("button", {
      "class": "thumb down", type: "button", "aria-pressed": "false", "data-la": "down", "aria-label": L("down"),
      "data-rating": "down"
    }, [icon(DOWN_ICON)]);
    var bar = el("div", { "class": "feedback", role: "group", "aria-label": L("rate"), "data-la": "rate" }, [
      el("span", { "class": "q", "aria-hidden": "true", "data-l": "rate", text: L("rate") }), up, down
    ]);
    var commentForm = null;
    var sending = false, sent = false;

    function submit(rating, comment) {
      if (sending || sent) return;
      sending = true;
      setDisabled(up, true);
      setDisabled(down, true);
      (rating === "up" ? up : down).setAttribute("aria-pressed", "true");
      var body = { message_id: messageId, rating: rating };
      if (comment) body.comment = comment;
      fetch(apiBase + "/v1/feedback", {
        method: "POST", mode: "cors", credentials: "omit",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(body)
      }).then(function (res) {
        if (!res.ok) throw new Error("HTTP " + res.status);
        sending = false;
        sent = true;
        if (commentForm && !commentForm.hidden) {
          commentForm.hidden = true;
          down.focus(); // the focused comment field is gone: keep keyboard focus in the bar
        }
        status.setAttribute("data-l", "thanks");
        status.textContent = L("thanks");
        bar.setAttribute("data-sent", rating);
      }).catch(function () {
        sending = false;
        setDisabled(up, false);
        setDisabled(down, false);
        (rating === "up" ? up : down).setAttribute("aria-pressed", "false");
        status.setAttribute("data-l", "feedbackError");
        status.textContent = L("feedbackError");
      });
    }

    up.addEventListener("click", function () { submit("up"); });
    down.addEventListener("click", function () {
      if (sending || sent) return;
      if (commentForm) { commentForm.hidden = false; commentForm.querySelector("input").focus(); return; }
      var field = el("input", {
        type: "text", maxlength: "1000", "data-la": "comment", "aria-label": L("comment"),
        "data-lp": "comment", placeholder: L("comment")
      });
      commentForm = el("form", { "class": "fbform", novalidate: true }, [
        field, el("button", { type: "submit", "data-l": "submit", text: L("submit") })
      ]);
      commentForm.addEventListener("submit", function (event) {
        event.preventDefault();
        submit("down", field.value.trim());
      });
      bar.insertBefore(commentForm, status);
      field.focus();
      scrollToEnd(false);
    });
    bar.appendChild(status);
    return bar;
  }

  // ---------------------------------------------------------------------------------------------
  function errorMessage(payload, fallback) {
    if (payload && payload.error && typeof payload.error.message === "string") return payload.error.message;
    return fallback;
  }

  function handleEvent(bot, type, data) {
    var payload = parseJSON(data);
    if (type === "token") {
      if (payload && typeof payload.text === "string") bot.appendToken(payload.text);
    } else if (type === "citations") {
      bot.showCitations(payload);
    } else if (type === "figures") {
      bot.showFigures(payload);
    } else if (type === "done") {
      if (payload && typeof payload === "object") {
        if (payload.conversation_id) conversationId = String(payload.conversation_id);
        bot.finish(payload);
      }
    } else if (type === "error") {
      bot.fail(errorMessage(payload, L("networkError")));
    }
  }

  async function ask(question) {
    question = String(question || "").trim();
    if (!question || busy) return;
    busy = true;
    setDisabled(sendButton, true);
    followTypedLanguage(question);
    log.appendChild(el("article", { "class": "msg user", "data-la": "you", "aria-label": L("you") }, [
      el("p", { "class": "bubble", text: question })
    ]));
    var bot = new BotMessage();
    try {
      var res = await fetch(apiBase + "/v1/chat/stream", {
        method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: question, conversation_id: conversationId })
      });
      if (!res.ok) {
        bot.fail(errorMessage(parseJSON(await res.text()), L("networkError") + " (HTTP " + res.status + ")"));
        return;
      }
      var parser = createSSEParser(function (type, data) { handleEvent(bot, type, data); });
      var decoder = new TextDecoder("utf-8");
      if (res.body && res.body.getReader) {
        var reader = res.body.getReader();
        for (;;) {
          var chunk = await reader.read();
          if (chunk.done) break;
          parser.push(decoder.decode(chunk.value, { stream: true }));
        }
        parser.push(decoder.decode());
      } else {
        parser.push(await res.text());
      }
      parser.end();
      if (!bot.finished) bot.fail(L("cutOff"));
    } catch (e) {
      bot.fail(L("networkError"));
    } finally {
      busy = false;
      setDisabled(sendButton, false);
      scrollToEnd(false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  launcher.addEventListener("click", function () { if (panel.hidden) open(); else close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener("input", function () {
    followTypedLanguage(input.value);
    autoGrow();
  });
  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition (Chinese input) is not a send.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var question = input.value.trim();
    if (!question || busy) return;
    input.value = "";
    autoGrow();
    ask(question);
  });

  function mount() {
    if (!host.isConnected) document.body.appendChild(host);
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.CaiwenWidget = {
    version: VERSION,
    apiBase: apiBase,
    open: open,
    close: close,
    ask: function (question) { open(); return ask(question); },
    setLanguage: setLanguage,
    language: function () { return lang; },
    detectLanguage: detectLanguage,
    createSSEParser: createSSEParser
  };
})();
