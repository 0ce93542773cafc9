"""A page's publisher, named only in its <title> and copyright footer (which cleaning drops), is kept with its
title; read from the real loaders and the real cleaning."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.documents import prepare_document, read_document
from ingest.formats import LoadOptions
from ingest.publisher import publisher_names, titled_with_publisher

PAGE = """<!DOCTYPE html><html lang="en"><head><title>US Fractional Shares | Quillon Crest Securities</title></head>
<body><header><a class="logo" href="/">Quillon Crest Securities</a><nav><a href="/">Home</a></nav></header>
<main><h1>US Fractional Shares: invest by amount</h1>
<p>Buy US stocks and ETFs by dollar amount, in the app or on the web.</p>
<h2>Limits</h2>
<ul><li>Minimum order amount: US$5 per order.</li><li>Maximum order amount: US$50,000 per order.</li></ul>
<h2>How orders are filled</h2>
<p>Fractional orders are filled during the regular US session only, and quantities are rounded down to 0.0001 share.</p>
</main><footer><p>&copy; 2032 Quillon Crest Securities Limited. All rights reserved.</p></footer></body></html>
"""


def _title(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return prepare_document(path, name, read_document(path, name, LoadOptions(), 300, 60), 300, 60).record.title


def test_an_html_page_keeps_the_publisher_its_title_tag_and_footer_name(tmp_path: Path) -> None:
    title = _title(tmp_path, "page.html", PAGE)
    assert title.startswith("US Fractional Shares: invest by amount")
    # the copyright holder's legal name holds the site name: written once
    assert title.endswith("| Quillon Crest Securities Limited")


def test_a_title_already_naming_the_publisher_is_kept_as_it_is(tmp_path: Path) -> None:
    notice = "# 昱衡證券交割款項調整公告\n\n由2031年3月1日起，交割款項須於T+1日上午10時前存入。\n\n昱衡證券股份有限公司　版權所有 © 2031\n"
    assert _title(tmp_path, "notice.md", notice) == "昱衡證券交割款項調整公告"


@pytest.mark.parametrize(("raw", "page_title", "is_html", "names"), [
    # the site name first, the page's title second
    ("<title>Harrowgate Securities | Currency conversion</title>", "Currency conversion", True, ("Harrowgate Securities",)),
    # the page's title written another way in the <title> (時限 missing) is no publisher, nor the name the title holds
    ("<title>交割款項繳付及違約交割處理調整公告｜昱豐證券</title>", "昱豐證券交割款項繳付時限及違約交割處理調整公告", True, ()),
    # a document type after a dash is no site name
    ("<title>Northgate Income Fund - Fact Sheet</title>", "Northgate Income Fund", True, ()),
    # the holder written before 版權所有; a hotline's number before it is none
    ("經晨網 版權所有 © 2026　關於我們｜廣告合作", None, False, ("經晨網",)),
    ("客服热线：95877　　版权所有 © 2026 澄川基金管理有限公司　沪ICP备2026000000号", None, False, ("澄川基金管理有限公司",)),
    # "this site" is no name; a list item's (c) is no copyright mark
    ("首頁｜即時新聞　　© 2026 本網版權所有", None, False, ()),
    ("(a) the fee is HK$5;\n(c) the account is closed.", None, False, ()),
    ("&copy; 2027 Fuyue Securities Co., Ltd. All rights reserved.", None, False, ("Fuyue Securities Co., Ltd.",)),
])
def test_publisher_names(raw, page_title, is_html, names) -> None:
    assert publisher_names(raw, page_title, is_html) == names


def test_the_title_adds_only_the_names_it_lacks() -> None:
    assert titled_with_publisher("Currency Exchange", ("Brightwater Crest Securities Limited",)) == \
        "Currency Exchange | Brightwater Crest Securities Limited"
    assert titled_with_publisher("晟岱證券繼承公告", ("晟岱證券",)) == "晟岱證券繼承公告"
    assert titled_with_publisher("Fees", ()) == "Fees"
