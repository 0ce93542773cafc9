"""An English answer quoting a Chinese sentence that has quotation marks of its own (「以下简称“本公司”」) nests them, so
the quote ends where the answer's closing mark is and the answer's own words stay English. Document written for this
test, real chain."""
from __future__ import annotations

from evals.metrics.language import answer_script
from tests.conftest import assistant_over

NOTICE = """# 岚汇证券基金费率优惠公告

岚汇证券有限公司（以下简称“本公司”或“本平台”）自2027年9月1日起调整下列基金在本平台的申购费率优惠，网上申购一律1折。
"""


def test_an_english_answer_nests_the_quotes_own_quotation_marks(tmp_path):
    ask = assistant_over(tmp_path, {"notice.md": NOTICE}).ask
    r = ask("From when does Lanhui's subscription fee discount apply?")
    assert not r.refused
    assert "‘本公司’" in r.answer and "“本公司”" not in r.answer
    assert answer_script(r.answer) == "en"
