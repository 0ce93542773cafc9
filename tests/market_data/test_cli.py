"""`caiwen prices import|list` and `caiwen figures` through the real Typer app."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from market_data.providers.files import PriceStore
from caiwen.cli.main import app

RUT = [("2024-12-31", "2100"), ("2025-01-02", "2200"), ("2025-01-03", "2310"), ("2025-01-06", "2300")]
runner = CliRunner()


def test_import_list_and_figures(settings, make_csv) -> None:
    imported = runner.invoke(app, ["prices", "import", str(make_csv("rut.csv", RUT)), "--symbol", "羅素2000"])
    assert imported.exit_code == 0, imported.output
    assert "^RUT: 4 rows from rut.csv (4 added, 0 updated, 0 unchanged)" in imported.output
    listed = runner.invoke(app, ["prices", "list", "--json"])
    assert json.loads(listed.output)[0]["symbol"] == "^RUT"

    result = runner.invoke(app, ["figures", "^RUT", "--period", "ytd", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    ret = next(f for f in body["figures"] if f["name"] == "return")
    assert (ret["value"], ret["as_of"], ret["period"]) == (9.52, "2025-01-06", "ytd")  # 2300 / 2100 - 1

    table = runner.invoke(app, ["figures", "Russell 2000"])
    assert table.exit_code == 0 and "level" in table.output and "source: files:^RUT" in table.output


def test_cli_errors_are_clear_and_nothing_changes(settings, make_csv) -> None:
    runner.invoke(app, ["prices", "import", str(make_csv("rut.csv", RUT)), "--symbol", "^RUT"])
    path = PriceStore(settings.prices_dir).path_for("^RUT")
    before = path.read_bytes()
    bad = runner.invoke(app, ["prices", "import", str(make_csv("dup.csv", RUT + [RUT[-1]])), "--symbol", "^RUT"])
    assert bad.exit_code == 1 and "duplicate date(s): 2025-01-06" in bad.output
    assert path.read_bytes() == before
    unknown = runner.invoke(app, ["figures", "RUTX"])
    assert unknown.exit_code == 1 and "did you mean ^RUT" in unknown.output
    no_data = runner.invoke(app, ["figures", "^DJI"])
    assert no_data.exit_code == 1 and "no price data for ^DJI" in no_data.output
    both = runner.invoke(app, ["figures", "^RUT", "--period", "ytd", "--start", "2025-01-02"])
    assert both.exit_code == 2
    outside = runner.invoke(app, ["figures", "^RUT", "--start", "2020-01-02"])
    assert outside.exit_code == 1 and "outside the data (2024-12-31 to 2025-01-06)" in outside.output
