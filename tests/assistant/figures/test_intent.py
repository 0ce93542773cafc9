"""Which questions ask for a figure, in 繁 / 简 / English, and which must be left to the articles."""
from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.figures.intent import parse_figure_request
from assistant.language import normalize_query
from tests.conftest import GOLDEN

TODAY = date(2026, 11, 23)


def parse(question: str):
    return parse_figure_request(question, normalize_query(question), "", today=TODAY)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("羅素2000今年表現點樣？", dict(kind="performance", symbol="^RUT", period="ytd")),
        ("罗素2000今年涨了多少?", dict(kind="performance", symbol="^RUT", period="ytd")),
        ("What's the Russell 2000 up year to date?", dict(kind="performance", symbol="^RUT", period="ytd")),
        ("今年升咗幾多", dict(kind="performance", symbol="^RUT", period="ytd", symbol_defaulted=True)),
        ("罗素2000过去一年波动率", dict(kind="volatility", symbol="^RUT", period="1y")),
        ("過去一年波動率", dict(kind="volatility", symbol="^RUT", period="1y", symbol_defaulted=True)),
        ("max drawdown since 2025", dict(kind="drawdown", symbol="^RUT", start=date(2025, 1, 1), period=None)),
        ("羅素2000今年跑贏標普500幾多?", dict(kind="relative", symbol="^RUT", benchmark="^GSPC", period="ytd")),
        ("IWM 過去3個月表現", dict(kind="performance", symbol="IWM", period="3m")),
        ("IWM今日收市價幾多?", dict(kind="performance", symbol="IWM", period="1d")),
        ("道指今日收市幾多點", dict(kind="performance", symbol="^DJI", period="1d")),
        ("標普五百過去30年平均年回報幾多?", dict(kind="cagr", symbol="^GSPC", period="30y")),
        ("how did the s&p 500 do last year", dict(kind="performance", symbol="^GSPC", start=date(2025, 1, 1),
                                                 end=date(2025, 12, 31))),
        ("罗素2000从2025年3月以来涨了多少", dict(kind="performance", symbol="^RUT", start=date(2025, 3, 1))),
        ("納指同標普500,2009至2021年邊個表現好啲?波動呢?",
         dict(kind="relative", symbol="^IXIC", benchmark="^GSPC", start=date(2009, 1, 1), end=date(2021, 12, 31),
              extras=("volatility",))),
        ("羅素2000過去一年嘅beta係幾多", dict(kind="relative", symbol="^RUT", benchmark="^GSPC", extras=("beta",))),
        ("ndx 5y cagr", dict(kind="cagr", symbol="^NDX", period="5y")),
        ("恒生指数今年升咗几多", dict(kind="performance", symbol="恒生指数", resolved=False)),
        # a product named that is no market-data symbol: never the home index assumed for it
        ("北岳30指數2016年收市係幾多點？", dict(kind="performance", symbol="北岳30", resolved=False)),
        ("What did the Beiyue 30 index close at in 2017?", dict(symbol="beiyue 30", resolved=False)),
        ("How has the Qingsong Beiyue 30 ETF done this year?", dict(symbol="qingsong beiyue 30", resolved=False)),
        ("该指数今年表现如何？", dict(symbol="^RUT", symbol_defaulted=True)),  # names nothing: the home index
        # arithmetic on stated numbers
        ("Russell 2000 PE 18倍,標普31倍,咁標普貴咗幾多%?", dict(kind="premium", operands={"value": 31.0, "base": 18.0})),
        ("羅素2000市盈率18倍、標普31倍,估值溢價係幾多?", dict(kind="premium", operands={"value": 31.0, "base": 18.0})),
        ("JPM says small growth cos median PE 18x vs large 28x. whats the large cap premium?",
         dict(kind="premium", operands={"value": 28.0, "base": 18.0})),
        ("科網爆煲後羅素2000三年累積升62%,年化係幾多?", dict(kind="annualize",
                                                     operands={"cumulative_pct": 62.0, "years": 3.0})),
        ("russell 2000 annualized vol ~28% vs S&P 18% - how many times more volatile?",
         dict(kind="ratio", operands={"value": 28.0, "base": 18.0})),
        # a security's code is no operand: the ratio is of the two prices
        ("0050收市價120元，00878收市價20元，相差幾倍？", dict(kind="ratio", operands={"value": 120.0, "base": 20.0})),
        ("if russell hit 2692.23, what is 7.88% of that in points?",
         dict(kind="percent_of", operands={"pct": 7.88, "base": 2692.23})),
        ("如果每年回報8%,10萬美元20年後變幾多?", dict(kind="growth",
                                                 operands={"amount": 100000.0, "rate_pct": 8.0, "years": 20.0})),
        ("文章話羅素2000升咗195.51點即7.88%,收報2692.23點,啱唔啱?",
         dict(kind="claim", operands={"pct": 7.88, "points": 195.51, "end": 2692.23})),
    ],
)
def test_figure_questions(question, expected) -> None:
    request = parse(question)
    assert request is not None, question
    for field, value in expected.items():
        assert getattr(request, field) == value, (question, field)


