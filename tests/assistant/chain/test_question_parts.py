"""Each part of a question in several parts gets the unit answering it, not the row that only names the subject
whose figure the part asks. Documents written for this test, through the real chain."""
from __future__ import annotations

import pytest

from tests.conftest import assistant_over

PROFILE = """# 华曜稳健债券基金产品概要

本概要介绍华曜稳健债券基金的主要信息，投资者应同时阅读基金合同。

## 一、基本信息

| 项目 | 内容 |
| --- | --- |
| 基金简称及代码 | 华曜稳健债券（017342） |
| 基金类型 | 债券型证券投资基金 |
| 风险等级 | R2（中低风险） |
| 基金管理人 | 华曜基金管理有限公司 |
| 基金托管人 | 东衡银行股份有限公司 |
| 成立日期 | 2023年5月18日 |

## 二、费用

华曜稳健债券基金的管理费年费率为0.30%，托管费年费率为0.08%，持有不满7日赎回收取1.5%赎回费。
华曜稳健债券基金不收取销售服务费。
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("parts"), {"profile.md": PROFILE}).ask


def test_each_part_gets_the_row_it_asks_not_the_subjects_code_row(ask):
    r = ask("华曜稳健债券的风险等级是什么？托管人是哪家银行？")
    assert not r.refused
    assert "R2" in r.answer and "东衡银行" in r.answer
    assert "017342" not in r.answer  # the code row names the subject and answers neither part


def test_a_cantonese_possessive_names_the_subject_too(ask):
    r = ask("華曜穩健債券嘅風險等級係咩？幾時成立？")
    assert "R2" in r.answer and "2023年5月18日" in r.answer
    assert "017342" not in r.answer
