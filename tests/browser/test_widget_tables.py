"""The widget's script tables agree with OpenCC (no browser needed)."""
from __future__ import annotations

import re

from api.widget import demo_html_path, widget_js_path
from knowledge_base.scripts import converter


def js_string(name: str) -> str:
    source = widget_js_path().read_text(encoding="utf-8")
    match = re.search(rf"var {name} =\s*((?:\"[^\"]*\"\s*\+?\s*)+);", source)
    assert match, f"{name} not found in widget.js"
    return "".join(re.findall(r'"([^"]*)"', match.group(1)))


def test_traditional_only_characters_change_under_t2s():
    trad = js_string("TRAD_ONLY")
    assert len(trad) >= 500
    t2s = converter("t2s")
    unchanged = [ch for ch in trad if t2s.convert(ch) == ch]
    assert unchanged == []


def test_simplified_only_characters_change_under_s2t():
    simp = js_string("SIMP_ONLY")
    assert len(simp) >= 500
    s2t = converter("s2t")
    unchanged = [ch for ch in simp if s2t.convert(ch) == ch]
    assert unchanged == []


def test_tables_leave_out_characters_both_scripts_write():
    trad, simp = js_string("TRAD_ONLY"), js_string("SIMP_ONLY")
    assert not set(trad) & set(simp)
    # 台灣, 皇后, 干擾, 麵/面, 公里: common in Traditional text although OpenCC maps them.
    for shared in "台后干面里":
        assert shared not in trad and shared not in simp


def test_widget_files_are_where_the_api_serves_them_from():
    assert widget_js_path().is_file() and demo_html_path().is_file()
    demo = demo_html_path().read_text(encoding="utf-8")
    assert '<script src="/widget.js" defer></script>' in demo
