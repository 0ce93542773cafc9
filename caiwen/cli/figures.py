"""`caiwen figures SYMBOL` (index figures from market data) and `caiwen prices import|list`.

Heavy imports (pandas, exchange_calendars) happen inside the commands so `caiwen --help` stays fast.
Exit codes: 0 ok, 1 a figures error (unknown symbol, no data, bad file, feed down), 2 bad usage.
"""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Optional

import typer

prices_app = typer.Typer(help="Import and list the daily prices the figures are computed from.",
                         no_args_is_help=True)


def _market():
    """The market-data options from the settings; a refused setting ends the command (exit 2)."""
    from caiwen.wiring import ConfigError, load_settings, market_data_options

    try:
        return market_data_options(load_settings())
    except ConfigError as exc:
        _fail(str(exc), 2)


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


def _day(value: Optional[datetime]) -> Optional[date]:
    return value.date() if value else None


def figures_command(
    symbol: str = typer.Argument(..., help="^RUT, Russell 2000, 羅素2000, ^GSPC, S&P 500, IWM, …"),
    period: Optional[str] = typer.Option(None, "--period", "-p",
                                         help="1d 5d 1m 3m 6m ytd 1y 3y 5y 10y wtd mtd max (or Nd/Nm/Ny)"),
    start: Optional[datetime] = typer.Option(None, "--start", formats=["%Y-%m-%d"],
                                             help="Window start: measured from the close on or before it"),
    end: Optional[datetime] = typer.Option(None, "--end", formats=["%Y-%m-%d"], help="Window end (default: latest)"),
    vs: Optional[str] = typer.Option(None, "--vs", help="Benchmark to compare with, e.g. ^GSPC"),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON"),
) -> None:
    """Figures for an index or ETF, computed now from market data, each with its as-of date and source.

    With no window: level and changes over 1d…10y, 1-year and whole-history risk.
    """
    from market_data.errors import FiguresError
    from market_data.providers import provider_for
    from market_data.service import FigureService

    if period and (start or end):
        _fail("give either --period or --start/--end, not both", 2)
    market = _market()
    try:
        service = FigureService(provider_for(market))
        s, e = _day(start), _day(end)
        if vs:
            results = [service.relative(symbol, vs, period, s, e)]
        elif period or s or e:
            results = [service.performance(symbol, period, s, e), service.risk(symbol, period, s, e)]
        else:
            results = [service.full_set(symbol)]
    except FiguresError as exc:
        _fail(str(exc))
        return
    figures, seen, notes = [], set(), []
    for result in results:
        for fig in result.figures:
            key = (fig.name, fig.symbol, fig.period)
            if key not in seen:
                seen.add(key)
                figures.append(fig)
        notes += [n for n in result.notes if n not in notes]
    if as_json:
        typer.echo(json.dumps({"symbol": symbol, "period": period, "start": str(s) if s else None,
                               "end": str(e) if e else None, "vs": vs,
                               "figures": [f.model_dump(mode="json") for f in figures], "notes": notes},
                              ensure_ascii=False, indent=2))
        return
    _print_table(figures, notes)


def _print_table(figures, notes: list[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_header=True, header_style="bold")
    for col in ("symbol", "period", "figure", "value", "as of"):
        table.add_column(col, justify="right" if col == "value" else "left")
    for f in figures:
        unit = {"%": " %", "points": " pts", "days": " days", "x": "×"}.get(f.unit, f" {f.unit}".rstrip())
        value = f"{f.value:,.0f}" if f.unit == "days" else f"{f.value:,.2f}" if f.unit != "x" else f"{f.value:.3f}"
        table.add_row(f.symbol, f.period, f.name, f"{value}{unit}", str(f.as_of or ""))
    console = Console()
    console.print(table)
    sources = sorted({f.source for f in figures})
    for src in sources:
        console.print(f"source: {src}", highlight=False)
    for note in notes:
        console.print(f"note: {note}", style="yellow", highlight=False)


@prices_app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="CSV or Parquet with date and close columns (adj close optional)"),
    symbol: str = typer.Option(..., "--symbol", "-s", help="Symbol to store the prices under, e.g. ^RUT"),
    replace: bool = typer.Option(False, "--replace", help="Replace the stored series instead of merging"),
    as_json: bool = typer.Option(False, "--json", help="Print the import report as JSON"),
) -> None:
    """Validate FILE and merge it into the stored prices (atomically: a failed import changes nothing)."""
    from market_data.errors import FiguresError
    from market_data.importing import import_prices

    market = _market()
    try:
        report = import_prices(file, symbol, market.prices_dir, replace=replace)
    except FiguresError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps({
            "symbol": report.symbol, "file": report.source_name, "stored": str(report.stored_path),
            "rows_in_file": report.rows_in_file, "added": report.added, "updated": report.updated,
            "unchanged": report.unchanged, "total_rows": report.total_rows, "first": str(report.first),
            "last": str(report.last), "notes": report.notes,
            "gaps": [{"after": str(g.after), "before": str(g.before), "missing_sessions": g.missing_sessions}
                     for g in report.gaps],
        }, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{report.symbol}: {report.rows_in_file} rows from {report.source_name} "
               f"({report.added} added, {report.updated} updated, {report.unchanged} unchanged); "
               f"stored {report.total_rows} rows {report.first} .. {report.last}")
    for note in report.notes:
        typer.echo(f"note: {note}")
    for gap in report.gaps:
        typer.echo(f"gap: {gap.missing_sessions} trading days missing between {gap.after} and {gap.before}")


@prices_app.command("list")
def list_command(as_json: bool = typer.Option(False, "--json", help="Print as JSON")) -> None:
    """Symbols with imported prices: rows, first and last date, source file."""
    from market_data.providers.files import PriceStore

    market = _market()
    catalog = PriceStore(market.prices_dir).catalog()
    if as_json:
        typer.echo(json.dumps([{"symbol": c.symbol, "rows": c.rows, "first": str(c.first), "last": str(c.last),
                                "sources": c.sources, "imported_at": c.imported_at} for c in catalog],
                              ensure_ascii=False, indent=2))
        return
    if not catalog:
        typer.echo(f"no prices imported in {market.prices_dir} "
                   "(use: caiwen prices import FILE --symbol ^RUT)")
        return
    for c in catalog:
        latest = c.sources[-1] if c.sources else "?"
        typer.echo(f"{c.symbol:8} {c.rows:6d} rows  {c.first} .. {c.last}  from {latest}  "
                   f"(imported {c.imported_at})")
    if market.market_data != "files":
        typer.echo(f"note: market_data is {market.market_data!r}; figures come from there, not these files")


def register(app: typer.Typer) -> None:
    app.command("figures")(figures_command)
    app.add_typer(prices_app, name="prices")
