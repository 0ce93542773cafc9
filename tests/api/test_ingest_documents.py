"""POST /v1/ingest accepts PDF and Word uploads on a real server (real app, chain, Chroma and embedder):
the document size limit applies to them instead of the text limit, bad files come back one line each
under their upload names, and an answer from an uploaded PDF cites its page."""
from __future__ import annotations

import json
from pathlib import Path

import httpx

from caiwen.wiring import create_app
from service_harness import LiveServer, make_settings, mint_keys
from tests.ingest.document_factory import cid_font_pdf, encrypt, write_docx

PDF_LINES = ["藍籌收益基金的管理費為每年0.85%，", "認購費最高為3%。"]


def test_upload_pdf_and_docx(tmp_path: Path) -> None:
    pdf = tmp_path / "fees.pdf"
    pdf.write_bytes(cid_font_pdf(PDF_LINES))
    docx = write_docx(tmp_path / "terms.docx", [
        ("h1", "贖回安排"), ("p", "贖回申請須於交易日下午四時前提交，款項於五個營業日內支付。"),
        ("table", [("類別", "贖回費"), ("A類", "0.50%"), ("I類", "0%")]),
    ])
    locked = encrypt(pdf, tmp_path / "locked.pdf", user_password="secret")
    # Text files stay under the small text limit; documents have their own.
    settings = make_settings(tmp_path / "data", composer="extractive", max_file_bytes=300,
                             max_document_bytes=200_000)
    admin = {"Authorization": f"Bearer {mint_keys(settings)['admin']}"}
    files = [("files", ("fees.pdf", pdf.read_bytes(), "application/pdf")),
             ("files", ("terms.docx", docx.read_bytes(),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
             ("files", ("locked.pdf", locked.read_bytes(), "application/pdf")),
             ("files", ("broken.docx", b"PK\x03\x04 not really a zip", "application/octet-stream")),
             ("files", ("long.txt", "長".encode() * 200, "text/plain"))]
    with LiveServer(create_app(settings)) as server:
        up = httpx.post(f"{server.url}/v1/ingest", headers=admin, files=files, timeout=300)
        assert up.status_code == 200, up.text
        summary = up.json()["summary"]
        assert sorted(summary["added"]) == ["upload/fees.pdf", "upload/terms.docx"], json.dumps(summary, ensure_ascii=False)
        assert {f["path"]: f["reason"] for f in summary["failed"]} == {
            "locked.pdf": "encrypted PDF: it needs a password to open; save an unprotected copy",
            "broken.docx": "corrupt .docx: not a readable Office Open XML (ZIP) package",
            "long.txt": "larger than 300 bytes (CAIWEN_MAX_FILE_BYTES)",
        }
        assert str(tmp_path) not in up.text

        asked = httpx.post(f"{server.url}/v1/ask", headers=admin, json={"question": "藍籌收益基金的管理費是多少？"},
                           timeout=120)
        assert asked.status_code == 200, asked.text
        body = asked.json()
        assert "0.85%" in body["answer"]
        cited = next(c for c in body["citations"] if c["doc_id"] == "upload/fees.pdf")
        assert cited["page"] == 1 and "0.85%" in cited["quote"]
