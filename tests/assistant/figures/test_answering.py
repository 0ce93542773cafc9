"""answer_figures: figures plus a sentence in the asker's script with "as of", or a plain error."""
from __future__ import annotations

import socket
from datetime import date

import pytest

from assistant.figures.answering import answer_figures
from market_data.importing import import_prices
from assistant.figures.intent import parse_figure_request
from market_data.models import FigureRequest
from market_data.providers.http import HttpProvider
from market_data.providers.memory import MemoryProvider
from assistant.language import QueryLanguage, detect_language, normalize_query

HK, TW, CN, EN = QueryLanguage("zh-Hant", "HK"), QueryLanguage("zh-Hant", "TW"), QueryLanguage("zh-Hans", "CN"), \
    QueryLanguage("en")
RUT = [("2024-12-30", 2000), ("2024-12-31", 2100), ("2025-01-02", 2200), ("2025-01-03", 2310)]
SPX = [("2024-12-30", 5000), ("2024-12-31", 5000), ("2025-01-02", 5050), ("2025-01-03", 5250)]


@pytest.fixture
def priced(settings, make_csv):
    import_prices(make_csv("rut.csv", RUT), "^RUT", settings.prices_dir)
    import_prices(make_csv("spx.csv", SPX), "^GSPC", settings.prices_dir)
    return settings


def ask(question: str, settings, **kw):
    language = detect_language(question)
    request = parse_figure_request(question, normalize_query(question), language.lang, **kw)
    assert request is not None
    return answer_figures(request, language, settings)


def test_ytd_in_hong_kong_traditional(priced) -> None:
    answer = ask("羅素2000今年表現點樣？", priced, today=date(2025, 1, 6))
    assert answer.error is None
    assert answer.text.startswith("截至2025-01-03,羅素2000(^RUT)收報2,310.00點,年初至今上漲10.00%(+210.00點")
    assert "數據來源:files:^RUT (rut.csv" in answer.text
    assert not set("罗涨数据") & set(answer.text)  # no Simplified characters
    ret = next(f for f in answer.figures if f.name == "return")
    assert (ret.value, ret.unit, ret.symbol, ret.period, ret.as_of) == (10.0, "%", "^RUT", "ytd", date(2025, 1, 3))
    assert ret.source.startswith("files:^RUT (rut.csv, imported ")
    assert answer.as_of == date(2025, 1, 3)


def test_simplified_and_english(priced) -> None:
    zh = ask("罗素2000今年涨了多少?", priced)
    assert zh.text.startswith("截至2025-01-03,罗素2000(^RUT)收报2,310.00点,年初至今上涨10.00%")
    en = ask("russell 2000 ytd return", priced)
    assert en.text.startswith("As of 2025-01-03, the Russell 2000 (^RUT) closed at 2,310.00, up 10.00% "
                              "(+210.00 points) year to date")


def test_relative_and_default_symbol(priced) -> None:
    answer = ask("羅素2000今年跑贏標普500幾多?", priced)
    # ^RUT +10 %, ^GSPC +5 %: 5 points ahead; daily returns 4.76 % vs 1 %, 5 % vs 3.96 % -> 2-day run
    assert "羅素2000(^RUT)上漲10.00%,標普500(^GSPC)上漲5.00%,羅素2000跑贏5.00個百分點" in answer.text
    assert "連續2個交易日跑贏標普500" in answer.text
    excess = next(f for f in answer.figures if f.name == "excess_return")
    assert (excess.value, excess.symbol) == (5.0, "^RUT vs ^GSPC")
    assumed = ask("今年升咗幾多", priced)
    assert assumed.text.startswith("(未指明指數,以下按羅素2000計算。)截至2025-01-03")


def test_volatility_and_drawdown_sentences(priced) -> None:
    vol = answer_figures(FigureRequest(kind="volatility", symbol="^RUT", period="max"), EN, priced)
    assert vol.text.startswith("As of 2025-01-03, the Russell 2000 (^RUT)'s annualized volatility since 2024-12-30")
    assert [f.name for f in vol.figures] == ["volatility", "daily_volatility"]
    dd = answer_figures(FigureRequest(kind="drawdown", symbol="^RUT", period="max"), CN, priced)
    assert "没有回撤" in dd.text and dd.figures[0].value == 0.0


def test_no_data_is_said_plainly_never_invented(settings) -> None:
    answer = ask("羅素2000今年表現點樣？", settings)
    assert answer.figures == [] and answer.text == ""
    assert answer.error == "目前沒有羅素2000(^RUT)的行情數據,所以無法提供最新數字。"
    en = ask("russell 2000 ytd return", settings)
    assert en.error == "There is no price data for the Russell 2000 (^RUT) at the moment, so I cannot give a live figure."
    assert "caiwen prices import" in en.notes[0]


