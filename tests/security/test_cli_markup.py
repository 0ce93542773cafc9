"""Finding 15: `caiwen ask` crashed on Rich markup in data (a cited title with `[/]`, `--lang "[/]"`), and
`--conversation` accepted 300-character ids the column cannot hold."""
from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from caiwen.cli.main import app

runner = CliRunner()


def test_markup_in_titles_and_options_is_printed_not_parsed(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "markup.md").write_text(
        "# 羅素2000 [/] 重組 [bold]指南[/bold]\n\n羅素2000指數每年六月進行年度重組，成分股按市值重新排序。\n",
        encoding="utf-8")
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    assert runner.invoke(app, ["ingest", str(folder)]).exit_code == 0
    asked = runner.invoke(app, ["ask", "羅素2000指數幾時重組？"])
    assert asked.exit_code == 0, asked.output
    assert "[/] 重組 [bold]指南[/bold]" in asked.output
    lang = runner.invoke(app, ["ask", "羅素2000指數幾時重組？", "--lang", "[/]"])
    assert lang.exit_code == 2 and "error:" in lang.output and "[/]" in lang.output
    assert lang.exception is None or isinstance(lang.exception, SystemExit)
    searched = runner.invoke(app, ["search", "重組"])
    assert searched.exit_code == 0 and "[/]" in searched.output


def test_conversation_id_is_validated(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    result = runner.invoke(app, ["ask", "羅素2000點樣重組？", "--conversation", "c" * 300])
    assert result.exit_code == 2 and "--conversation" in result.output
    spaced = runner.invoke(app, ["ask", "羅素2000點樣重組？", "--conversation", "a b"])
    assert spaced.exit_code == 2
