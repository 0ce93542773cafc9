"""HTML tables whose rows are each a label cell (<th>) and its value (<td>), a fact sheet's "key facts", have no
header row: the Markdown that trafilatura writes would make the first fact the column names ("Inception date |
March 3, 2015"). They are rewritten as one "label: value." paragraph per row before extraction."""
from __future__ import annotations

import re

import lxml.html

_CJK = re.compile(r"[\u3400-\u9fff]")


def _text(cell) -> str:
    return " ".join(cell.text_content().split())


def is_row_header_table(table) -> bool:
    rows = list(table.iter("tr"))
    return len(rows) >= 2 and all(
        len(r) >= 2 and r[0].tag == "th" and all(c.tag == "td" for c in r[1:]) for r in rows)


def row_header_tables_as_lines(html: str) -> str:
    """The HTML with each row-header table replaced by paragraphs; unchanged when it has none."""
    if "<th" not in html.lower():
        return html
    try:
        doc = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return html  # trafilatura reports what it cannot read
    root = doc.getroottree().getroot()  # a bare fragment parses to its element inside a made-up <html><body>
    tables = [t for t in root.iter("table") if is_row_header_table(t)]
    if not tables:
        return html
    for table in tables:
        for row in table.iter("tr"):
            label, value = _text(row[0]), ", ".join(_text(c) for c in row[1:] if _text(c))
            if not label or not value:
                continue
            chinese = bool(_CJK.search(label + value))
            p = lxml.html.Element("p")
            p.text = f"{label}：{value}。" if chinese else f"{label}: {value}."
            table.addprevious(p)
        table.getparent().remove(table)
    return lxml.html.tostring(root, encoding="unicode")
