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
