"""An English question over Chinese text whose words only a general dictionary maps (trustee → 受托人,
underwriter → 承销), through the real chain; the dictionary's words find passages but are no evidence that
the sources cover a question."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

REIT = """# 嶺南房託基金(代號 8801)簡介

嶺南房託基金於2019年在香港交易所上市,持有六座商場。

基金的受托人为汇丰机构信托服务(亚洲)有限公司,管理人为嶺南房託管理有限公司。

首次公开发售的承销由中环证券负责。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("dictionary"), {"reit.md": REIT}).ask


def test_a_word_only_the_dictionary_maps_finds_its_passage(ask):
    r = ask("Who is the trustee of the 8801 REIT?")
    assert not r.refused and "汇丰机构信托服务" in r.answer


def test_dictionary_words_are_no_evidence_of_coverage(ask):
    assert ask("what is the bitcoin price target for the end of 2026?").refused
