"""「一共有几只成分股」 asks a count, and 一共 reads as a sum: an index level and a count of stocks stated nearby are no
two counts to add. Document written for this test, real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

NEWS = """# 岚桥消费精选指数年度检视

截至2026年10月31日，岚桥消费精选指数收报8,452.37点，年内上涨6.2%。

## 历史

- 2018年4月：指数正式发布，初始成分股25只。
- 2024年6月：定期审核时成分股由25只增至35只。

## 编制方法

成分股每年6月与12月定期审核，单一成分股权重上限为8%。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("count_questions"), {"news.md": NEWS}).ask


def test_a_count_asked_is_not_a_sum_of_a_level_and_a_count(ask):
    r = ask("岚桥消费精选指数一共有几只成分股？")
    assert not r.refused
    assert r.figures == []  # 8,452.37 + 25 is no answer
    assert "8477.37" not in r.answer and "8,477.37" not in r.answer
    assert "只" in r.answer  # a count of stocks is quoted