@pytest.mark.parametrize(
    "question",
    [
        "羅素2000點樣重組?",
        "羅素2000係邊間公司編製㗎?",
        "how is russel 2000 weighted?? equal weight?",
        "罗素两千去年12月到1月中那波涨势,日波动率标准差多少",  # an article's window, not a live figure
        "1月16號邊個板塊領漲?升咗幾多?",
        "on jan 16 which russel2000 sectors fell the most",
        "IWM而家係咪好時機入貨?",
        "russell 2000 vs s&p 500 valuation - which is cheaper on P/E?",  # no numbers to compute with
        "what is max drawdown?",
        "比特币今年涨了多少",
        "羅素2000今年",
        "金融海嘯後羅素2000升咗幾多?",
        "What target price does the analyst now have on Qinghe Robotics?",  # an analyst's view, not a market price
        "外資而家俾明嶺科技嘅目標價係幾多?",
        "",
    ],
)
def test_not_figure_questions(question) -> None:
    assert parse(question) is None


@pytest.mark.skipif(not GOLDEN.is_file(), reason="golden set not present")
def test_golden_fact_and_advice_questions_are_left_to_the_articles() -> None:
    taken = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["kind"] in ("fact", "advice", "multi_doc") and parse(item["question"]) is not None:
            taken.append(item["question"])
    assert taken == [
        "標普五百過去30年平均年回報幾多?",  # an annualized return the data can give (the article's too)
    ]


@pytest.mark.parametrize("question", ["罗素2000过去十十个月的回报是多少", "標普500過去九十十年的年化回報",
                                      "本金一万元, 年增长5%, 十十年后是多少"])
def test_a_count_that_is_no_number_is_not_a_window(question) -> None:
    """cn2an refuses 十十; the question is then no figure request (left to the articles), never an error."""
    from assistant.figures.question_numbers import count_value

    assert count_value("十十") == 0
    request = parse_figure_request(question, normalize_query(question), "zh-Hans", today=TODAY)
    assert request is None or (request.period or "").startswith(("1", "2", "3", "4", "5", "6", "7", "8", "9"))


@pytest.mark.parametrize("question, expected", [
    ("东海300和南山100估值差多少?", None),  # the numbers of two names are not two P/E multiples
    ("市盈率18和31差多少,溢价几多?", {"value": 31.0, "base": 18.0}),
    ("一个市盈率是18,另一个是31,高出几多?", {"value": 31.0, "base": 18.0}),
])
def test_a_number_glued_to_a_name_is_no_multiple(question, expected) -> None:
    r = parse_figure_request(question, normalize_query(question), "zh-Hans", today=date(2026, 1, 1))
    assert (r.operands if r is not None else None) == expected
