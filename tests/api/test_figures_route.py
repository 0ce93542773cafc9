"""GET /v1/figures/{symbol} over prices imported into the files provider (real Parquet, real calendar)."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service_harness import FakeService


def _import_series(settings, symbol: str, tmp_path: Path, growth: float) -> str:
    import exchange_calendars as xcals

    from market_data.importing import import_prices

    sessions = xcals.get_calendar("XNYS").sessions_in_range("2024-12-02", "2025-06-30")
    lines = ["date,close"] + [f"{day.date().isoformat()},{2000 * growth ** i:.4f}" for i, day in enumerate(sessions)]
    csv = tmp_path / f"{symbol.strip('^')}.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_prices(csv, symbol, settings.prices_dir)
    return sessions[-1].date().isoformat()


@pytest.fixture
def priced(tmp_path: Path):
    service = FakeService(tmp_path)
    last = _import_series(service.settings, "^RUT", tmp_path, 1.001)
    _import_series(service.settings, "^GSPC", tmp_path, 1.0005)
    with TestClient(service.app) as client:
        yield service, client, last


def test_figures_for_a_period(priced) -> None:
    service, client, last = priced
    response = client.get("/v1/figures/%5ERUT", params={"period": "ytd"}, headers=service.auth())
    assert response.status_code == 200, response.text
    body = response.json()
    names = {f["name"] for f in body["figures"]}
    assert {"level", "change", "return", "volatility", "max_drawdown"} <= names
    ret = next(f for f in body["figures"] if f["name"] == "return")
    assert ret["symbol"] == "^RUT" and ret["as_of"] == last and ret["source"].startswith("files:")
    assert ret["value"] > 0 and ret["unit"] == "%"


def test_figures_against_a_benchmark_by_alias(priced) -> None:
    service, client, _ = priced
    response = client.get("/v1/figures/羅素2000", params={"period": "3m", "vs": "S&P 500"}, headers=service.auth())
    assert response.status_code == 200, response.text
    excess = next(f for f in response.json()["figures"] if f["name"] == "excess_return")
    assert excess["symbol"] == "^RUT vs ^GSPC" and excess["value"] > 0


def test_figures_errors_are_clear(priced) -> None:
    service, client, _ = priced
    unknown = client.get("/v1/figures/RUTX", headers=service.auth())
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_symbol"
    assert "RUT" in unknown.json()["error"]["message"]
    no_data = client.get("/v1/figures/%5EDJI", headers=service.auth())
    assert no_data.status_code == 404 and no_data.json()["error"]["code"] == "no_data"
    bad_period = client.get("/v1/figures/%5ERUT", params={"period": "forever"}, headers=service.auth())
    assert bad_period.status_code == 422
    out_of_range = client.get("/v1/figures/%5ERUT", params={"start": "1990-01-02"}, headers=service.auth())
    assert out_of_range.status_code == 422 and out_of_range.json()["error"]["code"] == "data_range"


def test_a_misconfigured_market_data_name_is_a_configuration_error_not_an_outage(tmp_path: Path) -> None:
    from dataclasses import replace

    from caiwen.config import ConfigError, load_settings
    from market_data.options import MarketDataOptions

    # The settings refuse the name before any service starts...
    with pytest.raises(ConfigError, match=r"market_data \(CAIWEN_MARKET_DATA\): Input should be 'files', 'http' or "
                                          r"'yahoo' \(got 'bloomberg'\)"):
        load_settings(data_dir=tmp_path / "data", market_data="bloomberg")
    # ...and a name no provider is registered under that reaches the route anyway is still not an outage.
    service = FakeService(tmp_path)
    state = service.app.state.service
    state.config = replace(state.config, market=MarketDataOptions(market_data="bloomberg"))
    with TestClient(service.app) as client:
        response = client.get("/v1/figures/%5ERUT", headers=service.auth())
    assert response.status_code == 500, response.text
    error = response.json()["error"]
    assert error["code"] == "market_data_misconfigured"
    assert "unknown market_data 'bloomberg': use one of files, http, yahoo" in error["message"]
