"""User-facing sentences, one entry per message, one text per language key (QueryLanguage.key: zh-Hans,
zh-Hant-HK, zh-Hant-TW, en).

An entry that gives only zh-Hans serves Traditional askers through `to_asker_script` (OpenCC plus the HK / TW
financial glossary); an entry gives its own zh-Hant-HK / zh-Hant-TW text where the wording differs beyond
what conversion does. Templates take `str.format` fields.

    say("figures.no_data", language, name=name)   # filled in and written in the asker's script
"""
from __future__ import annotations

from functools import lru_cache

from assistant.language import QueryLanguage, to_asker_script

MESSAGES: dict[str, dict[str, str]] = {
    # Said after an answer when the question names something no source mentions (answered with what is stated).
    "not_stated": {
        "zh-Hant-HK": "資料來源未有提及：{terms}。",
        "zh-Hant-TW": "資料來源未提及：{terms}。",
        "zh-Hans": "资料来源未提及：{terms}。",
        "en": "The sources do not state: {terms}.",
    },
    # Before an extractive answer whose sources state different figures or frequencies.
    # A Chinese asker shown a sentence the sources write only in English (no LLM to translate it).
    "quoted_in_english": {
        "zh-Hant-HK": "資料來源（英文原文）：",
        "zh-Hant-TW": "資料來源（英文原文）：",
        "zh-Hans": "资料来源（英文原文）：",
        "en": "From the sources (in English): ",  # not used: English askers read English quotes unframed
    },
    # Before a source's worked example worked again with the asker's figures (composers/worked_example.py).
    "worked_example.lead": {
        "zh-Hans": "按资料{cites}的计算示例，以您的数字计算：",
        "en": "Working the example in {cites} with your figures: ",
    },
    "worked_example.swap": {
        "zh-Hans": "以您所述的{asked}代替示例的{example}",
        "en": "your {asked} in place of the example's {example}",
    },
    "worked_example.tier": {
        "zh-Hans": "以资料[{n}]所列您金额所属档次的{asked}代替示例的{example}",
        "en": "the {asked} that [{n}] states for your amount's tier in place of the example's {example}",
    },
    "worked_example.rounded_down": {"zh-Hans": "舍去后为{result}", "en": "rounded down to {result}"},
    "worked_example.rounded_up": {"zh-Hans": "进位后为{result}", "en": "rounded up to {result}"},
    "worked_example.rounded_half": {"zh-Hans": "四舍五入为{result}", "en": "rounded to {result}"},
    "worked_example.minimum": {"zh-Hans": "低于最低{minimum}，按最低计", "en": "below the {minimum} minimum, so {result}"},
    "worked_example.charges": {"zh-Hans": "费用合计：{terms} = {result}", "en": "charges in total: {terms} = {result}"},
    "worked_example.stale": {
        "zh-Hans": "注意：示例的「{step}」按示例本身的数字计算，未按您的数字重算，实际金额可能不同",
        "en": "note: the example's 「{step}」 is kept on the example's own figures, not worked with yours, so the amount may differ",
    },
    "worked_example.condition": {
        "zh-Hans": "注意：示例所述「{condition}」不适用于您的数字，实际金额可能不同",
        "en": "note: the example's 「{condition}」 does not hold for your figures, so the amount may differ",
    },
    # A holding worked at a ratio the sources state (composers/stated_ratio.py).
    "stated_ratio.becomes": {
        "zh-Hans": "按资料[{n}]每{old}个转为{new}个的比例：{holding} × {new} ÷ {old} = {exact}，即{result}个（不足一个的零碎部分按资料所述处理）",
        "en": "At the ratio in [{n}] ({old} into {new}): {holding} × {new} ÷ {old} = {exact}, so {result} whole units "
              "(a fraction of a unit is handled as [{n}] says)",
    },
    "stated_ratio.adds": {
        "zh-Hans": "按资料[{n}]每{old}获{new}的比例：{holding} × {new} ÷ {old} = {exact}，即可获{result}个（零碎部分按资料所述处理）",
        "en": "At the ratio in [{n}] ({new} for every {old}): {holding} × {new} ÷ {old} = {exact}, so {result} "
              "(a fraction is handled as [{n}] says)",
    },
    "stated_ratio.price": {
        "zh-Hans": "{price}的旧单位相当于每个新单位{price} × {old} ÷ {new} = {result}",
        "en": "at {price} an old unit, a new unit is the equivalent of {price} × {old} ÷ {new} = {result}",
    },
    "worked_example.listed": {
        "zh-Hans": "以资料[{n}]为您所问证券所列的{asked}代替示例的{example}",
        "en": "the {asked} that [{n}] lists for the security you name in place of the example's {example}",
    },
    "sources_differ": {
        "zh-Hant-HK": "資料說法不一致：",
        "zh-Hant-TW": "資料說法不一致：",
        "zh-Hans": "资料说法不一致：",
        "en": "The sources differ: ",
    },
    # After an answer to a question that asks for advice (assistant/advice.py).
    "advice.disclaimer": {
        "zh-Hant-HK": "以上內容僅供參考，不構成投資建議或買賣任何產品的推薦；投資前請考慮自身目標及風險承受能力。",
        "zh-Hant-TW": "以上內容僅供參考，不構成投資建議或買賣任何商品的推薦；投資前請考量自身目標及風險承受度。",
        "zh-Hans": "以上内容仅供参考，不构成投资建议或买卖任何产品的推荐；投资前请考虑自身目标及风险承受能力。",
        "en": "This is general information, not investment advice or a recommendation to buy or sell any product; "
              "consider your own goals and risk tolerance.",
    },
    # Before the quoted sources when a question asks whether to buy, sell or hold.
    "advice.no_call": {
        "zh-Hant-HK": "我無法就買賣作出建議，以下是資料中的相關內容：",
        "zh-Hant-TW": "我無法提供買賣建議，以下是資料中的相關內容：",
        "zh-Hans": "我无法提供买卖建议，以下是资料中的相关内容：",
        "en": "I can't tell you whether to buy, sell or hold. Here is what the sources say: ",
    },
    # Instead of an answer whose every sentence carried a call, a guarantee or a pitch.
    "safety.withheld": {
        "zh-Hant-HK": "資料中的相關內容含有買賣建議、回報保證或推廣字眼，不能轉述；如需協助請聯絡客戶服務。",
        "zh-Hant-TW": "資料中的相關內容含有買賣建議、報酬保證或推廣字眼，無法轉述；如需協助請聯繫客服。",
        "zh-Hans": "资料中的相关内容含有买卖建议、回报保证或推广字眼，不能转述；如需协助请联系客户服务。",
        "en": "The relevant source text contains buy/sell calls, return guarantees or promotional wording, so it "
              "cannot be passed on; please contact customer service for help.",
    },
    # --- market and arithmetic figures (assistant/figures/answering.py) ---------------------------------
    # Windows, as phrases inside a sentence.
    "figures.since_close": {"zh-Hans": "自{start}收市以来", "en": "since the {start} close"},
    "figures.ytd": {"zh-Hans": "年初至今", "en": "year to date"},
    "figures.mtd": {"zh-Hans": "本月至今", "en": "month to date"},
    "figures.wtd": {"zh-Hans": "本周至今", "en": "week to date"},
    "figures.max": {"zh-Hans": "自{start}以来", "en": "since {start}"},
    "figures.one_day": {"zh-Hans": "当日", "en": "on the day"},
    "figures.past_days": {"zh-Hans": "过去{n}个交易日", "en": "over the past {n} trading days"},
    "figures.past_month": {"zh-Hans": "过去一个月", "en": "over the past month"},
    "figures.past_months": {"zh-Hans": "过去{n}个月", "en": "over the past {n} months"},
    "figures.past_year": {"zh-Hans": "过去一年", "en": "over the past year"},
    "figures.past_years": {"zh-Hans": "过去{n}年", "en": "over the past {n} years"},
    # Moves, as phrases.
    "figures.unchanged": {"zh-Hans": "持平", "en": "unchanged"},
    "figures.up": {"zh-Hans": "上涨{pct:.2f}%", "en": "up {pct:.2f}%"},
    "figures.down": {"zh-Hans": "下跌{pct:.2f}%", "en": "down {pct:.2f}%"},
    "figures.assumed_index": {"zh-Hans": "(未指明指数,以下按{index}计算。)", "en": "(No index named; taking the {index}.) "},
    "figures.source": {"zh-Hans": "数据来源:{source}。", "en": " Source: {source}."},
    "figures.performance": {
        "zh-Hans": "截至{end_date},{name}收报{end_level}点,{phrase}{move}({points:+,.2f}点;{start_date}收市为{start_level}点)。",
        "en": "As of {end_date}, the {name} closed at {end_level}, {move} ({points:+,.2f} points) {phrase} "
              "(base: {start_level} at the {start_date} close).",
    },
    "figures.volatility": {
        "zh-Hans": "截至{end_date},{name}{phrase}的年化波动率为{vol:.2f}%(按{n}个交易日的每日对数回报计算,日标准差{daily:.2f}%)。",
        "en": "As of {end_date}, the {name}'s annualized volatility {phrase} was {vol:.2f}% (standard deviation "
              "of daily log returns {daily:.2f}% over {n} trading days).",
    },
    "figures.no_drawdown": {
        "zh-Hans": "截至{end_date},{name}{phrase}没有回撤(每日收市都不低于之前的高位)。",
        "en": "As of {end_date}, the {name} had no drawdown {phrase} (no close below an earlier high).",
    },
    "figures.recovered": {"zh-Hans": ",并于{date}收复高位", "en": "; it regained that peak on {date}"},
    "figures.not_recovered": {"zh-Hans": ",至今未收复该高位", "en": "; it has not regained that peak"},
    "figures.drawdown": {
        "zh-Hans": "截至{end_date},{name}{phrase}的最大回撤为{depth:.2f}%,由{peak_date}的高位{peak_level}点跌至"
                   "{trough_date}的{trough_level}点{recovery}。",
        "en": "As of {end_date}, the {name}'s maximum drawdown {phrase} was {depth:.2f}%, from {peak_level} on "
              "{peak_date} to {trough_level} on {trough_date}{recovery}.",
    },
    "figures.cagr": {
        "zh-Hans": "截至{end_date},{name}{phrase}的年化回报为{cagr:.2f}%,累计{move}(由{start_date}的{start_level}点至"
                   "{end_level}点,约{years:.1f}年)。",
        "en": "As of {end_date}, the {name} returned {cagr:.2f}% a year (annualized) {phrase}, {move} in total (from "
              "{start_level} on {start_date} to {end_level}, {years:.1f} years).",
    },
    # Clauses of the relative-performance sentence, joined with ";" / "; ".
    "figures.clauses": {"zh-Hans": "{clauses}。", "en": "{clauses}."},
    "figures.clause_separator": {"zh-Hans": ";", "en": "; "},
    "figures.relative": {
        "zh-Hans": "截至{end_date},{phrase}{name_a}{move_a},{name_b}{move_b},{short_a}{verdict}{pp:.2f}个百分点",
        "en": "As of {end_date}, {phrase} the {name_a} was {move_a} and the {name_b} {move_b}, so the {short_a} "
              "{verdict} by {pp:.2f} percentage points",
    },
    "figures.outperformed": {"zh-Hans": "跑赢", "en": "outperformed"},
    "figures.underperformed": {"zh-Hans": "跑输", "en": "underperformed"},
    "figures.winning_streak": {
        "zh-Hans": "按每日回报计,{short_a}目前已连续{days}个交易日跑赢{short_b}(期内最长连续{longest}日)",
        "en": "on daily returns it has beaten the {short_b} {days} trading days in a row (longest run in the "
              "window: {longest})",
    },
    "figures.lagged_last_day": {
        "zh-Hans": "{short_a}最近一个交易日跑输{short_b}(期内最长连续跑赢{longest}日)",
        "en": "it lagged the {short_b} on the latest day (longest winning run in the window: {longest} days)",
    },
    "figures.relative_annualized": {
        "zh-Hans": "年化计{short_a}每年{ca:.2f}%,{short_b}每年{cb:.2f}%,相差{gap:.2f}个百分点",
        "en": "annualized, {ca:.2f}% a year vs {cb:.2f}% ({diff:+.2f} points a year)",
    },
    "figures.relative_beta": {
        "zh-Hans": "相对{short_b}的beta为{beta:.2f},相关系数{correlation:.2f}",
        "en": "beta to the {short_b} {beta:.2f}, correlation {correlation:.2f}",
    },
    "figures.relative_volatility": {
        "zh-Hans": "年化波动率{short_a}为{va:.2f}%,{short_b}为{vb:.2f}%",
        "en": "annualized volatility {va:.2f}% vs {vb:.2f}%",
    },
    "figures.relative_drawdown": {
        "zh-Hans": "最大回撤{short_a}为{va:.2f}%,{short_b}为{vb:.2f}%",
        "en": "maximum drawdown {va:.2f}% vs {vb:.2f}%",
    },
    # Arithmetic on numbers the asker gave.
    "figures.pe_discount": {
        "zh-Hans": "按1−{lo:g}÷{hi:g}计算,{lo:g}倍市盈率较{hi:g}倍低约{d:.2f}%(盈利收益率分别为{ey_lo:.2f}%及{ey_hi:.2f}%)。",
        "en": "1 − {lo:g} ÷ {hi:g} = {d:.2f}%: a P/E of {lo:g} is at a {d:.2f}% discount to {hi:g} "
              "(earnings yields {ey_lo:.2f}% vs {ey_hi:.2f}%).",
    },
    "figures.pe_premium": {
        "zh-Hans": "按{hi:g}÷{lo:g}−1计算,{hi:g}倍市盈率较{lo:g}倍高出约{p:.2f}%(盈利收益率分别为{ey_hi:.2f}%及{ey_lo:.2f}%)。",
        "en": "{hi:g} ÷ {lo:g} − 1 = {p:.2f}%: a P/E of {hi:g} is at a {p:.2f}% premium to {lo:g} "
              "(earnings yields {ey_hi:.2f}% vs {ey_lo:.2f}%).",
    },
    "figures.ratio": {"zh-Hans": "{hi:g}÷{lo:g}≈{x:.2f},即约{x:.2f}倍。", "en": "{hi:g} ÷ {lo:g} ≈ {x:.2f}, i.e. about {x:.2f} times."},
    "figures.expression_holds": {
        "zh-Hans": "按所给数字计算：{expr}≈{value:g},与所说的{claimed:g}一致。",
        "en": "Worked out from the figures given: {expr} ≈ {value:g}, which matches the stated {claimed:g}.",
    },
    "figures.expression_differs": {
        "zh-Hans": "按所给数字计算：{expr}≈{value:g},不是所说的{claimed:g}(相差{gap:g});所说的结果与算式对不上。",
        "en": "Worked out from the figures given: {expr} ≈ {value:g}, not the stated {claimed:g} (off by {gap:g}); "
              "the stated result does not follow from the calculation.",
    },
    "figures.annualize": {
        "zh-Hans": "年化回报=(1+{cum:g}%)^(1/{years:g})−1≈{ann:.2f}%。",
        "en": "Annualized: (1 + {cum:g}%)^(1/{years:g}) − 1 ≈ {ann:.2f}% a year.",
    },
    "figures.growth": {
        "zh-Hans": "{amount}以每年{rate:g}%复利增长{years:g}年,约变为{fv}(约{times:.2f}倍)。",
        "en": "{amount} growing at {rate:g}% a year for {years:g} years becomes about {fv} ({times:.2f} times).",
    },
    "figures.percent_of": {"zh-Hans": "{pct:g}%×{base}≈{value}。", "en": "{pct:g}% × {base} ≈ {value}."},
    # Checking a stated move: the parts stated, then whether they agree.
    "figures.claim_points": {"zh-Hans": "{points:+,.2f}点", "en": "{points:+,.2f} points"},
    "figures.claim_pct": {"zh-Hans": "{pct:+.2f}%", "en": "{pct:+.2f}%"},
    "figures.claim_start": {"zh-Hans": "起点{level}点", "en": "a start of {level}"},
    "figures.claim_end": {"zh-Hans": "收报{level}点", "en": "a close of {level}"},
    "figures.claim_list": {"zh-Hans": "{head}及{last}", "en": "{head} and {last}"},
    "figures.claim_separator": {"zh-Hans": "、", "en": ", "},
    "figures.claim_consistent": {
        "zh-Hans": "所述{stated}互相吻合:由{start}点至{end}点即{points:+,.2f}点、{pct:+.2f}%。",
        "en": "The stated {stated} agree: {start} to {end} is {points:+,.2f} points, {pct:+.2f}%.",
    },
    "figures.claim_alternative": {
        "zh-Hans": ";若按{pct:+.2f}%计算,应为{points:+,.2f}点(起点{base}点)",
        "en": "; a {pct:+.2f}% move would be {points:+,.2f} points from {base}",
    },
    "figures.claim_basis_points": {"zh-Hans": "按点数计算", "en": "the points imply"},
    "figures.claim_basis_levels": {"zh-Hans": "按起止点位计算", "en": "the levels imply"},
    "figures.claim_inconsistent": {
        "zh-Hans": "所述{stated}并不一致:{basis},起点为{start}点,升跌幅应为{pct:+.2f}%{alternative}。",
        "en": "The stated {stated} do not agree: {basis} a start of {start} and a move of {pct:+.2f}%{alternative}.",
    },
    # Why no figure can be given.
    "figures.unknown_symbol_suggest": {
        "zh-Hans": "未能识别「{query}」这个指数或代号,你是否指 {suggestions}?",
        "en": "I don't recognise the index or ticker \u201c{query}\u201d; did you mean {suggestions}?",
    },
    "figures.unknown_symbol_known": {
        "zh-Hans": "未能识别「{query}」这个指数或代号;目前可查询:{known}。",
        "en": "I don't recognise the index or ticker \u201c{query}\u201d; I can give figures for {known}.",
    },
    "figures.no_data": {
        "zh-Hans": "目前没有{name}的行情数据,所以无法提供最新数字。",
        "en": "There is no price data for the {name} at the moment, so I cannot give a live figure.",
    },
    "figures.out_of_range": {
        "zh-Hans": "{name}的价格数据只涵盖{first}至{last},不包括{requested},无法计算这个数字。",
        "en": "The {name} price data covers {first} to {last}, which does not include {requested}, so this figure "
              "cannot be computed.",
    },
    "figures.insufficient_data": {
        "zh-Hans": "该时段内的价格数据不足,无法计算这个数字。",
        "en": "There are not enough prices in that window to compute this figure.",
    },
    "figures.provider_unavailable": {
        "zh-Hans": "行情服务暂时无法连接,未能提供最新数字。",
        "en": "The market data service is unavailable right now, so no live figure can be given.",
    },
    "figures.provider_data": {
        "zh-Hans": "行情服务返回的数据无法解读,因此不提供数字。",
        "en": "The market data service returned data that could not be read, so no figure is given.",
    },
    "figures.misconfigured": {
        "zh-Hans": "行情服务的设定有误,暂时无法提供数字;我们已记录此问题。",
        "en": "Live figures are not available because the market data service is misconfigured; this has been logged.",
    },
    "figures.cannot_compute": {"zh-Hans": "无法计算这个数字:{detail}", "en": "That figure cannot be computed: {detail}"},
    # Live figures next to an article's: which is newer.
    "figures.live_newer": {
        "zh-Hans": "文章的数字写于{published};上面的行情数字截至{as_of},较新。",
        "en": "The article's figures date from {published}; the market figures above are as of {as_of} and are newer.",
    },
    "figures.live_not_newer": {
        "zh-Hans": "上面的行情数字截至{as_of},不比文章({published})新;请以较新的资料为准。",
        "en": "The market figures above are as of {as_of}, not newer than the article ({published}); prefer the more "
              "recent source.",
    },
}


def template(name: str, language: QueryLanguage) -> str:
    """The unfilled text of `name` for the asker (a Traditional key without its own text gets zh-Hans)."""
    entry = MESSAGES[name]
    return entry.get(language.key) or entry["zh-Hans" if language.is_chinese else "en"]


def fill(name: str, language: QueryLanguage, /, **values: object) -> str:
    """`name` filled in, still in Simplified for a Chinese asker: a phrase for a sentence that is converted whole."""
    return template(name, language).format(**values)


def say(name: str, language: QueryLanguage, /, **values: object) -> str:
    """`name` filled in with `values`, in the asker's script and regional wording: the template and each text value
    converted on its own, since a sentence mixing a Traditional label into a Simplified template reads as
    Traditional and would keep the template's Simplified words (「示例的「代收新股手續費」按示例本身的数字计算」)."""
    if not language.is_chinese:
        return fill(name, language, **values)
    converted = {k: to_asker_script(v, language) if isinstance(v, str) else v for k, v in values.items()}
    return _asker_template(name, language).format(**converted)


@lru_cache(maxsize=1024)
def _asker_template(name: str, language: QueryLanguage) -> str:
    """A message's template in the asker's script, converted once (a template never changes)."""
    return to_asker_script(template(name, language), language)
