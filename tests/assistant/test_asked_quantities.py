"""The units a question says the asker holds (assistant/composers/asked_quantities.py)."""
from __future__ import annotations

from assistant.composers.asked_quantities import stated_units


def test_a_month_is_not_a_number_of_units():
    held = stated_units("我9月份在发行价买了15万份61258,现在亏了多少?")
    assert held is not None and held.value == 150000


def test_one_holding_is_read_and_two_are_not():
    assert stated_units("我有2,000股瀾嶼儲能").value == 2000
    assert stated_units("我有2,000股A和500股B") is None
