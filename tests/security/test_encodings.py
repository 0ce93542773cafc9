"""Finding 13: UTF-16 files with a byte-order mark were rejected as binary; they are text."""
from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from caiwen.cli.main import app

TEXT = "羅素2000指數每年六月進行年度重組，小型股成分隨之調整。\n\n第二段：重組日前後成交量明顯放大。\n"


def test_utf16_with_bom_is_ingested_and_binary_is_still_refused(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "le.txt").write_bytes(b"\xff\xfe" + TEXT.encode("utf-16-le"))
    (folder / "be.md").write_bytes(b"\xfe\xff" + TEXT.replace("六月", "6月").encode("utf-16-be"))
    (folder / "fake.txt").write_bytes(b"\xff\xfe" + bytes(range(256)) * 8)  # a BOM in front of binary
    monkeypatch.setenv("CAIWEN_DATA_DIR", str(tmp_path / "data"))
    result = CliRunner().invoke(app, ["ingest", str(folder), "--json"])
    summary = json.loads(result.stdout)
    assert sorted(summary["added"]) == ["be.md", "le.txt"], summary
    assert [(Path(f["path"]).name, f["reason"].split(":")[0]) for f in summary["failed"]] in (
        [("fake.txt", "binary content, not text")], [("fake.txt", "undecodable")])
    shown = json.loads(CliRunner().invoke(app, ["search", "羅素2000 重組", "--json"]).stdout)
    assert {h["chunk"]["doc_id"] for h in shown} == {"be.md", "le.txt"}
    assert any("六月進行年度重組" in h["chunk"]["text"] for h in shown)
