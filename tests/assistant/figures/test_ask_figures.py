"""Must show: import a CSV, ask 「羅素2000今年表現點樣？」 through `caiwen ask --json`, get the YTD figure with
its as-of date, in Traditional Chinese, with the figure in the response's `figures` list."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from caiwen.cli.main import app
from tests.market_data.conftest import geometric_csv


def test_ask_ytd_through_caiwen_ask(tmp_path, settings) -> None:
    csv, closes = geometric_csv(tmp_path / "rut.csv", "2025-12-01", "2026-03-13", 2400.0, 1.002)
    base = closes.loc["2025-12-31"]  # last close of the previous year
    last = closes.iloc[-1]
    expected = round((last / base - 1) * 100, 2)

    runner = CliRunner()
    imported = runner.invoke(app, ["prices", "import", str(csv), "--symbol", "^RUT"])
    assert imported.exit_code == 0, imported.output

    result = runner.invoke(app, ["ask", "羅素2000今年表現點樣？", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["lang"], body["region"]) == ("zh-Hant", "HK")
    assert not body["refused"]
    ret = next(f for f in body["figures"] if f["name"] == "return")
    assert (ret["symbol"], ret["period"], ret["unit"], ret["as_of"]) == ("^RUT", "ytd", "%", "2026-03-13")
    assert ret["value"] == expected and ret["source"].startswith("files:^RUT (rut.csv")
    answer = body["answer"]
    assert "截至2026-03-13" in answer and "羅素2000" in answer
    assert f"年初至今上漲{expected:.2f}%" in answer
    assert not set("罗涨数据") & set(answer)  # Traditional, not Simplified
