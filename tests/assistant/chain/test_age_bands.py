"""An age the asker states names the row of its band in a table of ages (45 in 「41 to 50」), though the question
shares no word with that row. Documents written for this test, real chain."""
from __future__ import annotations

import pytest

from assistant.tables import asked_ages, in_age_band
from tests.conftest import assistant_over

PLAN_PAGE = """<html><head><title>Harlowe Insurance | CareShield premiums</title></head><body>
<nav>Home | Health | Claims | Contact</nav>
<h1>CareShield Hospital Plan: premiums from 1 April 2041</h1>
<p>Harlowe Insurance is revising the CareShield premiums for new policies signed on or after 1 April 2041. Existing
policies move to the new premiums at their first anniversary on or after 1 July 2041. We will write to every policy
holder at least 30 days before the anniversary. Your premium depends on your age at your last birthday.</p>
<h2>Annual premiums (no deductible)</h2>
<table><tr><th>Age band</th><th>Current annual premium</th><th>New annual premium</th></tr>
<tr><td>18 to 30</td><td>HK$2,210</td><td>HK$2,430</td></tr>
<tr><td>31 to 40</td><td>HK$3,090</td><td>HK$3,370</td></tr>
<tr><td>41 to 50</td><td>HK$4,760</td><td>HK$5,230</td></tr>
<tr><td>51 to 60</td><td>HK$7,910</td><td>HK$8,690</td></tr>
</table>
<footer>Harlowe Insurance (Hong Kong) Limited</footer></body></html>
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory):
    return assistant_over(tmp_path_factory.mktemp("ages"), {"plan.html": PLAN_PAGE}).ask


def test_the_askers_age_and_the_bands_that_hold_it():
    assert asked_ages("whats the new premium for a 45 yr old") == {45}
    assert asked_ages("我58歲，月繳幾多？") == {58}
    assert asked_ages("I'm aged 44 and sign on 20 May 2041") == {44}
    assert asked_ages("HK$45,000 deductible") == set()  # an amount is no age
    assert in_age_band("41 to 50", {45}) and in_age_band("41–50歲", {45}) and not in_age_band("51 to 60", {45})


def test_a_question_giving_an_age_reads_its_bands_row(ask):
    r = ask("whats the new careshield premium for a 45 yr old with no deductible?")
    assert not r.refused and "HK$5,230" in r.answer
