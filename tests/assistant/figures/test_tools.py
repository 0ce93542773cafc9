"""The LangChain tools return JSON with `figures` shaped like assistant.schemas.Figure."""
from __future__ import annotations

import json

import pytest
from langchain_core.tools import StructuredTool

from market_data.importing import import_prices
from assistant.figures.tools import figure_tools
from assistant.schemas import Figure

RUT = [("2024-12-31", 2100), ("2025-01-02", 2200), ("2025-01-03", 2310)]


@pytest.fixture
def tools(settings, make_csv):
    import_prices(make_csv("rut.csv", RUT), "^RUT", settings.prices_dir)
    return {t.name: t for t in figure_tools(settings)}


def test_tool_set_and_schemas(tools) -> None:
    assert set(tools) == {"index_performance", "index_risk", "relative_performance", "valuation_premium",
                          "return_arithmetic", "check_claim"}
    assert all(isinstance(t, StructuredTool) and t.description for t in tools.values())
    assert {"symbol", "period", "start", "end"} <= set(tools["index_performance"].args)
    assert tools["index_risk"].args["measure"]["pattern"] == "^(volatility|drawdown|cagr)$"


def test_market_tool_returns_figures_with_as_of_and_source(tools) -> None:
    out = json.loads(tools["index_performance"].invoke({"symbol": "Russell 2000", "period": "ytd"}))
    figures = [Figure.model_validate(f) for f in out["figures"]]
    ret = next(f for f in figures if f.name == "return")
    assert ret.value == 10.0 and str(ret.as_of) == "2025-01-03" and ret.source.startswith("files:^RUT")
    assert out["error"] is None and out["text"].startswith("As of 2025-01-03")
    dd = json.loads(tools["index_risk"].invoke({"symbol": "^RUT", "measure": "drawdown", "start": "2024-12-31"}))
    assert [f["name"] for f in dd["figures"]] == ["max_drawdown"]


def test_arithmetic_tools(tools) -> None:
    premium = json.loads(tools["valuation_premium"].invoke({"pe": 18, "base_pe": 31}))
    assert premium["figures"][0]["name"] == "pe_premium" and premium["figures"][0]["value"] == 72.22
    claim = json.loads(tools["check_claim"].invoke({"end": 2692.23, "points": 195.51, "pct": 7.88}))
    assert "do not agree" in claim["text"] and "+7.83%" in claim["text"]
    annual = json.loads(tools["return_arithmetic"].invoke({"years": 3, "cumulative_pct": 62}))
    assert annual["figures"][0]["value"] == 17.45


def test_errors_come_back_as_json(tools) -> None:
    missing = json.loads(tools["index_performance"].invoke({"symbol": "^GSPC"}))
    assert missing["figures"] == [] and "no price data" in missing["error"].lower()
    unknown = json.loads(tools["relative_performance"].invoke({"symbol": "^RUT", "benchmark": "RUTX"}))
    assert "did you mean ^RUT" in unknown["error"]
    invalid = json.loads(tools["return_arithmetic"].invoke({"years": 3}))
    assert invalid["error"].startswith("invalid arguments")
