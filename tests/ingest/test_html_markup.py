"""Encyclopedia-style HTML through the real loader (trafilatura): headings survive as Markdown headings whatever
follows them, and footnote reference marks (<sup>[2]</sup>) are not part of the text, on a page written for this
test (ingest.html_markup)."""
from __future__ import annotations

from ingest.html_markup import marked_html, restored_headings
from ingest.formats import LoadOptions
from ingest.loaders import load_file

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Tallis 30 Index - Wikiverse</title></head><body>
<div id="nav"><a href="/">Main page</a> | <a href="/random">Random article</a></div>
<h1>Tallis 30 Index</h1>
<p>The <b>Tallis 30 Index</b> is a stock market index of the 30 largest companies listed on the Tallis Exchange.</p>
<h2>History</h2>
<p>The index was launched on 2 May 2011 with a base value of 500.<sup>[1]</sup> It was renamed in 2016.<sup><a href="#c2">[2]</a></sup></p>
<h2>Methodology</h2>
<p>Constituents are weighted by free-float market capitalization, and no constituent may exceed 12% of the index.</p>
<h3>Weighting by sector</h3>
<p>Sector weights after the June 2026 review:<sup>[3]</sup></p>
<table><tr><th>Sector</th><th>Weight (%)</th></tr><tr><td>Financials</td><td>28.5</td></tr><tr><td>Energy</td><td>14.2</td></tr></table>
<h2>References</h2>
<ol><li>"Tallis index launched". Tallis Daily. 2 May 2011.</li><li>"Index renamed". Tallis Daily. 2016.</li></ol>
</body></html>"""


def test_headings_survive_extraction_and_footnote_marks_do_not(tmp_path):
    path = tmp_path / "tallis.html"
    path.write_text(PAGE, encoding="utf-8")
    text = load_file(path, LoadOptions()).text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[:4] == ["# Tallis 30 Index", "## History", "## Methodology", "### Weighting by sector"]
    assert "## References" in headings
    assert "[1]" not in text and "[3]" not in text and "sup>" not in text
    assert "base value of 500. It was renamed in 2016." in text
    assert "| Financials | 28.5 |" in text.replace(" |\n", " |\n")


# A page as some exports write it, without <html> or <body>: trafilatura alone drops its heading here
FRAGMENT = """<h2>Annual returns</h2>
<table class="wikitable">
<tr><td>2022</td><td>1,214.21</td><td>−11.9</td></tr>
<tr><td>2023</td><td>1,297.00</td><td>+6.8</td></tr>
<tr><td>2024</td><td>1,633.68</td><td>+25.9</td></tr>
<tr><td>2025</td><td>1,833.05</td><td>+12.2</td></tr>
</table>
<table class="wikitable">
<tr><td>Largest one-day fall</td><td>−7.35%</td><td>9 March 2020</td></tr>
</table>
<p>Critics have pointed to the index's heavy concentration in banks, the thin trading of many of its smaller members, which can make it costly to trade in stressed markets, and its exposure to swings in the Tallis crown for foreign investors.<sup>[2]</sup></p>
<h2>References</h2>"""


def test_a_fragments_headings_survive_too(tmp_path):
    path = tmp_path / "fragment.html"
    path.write_text(FRAGMENT, encoding="utf-8")
    text = load_file(path, LoadOptions()).text
    assert "## References" in text.splitlines()
    assert "[2]" not in text


def test_marking_round_trips_and_leaves_other_markup_alone():
    html = '<h2 class="x">Key <b>facts</b></h2><p>Rate 5%<sup>2</sup></p>'
    marked = marked_html(html)
    assert "<h2" not in marked and "<sup>2</sup>" in marked  # a superscript that is no reference mark stays
    assert restored_headings("CWHEADING2Z Key facts\n\ntext") == "## Key facts\n\ntext"


# A product page: the issuer and as-of line sits in <main> as <p class="meta">, a class trafilatura discards
PRODUCT = """<!DOCTYPE html><html lang="zh-HK"><head><title>產品資料｜恒峰權證</title></head><body>
<header><nav><a href="/">首頁</a> <a href="/cbbc/">牛熊證</a></nav><p class="breadcrumb">首頁 &gt; 牛熊證</p></header>
<main>
<h1>恒生指數牛熊證（2026年3月發行系列）</h1>
<p class="meta">發行人：恒峰證券（亞洲）有限公司｜本頁資料更新至：2026年4月30日收市</p>
<p>以下牛熊證於2026年3月2日上市，全部以現金結算，於到期時自動行使。</p>
<p id="note" class="byline">收回價及行使價以恒生指數點計。</p>
<section><h2>一、條款摘要</h2>
<table><tr><th>代號</th><th>類別</th><th>收回價</th><th>行使價</th><th>到期日</th></tr>
<tr><td>51201</td><td>牛證</td><td>18,800</td><td>18,600</td><td>2027年3月30日</td></tr>
<tr><td>51202</td><td>熊證</td><td>21,400</td><td>21,600</td><td>2027年2月25日</td></tr></table>
<p>恒生指數牛熊證之指數貨幣金額為每點1港元；每手買賣單位為10,000份，換股比率為每10,000份對1點。</p></section>
<section><h2>二、強制收回事件</h2>
<p>如恒生指數於觀察期內任何時間等於或低於（牛證）或等於或高於（熊證）收回價，即發生強制收回事件，牛熊證即時停止買賣。
R類牛熊證於強制收回事件後或有剩餘價值，按收回後估值期內恒生指數最低（牛證）或最高（熊證）水平計算，並於三個中央結算系統交收日內支付。</p>
<p>牛熊證價格可急升或急跌，投資者或會損失全部投資。過往表現並非未來表現之指標，投資前請細閱上市文件。</p></section>
</main>
<footer><p class="copyright">© 2026 恒峰證券（亞洲）有限公司 版權所有</p></footer>
</body></html>"""


def test_a_main_paragraphs_class_does_not_drop_it(tmp_path):
    path = tmp_path / "product.html"
    path.write_text(PRODUCT, encoding="utf-8")
    text = load_file(path, LoadOptions()).text
    assert "發行人：恒峰證券（亞洲）有限公司" in text and "2026年4月30日收市" in text
    assert "收回價及行使價以恒生指數點計" in text and "自動行使" in text
    assert "版權所有" not in text  # the footer stays out
