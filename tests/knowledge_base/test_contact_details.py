"""Contact details are blanked out of what the composer matches and embeds (knowledge_base.contact_details)."""
from __future__ import annotations

from knowledge_base.contact_details import without_contact_details
from knowledge_base.unit_vectors import unit_embed_text

LINE = "答:請電郵至 ir@haicheng-reit.example 或瀏覽 https://www.haicheng-reit.example/ir，亦可致電 (852) 3100 4821。"


def test_addresses_and_telephone_numbers_are_blanked_keeping_the_length():
    blanked = without_contact_details(LINE)
    assert len(blanked) == len(LINE)
    assert "haicheng" not in blanked and "4821" not in blanked and "852" not in blanked
    assert blanked.startswith("答:請電郵至") and "亦可致電" in blanked
    assert without_contact_details("Call 800-555-0199 or write to funds@example.com.").split() == ["Call", "or", "write", "to", "."]
    assert without_contact_details("客服專線：0800-123-456").strip() == "客服專線："  # a toll-free line


def test_figures_and_codes_are_not_contact_details():
    for text in ("港灃房託(股份代號:2719)的出租率為94.6%。", "Net expense ratio: 0.20% (2026).", "收報5,862.35點", "生效日2026-12-03"):
        assert without_contact_details(text) == text


def test_a_unit_embeds_without_them_and_other_units_embed_as_before():
    assert "haicheng" not in unit_embed_text(LINE, "answer") and "致电" in unit_embed_text(LINE, "answer")
    plain = "  海澄房託的出租率為96.2%。 "
    assert unit_embed_text(plain, "answer") == "海澄房托的出租率为96.2%。"  # the text hash ingest stored is unchanged