def test_other_errors_in_the_askers_language(priced) -> None:
    unknown = ask("恒生指数今年升咗几多", priced)
    assert unknown.error.startswith("未能识别「恒生指数」这个指数或代号") and unknown.figures == []
    suggest = answer_figures(FigureRequest(kind="performance", symbol="Russel", period="ytd"), EN, priced)
    assert "did you mean ^RUT" in suggest.error
    out_of_range = answer_figures(FigureRequest(kind="performance", symbol="^RUT", period="1y"), TW, priced)
    assert out_of_range.error.startswith("羅素2000(^RUT)的價格資料只涵蓋2024-12-30至2025-01-03")  # TW wording


def test_a_quote_service_that_is_down(settings) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    provider = HttpProvider(f"http://127.0.0.1:{port}/{{symbol}}", timeout_s=0.5, attempts=2, backoff_s=0.01)
    answer = answer_figures(FigureRequest(kind="performance", symbol="^RUT", period="ytd"), HK, settings,
                            provider=provider)
    assert answer.error == "行情服務暫時無法連接,未能提供最新數字。" and answer.figures == []
    assert "2 attempt" in answer.notes[0]


def test_the_in_memory_provider_gives_exact_figures_and_real_errors(settings) -> None:
    provider = MemoryProvider().add("^RUT", RUT)
    answer = answer_figures(FigureRequest(kind="performance", symbol="^RUT", period="ytd"), EN, settings,
                            provider=provider)
    values = {f.name: f.value for f in answer.figures}
    # Year to date from 2024's last close: 2,310 / 2,100 - 1.
    assert values["level"] == 2310.0 and round(values["return"], 6) == 10.0 and answer.source == "memory:^RUT"
    assert provider.symbols() == ["^RUT"]
    missing = answer_figures(FigureRequest(kind="performance", symbol="^GSPC", period="ytd"), EN, settings,
                             provider=provider)
    assert missing.figures == [] and "^GSPC" in missing.notes[0]


def test_a_misconfigured_provider_is_not_shown_to_the_customer(settings) -> None:
    """The operator's mistake (an unknown provider name) reads as unavailable figures, without the setting's
    name or value; the detail stays in the notes for logs."""
    broken = settings.model_copy(update={"market_data": "bloomberg"})
    for language, expected in ((HK, "行情服務的設定有誤"), (EN, "misconfigured")):
        answer = answer_figures(FigureRequest(kind="performance", symbol="^RUT", period="ytd"), language, broken)
        assert answer.figures == [] and expected in answer.error, answer.error
        assert "bloomberg" not in answer.error and "bloomberg" in answer.notes[0]


def test_arithmetic_on_stated_numbers_needs_no_market_data(settings) -> None:
    premium = ask("Russell 2000 PE 18倍,標普31倍,咁標普貴咗幾多%?", settings)
    assert premium.text.startswith("按31÷18−1計算,31倍市盈率較18倍高出約72.22%")
    assert premium.figures[0].model_dump() == {"name": "pe_premium", "value": 72.22, "unit": "%", "symbol": "^RUT",
                                               "period": "31 vs 18", "as_of": None, "source": "question"}
    tw = answer_figures(FigureRequest(kind="premium", operands={"value": 31, "base": 18}), TW, settings)
    assert "本益比" in tw.text  # Taiwan wording from the regional glossary
    claim = ask("文章話羅素2000升咗195.51點即7.88%,收報2692.23點,啱唔啱?", settings)
    assert "並不一致" in claim.text and "+7.83%" in claim.text
    assert next(f for f in claim.figures if f.name == "implied_return").value == 7.83
    annual = ask("科網爆煲後羅素2000三年累積升62%,年化係幾多?", settings)
    assert "17.45%" in annual.text
    ratio = ask("russell 2000 annualized vol ~28% vs S&P 18% - how many times more volatile?", settings)
    assert ratio.text == "28 ÷ 18 ≈ 1.56, i.e. about 1.56 times."
    pct_of = ask("if russell hit 2692.23, what is 7.88% of that in points?", settings)
    assert pct_of.figures[0].value == 212.15


def test_which_is_newer_article_or_market_data(priced) -> None:
    from assistant.figures.answering import newer_note

    answer = ask("羅素2000今年表現點樣？", priced)
    assert newer_note(answer, "2024-12-20", HK) == "文章的數字寫於2024-12-20;上面的行情數字截至2025-01-03,較新。"
    assert newer_note(answer, "2025-02-01T08:00:00", EN).startswith("The market figures above are as of 2025-01-03, "
                                                                   "not newer than the article (2025-02-01)")
    assert newer_note(answer, None, EN) == "" and newer_note(answer, "someday", EN) == ""


def test_a_calculation_the_asker_quotes_is_worked_out_and_its_claimed_result_checked(settings) -> None:
    answer = ask("書上說市值80億乘以15%等於13億,對嗎?", settings)
    assert [(f.name, f.value) for f in answer.figures] == [("expression", 12.0), ("claim_consistent", 0.0)]
    assert "80×15%" in answer.text and "12" in answer.text and "13" in answer.text
    answer = ask("90 / 6 = 15, right?", settings)
    assert [(f.name, f.value) for f in answer.figures] == [("expression", 15.0), ("claim_consistent", 1.0)]
    assert "matches the stated 15" in answer.text
