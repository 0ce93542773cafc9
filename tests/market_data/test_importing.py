"""`prices import`: validation with clear messages, merge, provenance, and nothing lost on failure."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from market_data.errors import ImportValidationError, NoDataError, UnknownSymbolError
from market_data.importing import import_prices
from market_data.providers.files import FilesProvider, PriceStore

GOOD = [("2024-12-31", "2230.16"), ("2025-01-02", "2200"), ("2025-01-03", "2250.5"), ("2025-01-06", "2262")]


def _stored_bytes(prices_dir: Path, symbol: str) -> tuple[bytes, int]:
    path = PriceStore(prices_dir).path_for(symbol)
    return path.read_bytes(), path.stat().st_mtime_ns


def test_import_csv_then_read_back_with_provenance(tmp_path, make_csv) -> None:
    report = import_prices(make_csv("rut.csv", GOOD), "羅素2000", tmp_path / "prices")
    assert report.symbol == "^RUT"  # the alias is stored under the table's symbol
    assert (report.added, report.total_rows, report.first, report.last) == (4, 4, date(2024, 12, 31), date(2025, 1, 6))
    history = FilesProvider(tmp_path / "prices").history("^RUT")
    assert history.close.tolist() == [2230.16, 2200.0, 2250.5, 2262.0]
    assert history.source.startswith("files:^RUT (rut.csv, imported ")
    info = PriceStore(tmp_path / "prices").info("^RUT")
    assert info.rows == 4 and info.sources == ["rut.csv"] and info.last == date(2025, 1, 6)


def test_column_names_thousands_separators_adj_close_and_descending_order(tmp_path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('Date,Open,Close,Adj Close\n2025-01-03,"2,240.00","2,250.50",2250.50\n'
                    '2025-01-02,"2,190.00","2,200.00",2200.00\n', encoding="utf-8")
    report = import_prices(path, "IWM", tmp_path / "prices")
    assert "rows were newest first; sorted by date" in report.notes
    bars = FilesProvider(tmp_path / "prices").history("IWM").bars
    assert bars["close"].tolist() == [2200.0, 2250.5] and bars["adj_close"].tolist() == [2200.0, 2250.5]


def test_parquet_import(tmp_path) -> None:
    frame = pd.DataFrame({"date": pd.to_datetime(["2025-01-02", "2025-01-03"]), "close": [10.0, 11.0]})
    frame.to_parquet(tmp_path / "spy.parquet")
    report = import_prices(tmp_path / "spy.parquet", "spy", tmp_path / "prices")
    assert report.symbol == "SPY" and report.total_rows == 2


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("2025-01-02", "100"), ("2025-01-02", "101")], "1 duplicate date(s): 2025-01-02"),
        ([("2025-01-02", "100"), ("2025-01-03", "")], "missing or non-numeric close(s) (NaN): line 3"),
        ([("2025-01-02", "100"), ("2025-01-03", "abc")], "non-numeric close(s) (NaN): line 3"),
        ([("2025-01-02", "100"), ("2025-01-03", "-5")], "close value(s) not above zero: line 3 (-5)"),
        ([("2025-01-02", "100"), ("not a date", "101")], "date(s) that do not parse: line 3 ('not a date')"),
        ([("2025-01-02", "100"), ("2025-01-04", "101")], "2025-01-04 (a Saturday)"),
        ([("2025-01-02", "100"), ("2025-12-25", "101")], "2025-12-25 (an NYSE holiday (Christmas))"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(tmp_path, make_csv, rows, message) -> None:
    prices = tmp_path / "prices"
    import_prices(make_csv("good.csv", GOOD), "^RUT", prices)
    before = _stored_bytes(prices, "^RUT")
    with pytest.raises(ImportValidationError) as err:
        import_prices(make_csv("bad.csv", rows), "^RUT", prices)
    assert message in str(err.value) and "nothing changed" in str(err.value)
    assert _stored_bytes(prices, "^RUT") == before
    assert sorted(p.name for p in prices.iterdir()) == ["^RUT.parquet"]  # no temp files left


def test_unreadable_files(tmp_path, make_csv) -> None:
    prices = tmp_path / "prices"
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    with pytest.raises(ImportValidationError, match="empty"):
        import_prices(tmp_path / "empty.csv", "^RUT", prices)
    with pytest.raises(ImportValidationError, match="no rows"):
        import_prices(make_csv("header.csv", []), "^RUT", prices)
    with pytest.raises(ImportValidationError, match="no close column"):
        import_prices(make_csv("cols.csv", [("2025-01-02", "1")], header="date,volume"), "^RUT", prices)
    with pytest.raises(ImportValidationError, match="file not found"):
        import_prices(tmp_path / "missing.csv", "^RUT", prices)
    (tmp_path / "prices.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(ImportValidationError, match="unsupported file type .xlsx"):
        import_prices(tmp_path / "prices.xlsx", "^RUT", prices)
    (tmp_path / "latin1.csv").write_bytes("date,close\n2025-01-02,1\xe9\n".encode("latin-1"))
    with pytest.raises(ImportValidationError, match="not UTF-8"):
        import_prices(tmp_path / "latin1.csv", "^RUT", prices)
    with pytest.raises(UnknownSymbolError):
        import_prices(make_csv("ok.csv", GOOD), "not a ticker!", prices)
    assert not prices.exists() or not list(prices.iterdir())


def test_a_crash_while_writing_leaves_the_old_file(tmp_path, make_csv, monkeypatch) -> None:
    prices = tmp_path / "prices"
    import_prices(make_csv("good.csv", GOOD), "^RUT", prices)
    before = _stored_bytes(prices, "^RUT")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pq, "write_table", boom)
    with pytest.raises(OSError, match="disk full"):
        import_prices(make_csv("more.csv", [("2025-01-07", "2300")]), "^RUT", prices)
    assert _stored_bytes(prices, "^RUT") == before
    assert sorted(p.name for p in prices.iterdir()) == ["^RUT.parquet"]


def test_merge_updates_adds_and_reports_gaps(tmp_path, make_csv) -> None:
    prices = tmp_path / "prices"
    import_prices(make_csv("a.csv", GOOD), "^RUT", prices)
    report = import_prices(make_csv("b.csv", [("2025-01-06", "2263"), ("2025-01-21", "2300")]), "^RUT", prices)
    assert (report.added, report.updated, report.unchanged, report.total_rows) == (1, 1, 0, 5)
    # Jan 7, 8, 10, 13, 14, 15, 16, 17 missing (Jan 9 closed, Jan 20 MLK day)
    assert [(g.after, g.before, g.missing_sessions) for g in report.gaps] == [(date(2025, 1, 6), date(2025, 1, 21), 8)]
    history = FilesProvider(prices).history("^RUT")
    assert history.close.loc["2025-01-06"] == 2263.0
    assert PriceStore(prices).info("^RUT").sources == ["a.csv", "b.csv"]
    replaced = import_prices(make_csv("c.csv", [("2025-02-03", "2400"), ("2025-02-04", "2410")]), "^RUT", prices,
                             replace=True)
    assert replaced.total_rows == 2 and "replaced the stored series" in replaced.notes


def test_one_row_import_is_kept_with_a_note(tmp_path, make_csv) -> None:
    report = import_prices(make_csv("one.csv", [("2025-01-02", "100")]), "^DJI", tmp_path / "prices")
    assert report.total_rows == 1 and any("only one row" in n for n in report.notes)


def test_provider_without_data_says_how_to_import(tmp_path) -> None:
    with pytest.raises(NoDataError, match="caiwen prices import FILE --symbol \\^GSPC"):
        FilesProvider(tmp_path / "prices").history("^GSPC")
