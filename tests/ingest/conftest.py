"""Documents generated once per session for the PDF and Word tests (see document_factory.py)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ingest.document_factory import (
    PrintJob,
    cid_font_pdf,
    encrypt,
    image_only_pdf,
    print_pdfs,
    require_chromium,
    write_docx,
)

HEADER = "財問證券 研究報告"
FOOTER = "第"
TITLE = "亞洲小型股基金月報"
LEFT = [f"左欄第{i}句說明小型股的盈利週期與估值修復，成分股每年六月按市值重新排序。" for i in range(1, 9)]
RIGHT = [f"右欄第{i}句分析利率下降對中小企業融資成本的影響，借貸成本回落有利盈利。" for i in range(1, 9)]
REGIONS = ["亞洲", "歐洲", "美國", "環球", "中國", "日本", "印度", "東盟"]
THEMES = ["科技", "醫療", "債券", "增長", "收益"]
# (fund, management fee, performance rank): 40 rows, so the table runs from page 1 onto page 2.
FUNDS = [(f"{REGIONS[i % 8]}{THEMES[i // 8]}基金", f"{0.55 + 0.05 * i:.2f}%", f"第{(i * 7) % 40 + 1}名")
         for i in range(40)]
AFTER_TABLE = "以上管理費以年率計算，已包括託管費。"
SIMPLIFIED = ["罗素2000指数每年六月重组，新名单于六月最后一个星期五生效。", "小型股基金的认购费为百分之三，赎回费为零。"]
TRADITIONAL_CID = ["羅素2000指數每年六月重組。", "管理費為每年1.25%。"]
SIMPLIFIED_CID = ["罗素2000指数每年六月重组。", "认购费为每年百分之三。"]
SCANNED = ["掃描文件：基金管理費為每年1.25%。", "Russell 2000 rebalances every June."]
DOCX_ROWS = [("基金名稱", "認購費", "贖回費"), ("亞洲債券基金", "3.00%", "0.50%"), ("環球科技基金", "5.00%", "1.00%"),
             ("日本增長基金", "4.25%", "0.75%")]


def report_body() -> str:
    rows = "".join(f"<tr><td>{f}</td><td>{fee}</td><td>{rank}</td></tr>" for f, fee, rank in FUNDS)
    return (
        f"<h1>{TITLE}</h1><p>2026年3月31日</p>"
        f'<div class="cols"><p>{"".join(LEFT)}</p><p style="break-before: column">{"".join(RIGHT)}</p></div>'
        "<h2>基金費用一覽</h2>"
        f"<table><thead><tr><th>基金名稱</th><th>管理費</th><th>表現排名</th></tr></thead><tbody>{rows}</tbody></table>"
        f"<p>{AFTER_TABLE}</p>"
    )


@dataclass(frozen=True)
class Documents:
    folder: Path  # every good document below, ready to ingest as one batch
    report: Path  # Traditional, two columns, a table over pages 1-2, running header and footer
    simplified: Path
    cid_traditional: Path
    cid_simplified: Path
    docx: Path
    scanned: Path
    encrypted: Path  # needs a password
    owner_locked: Path  # encrypted with an empty user password: opens without one
    corrupt: Path
    corrupt_docx: Path
    encrypted_docx: Path


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Documents:
    require_chromium()
    root = tmp_path_factory.mktemp("documents")
    good = root / "good"
    good.mkdir()
    bad = root / "bad"
    bad.mkdir()
    report, simplified = good / "report.pdf", good / "brief_hans.pdf"
    print_pdfs([
        PrintJob(report_body(), str(report), header=HEADER, footer=FOOTER),
        PrintJob("<h1>小型股基金简报</h1>" + "".join(f"<p>{s}</p>" for s in SIMPLIFIED), str(simplified), lang="zh-Hans"),
    ])
    cid_traditional = good / "cid_hant.pdf"
    cid_traditional.write_bytes(cid_font_pdf(TRADITIONAL_CID))
    cid_simplified = good / "cid_hans.pdf"
    cid_simplified.write_bytes(cid_font_pdf(SIMPLIFIED_CID, b"GB1", b"STSong-Light", b"UniGB-UCS2-H"))
    docx = write_docx(good / "fund_terms.docx", [
        ("title", "基金條款摘要"), ("h1", "費用"), ("p", "以下費用適用於所有零售類別基金單位，按認購金額計算。"),
        ("table", DOCX_ROWS), ("h2", "風險"), ("p", "基金價格可升可跌，過往表現不代表將來表現。"),
    ])
    owner_locked = encrypt(simplified, good / "owner_locked.pdf", user_password="")
    scanned = root / "scan.pdf"
    scanned.write_bytes(image_only_pdf(SCANNED))
    encrypted = encrypt(simplified, bad / "locked.pdf", user_password="secret")
    corrupt = bad / "broken.pdf"
    data = report.read_bytes()
    corrupt.write_bytes(data[: len(data) // 2])
    corrupt_docx = bad / "broken.docx"
    corrupt_docx.write_bytes(docx.read_bytes()[:600])
    encrypted_docx = bad / "locked.docx"
    encrypted_docx.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000))
    return Documents(good, report, simplified, cid_traditional, cid_simplified, docx, scanned, encrypted,
                     owner_locked, corrupt, corrupt_docx, encrypted_docx)


def copy_of(paths: list[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copyfile(path, folder / path.name)
    return folder
