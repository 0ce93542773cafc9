import pytest

from evals.golden import GoldenNumber
from evals.metrics.content import check_numbers, extract_numbers, missing_keys, must_include_recall


def test_traditional_answer_matches_simplified_keys():
    answer = "羅素2000指數由富時羅素(FTSE Russell)編製,被視為美國經濟的領先指標。"
    assert must_include_recall(answer, ["富时罗素", "领先指标"]) == 1.0


def test_width_case_space_and_thousands_folding():
    answer = "ＩＷＭ 的 Tracking  Error 很低;日均成交額不足1,000萬美元,約 7 %。"
    keys = ["IWM", "tracking error", "1000万", "7%", "VTWO"]
    assert must_include_recall(answer, keys) == pytest.approx(4 / 5)
    assert missing_keys(answer, keys) == ["VTWO"]
    assert must_include_recall(answer, []) is None


def test_72_percent_matches_72_2_only_when_tol_allows():
    answer = "標普500市盈率較羅素2000高約72 %[2]。"
    assert check_numbers(answer, [GoldenNumber(value=72.2, tol=0.5, unit="%")]).accuracy == 1.0
    assert check_numbers(answer, [GoldenNumber(value=72.2, tol=0.1, unit="%")]).accuracy == 0.0
    assert check_numbers("高約72.2%", [GoldenNumber(value=72.2, tol=0.0, unit="%")]).accuracy == 1.0


def test_every_expected_number_must_be_found():
    answer = "降息前目標區間為4.25%-4.50%。"
    both = [GoldenNumber(value=4.25, unit="%"), GoldenNumber(value=4.5, unit="%")]
    assert check_numbers(answer, both).accuracy == 1.0
    check = check_numbers("降息前為4.25%", both)
    assert check.accuracy == 0.0 and check.missing == [4.5]
    assert check_numbers(answer, []) is None


def test_number_parsing_thousands_scales_and_markers():
    values = extract_numbers("2,692.23點的7.88%[3],約212.15點;成交額1,000萬、市值5億,$1.2 billion")
    assert 2692.23 in values and 212.15 in values and 7.88 in values
    assert 10_000_000 in values and 500_000_000 in values and 1.2e9 in values
    assert 3 not in values  # [3] is a citation marker, not a number
    assert check_numbers("about 2,692.23 × 7.88% ≈ 212.15 points", [GoldenNumber(value=212.15, tol=0.1)]).accuracy == 1.0


def test_signs_are_compared_by_magnitude():
    assert check_numbers("communication services fell 1.16%", [GoldenNumber(value=-1.16)]).accuracy == 1.0
