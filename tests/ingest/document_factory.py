"""Generate the PDFs and Word files the ingest tests read: HTML printed by Debian's headless Chromium
(through Playwright, as tests/browser does), a hand-written PDF with a predefined-CMap CID font, pages that
are only an image, encrypted and corrupt files, and .docx files written with python-docx."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

PAGE_CSS = """
@page { size: A4; margin: 22mm 16mm 22mm 16mm; }
body { font-family: 'WenQuanYi Zen Hei', sans-serif; font-size: 11pt; line-height: 1.5; }
h1 { font-size: 20pt; } h2 { font-size: 14pt; }
.cols { column-count: 2; column-gap: 10mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #333; padding: 3px 6px; text-align: left; }
.break { break-before: page; }
"""
HEADER = '<div style="font-size:8pt;width:100%;text-align:center;font-family:WenQuanYi Zen Hei">{}</div>'
FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;font-family:WenQuanYi Zen Hei">'
          '{} <span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def require_chromium() -> None:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: run .ci/install-browser.sh (Debian chromium, fonts-wqy-zenhei)")
    if not CJK_FONT.exists():
        pytest.skip(f"{CJK_FONT} is absent: apt-get install fonts-wqy-zenhei")
    pytest.importorskip("playwright.sync_api", reason="the Playwright driver is absent: run .ci/install-browser.sh")


@dataclass(frozen=True)
class PrintJob:
    body: str  # HTML body
    target: str
    header: str | None = None
    footer: str | None = None  # text before "<page> / <pages>"
    lang: str = "zh-Hant"


def print_pdfs(jobs: list[PrintJob]) -> None:
    """Print HTML bodies to PDF with one headless Chromium, in a child process: Playwright's sync API
    refuses to start inside a process whose event loop another Playwright (the browser tests') runs."""
    spec = json.dumps([asdict(job) for job in jobs], ensure_ascii=False)
    done = subprocess.run([sys.executable, "-m", "tests.ingest.document_factory"], input=spec, text=True,
                          capture_output=True, cwd=REPO, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"printing PDFs with Chromium failed: {done.stderr[-2000:]}")


def _print_here(jobs: list[PrintJob]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for job in jobs:
            page = browser.new_page()
            page.set_content(f'<!doctype html><html lang="{job.lang}"><head><meta charset="utf-8">'
                             f"<style>{PAGE_CSS}</style></head><body>{job.body}</body></html>")
            page.pdf(
                path=job.target, format="A4", print_background=True, prefer_css_page_size=True,
                display_header_footer=job.header is not None or job.footer is not None,
                header_template=HEADER.format(job.header or ""), footer_template=FOOTER.format(job.footer or ""),
            )
            page.close()
        browser.close()


# --- PDFs written by hand ----------------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (object 1 is the catalog), with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data)
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def cid_font_pdf(lines: list[str], ordering: bytes = b"CNS1", font: bytes = b"MSung-Light",
                 cmap: bytes = b"UniCNS-UCS2-H") -> bytes:
    """One page of text in a non-embedded CID-keyed font with a predefined CMap and no ToUnicode map, as
    older Chinese PDF writers produce (Adobe-CNS1 for Traditional, Adobe-GB1 for Simplified): the reader
    must decode through the registry's CMaps."""
    ops = [b"BT /F1 14 Tf 18 TL 72 760 Td"]
    for line in lines:
        ops.append(b"<" + line.encode("utf-16-be").hex().encode() + b"> Tj T*")
    ops.append(b"ET")
    content = b"\n".join(ops)
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /" + font + b" /Encoding /" + cmap + b" /DescendantFonts [5 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /" + font + b" /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (" + ordering + b") /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /"
        + font + b" /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 "
        b"/StemV 80 >> /DW 1000 >>",
        _stream(content),
    ])


def image_only_pdf(lines: list[str], size: tuple[int, int] = (1240, 1754), stamp: str | None = None) -> bytes:
    """A 'scanned' A4 page at 150 dpi: the text is drawn into a greyscale image and the page holds only
    that image (no text layer), or that image plus a short `stamp` in Helvetica, as document systems
    stamp a reference number on scans."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(CJK_FONT), 36)
    y = 160
    for line in lines:
        draw.text((120, y), line, font=font, fill=0)
        y += 70
    pixels = image.tobytes()
    width, height = size
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    if stamp:
        content += b"\nBT /F1 8 Tf 40 20 Td (" + stamp.encode("latin-1") + b") Tj ET"
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 4 0 R >> "
        b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 5 0 R >>",
        _stream(pixels, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8" % (width, height)),
        _stream(content),
    ])


def encrypt(source: Path, target: Path, user_password: str, owner_password: str = "owner-secret") -> Path:
    """A copy of `source` encrypted with AES-256 (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


# --- Word --------------------------------------------------------------------------------------------------


def write_docx(target: Path, blocks: list[tuple[str, object]]) -> Path:
    """blocks: ("title"|"h1"|"h2"|"p", text) or ("table", [header, *rows])."""
    import docx

    document = docx.Document()
    for kind, value in blocks:
        if kind == "title":
            document.add_heading(str(value), level=0)
        elif kind in ("h1", "h2", "h3"):
            document.add_heading(str(value), level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(str(value))
        elif kind == "table":
            rows = list(value)  # type: ignore[arg-type]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = str(cell)
        else:
            raise ValueError(kind)
    document.save(str(target))
    return target


def word_saved_docx(target: Path) -> Path:
    """A .docx as Word saves it after laying it out: `w:lastRenderedPageBreak` marks where pages 2, 3 and 4
    begin — mid-paragraph, inside a table, and at a paragraph start. (python-docx never writes these.)"""
    import docx
    from docx.oxml import OxmlElement

    def page_starts_here(run) -> None:
        run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))

    document = docx.Document()
    document.add_heading("債券基金說明書", 1)
    document.add_paragraph("本基金主要投資於亞洲投資級別債券，目標為提供穩定收益。")
    spanning = document.add_paragraph()
    spanning.add_run("基金的平均存續期約為五年，")
    page_starts_here(spanning.add_run("利率每上升一個百分點，基金資產淨值預計下跌約百分之五。"))
    rows = [("收費項目", "費率"), ("認購費", "最高3%"), ("管理費", "每年0.75%"), ("贖回費", "無")]
    table = document.add_table(rows=len(rows), cols=2)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            table.cell(r, c).text = cell
    page_starts_here(table.cell(3, 0).paragraphs[0].runs[0])
    last = document.add_paragraph()
    page_starts_here(last.add_run("基金價格可升可跌，投資者未必能取回全部本金。"))
    document.save(str(target))
    return target


if __name__ == "__main__":  # print_pdfs' child process: jobs as JSON on stdin
    _print_here([PrintJob(**job) for job in json.loads(sys.stdin.read())])
