"""Loaders: encodings (UTF-8, GB18030, Big5), HTML main-text extraction, and each bad-input reason."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from ingest.errors import IngestFileError
from ingest.loaders import LoadOptions, load_file

TRADITIONAL = (
    "羅素 2000 指數(Russell 2000 Index) 是由富時羅素(FTSE Russell)編製,專門追蹤美國市場中 2,000 家小型上市公司"
    "表現的股票指數。它由羅素 3000 指數中市值排名最後的 2,000 隻股票組成,被譽為美國經濟的「煤礦金絲雀」。\n"
    "剩下的第 1,001 名至第 3,000 名企業,即構成了羅素 2000 指數。\n"
)
SIMPLIFIED = (
    "2026年1月16日罗素2000指数创下历史新高的收盘价不仅是常规的市场里程碑,更标志着市场领涨格局可能出现根本性转变。"
    "在11个交易日期间,罗素2000指数累计上涨约7.88%(对应195.51点的指数涨幅)。\n"
)
LIMIT = LoadOptions(max_text_bytes=1_000_000)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("text", "encoding", "name"),
    [
        (SIMPLIFIED + TRADITIONAL, "utf-8", "utf8.txt"),
        (SIMPLIFIED, "gb18030", "gb.txt"),
        (SIMPLIFIED * 3, "gb18030", "gb.md"),
        (TRADITIONAL, "big5", "big5.txt"),
        (TRADITIONAL * 3, "big5", "big5.md"),
    ],
)
def test_chinese_encodings_decode_to_the_same_text(tmp_path: Path, text: str, encoding: str, name: str) -> None:
    loaded = load_file(write(tmp_path / name, text.encode(encoding)), LIMIT)
    assert loaded.text == text
    assert loaded.encoding.replace("_", "").replace("-", "") == encoding.replace("-", "")


def test_utf8_with_bom_drops_the_bom(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path / "bom.txt", b"\xef\xbb\xbf" + TRADITIONAL.encode()), LIMIT)
    assert loaded.text == TRADITIONAL


def test_whole_corpus_articles_survive_a_round_trip_through_legacy_encodings(tmp_path: Path, corpus_dir: Path) -> None:
    traditional = (corpus_dir / "000_4b08b8b848a4e809.txt").read_text(encoding="utf-8")
    simplified = (corpus_dir / "001_aab619b458c5b363.txt").read_text(encoding="utf-8")
    assert load_file(write(tmp_path / "a.txt", traditional.encode("big5")), LIMIT).text == traditional
    assert load_file(write(tmp_path / "b.txt", simplified.encode("gb18030")), LIMIT).text == simplified


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b" \n\n\t \n", "empty file"),
        ("picture.txt", bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 4, "binary"),
        ("nulls.md", b"abc\x00\x00\x00def" * 50, "binary"),
        ("garbage.txt", bytes(random.Random(7).randrange(0x80, 0x100) for _ in range(501)), "undecodable"),
        ("report.pdf", b"%PDF-1.7 whatever", "corrupt PDF"),
        ("report2.pdf", b"<html>not a pdf</html>", "not a PDF file"),
        ("sheet.docx", b"PK\x03\x04", "corrupt .docx"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'"),
        ("README", b"plain words", "unsupported file type '(none)'"),
    ],
)
def test_bad_files_fail_with_a_clear_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    with pytest.raises(IngestFileError) as info:
        load_file(write(tmp_path / name, data), LIMIT)
    assert reason in str(info.value)


def test_over_size_file_names_the_limit_and_the_setting(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", SIMPLIFIED.encode() * 100)
    with pytest.raises(IngestFileError) as info:
        load_file(path, LoadOptions(max_text_bytes=1000))
    message = str(info.value)
    assert "too large" in message and "1,000" in message and "CAIWEN_MAX_FILE_BYTES" in message
    assert load_file(path, LoadOptions(max_text_bytes=path.stat().st_size)).text  # exactly at the limit is accepted


def test_unknown_type_lists_the_supported_ones(tmp_path: Path) -> None:
    with pytest.raises(IngestFileError) as info:
        load_file(write(tmp_path / "sheet.xlsx", b"PK\x03\x04"), LIMIT)
    assert ".pdf" in str(info.value) and ".docx" in str(info.value)
    assert ".html" in str(info.value) and ".md" in str(info.value) and ".txt" in str(info.value)


PAGE = """<!DOCTYPE html>
<html lang="zh-Hant"><head><meta charset="{charset}"><title>羅素2000指數再創新高</title></head>
<body>
<header><nav><ul><li><a href="/">首頁</a></li><li><a href="/markets">市場行情導覽</a></li>
<li><a href="/login">會員登入專區</a></li></ul></nav></header>
<main><article>
<h1>羅素2000指數再創新高</h1>
<p>2026年1月16日,羅素2000指數收報2,692.23點,創下歷史新高,過去11個交易日累計上漲約7.88%。</p>
<p>分析師指出,小型股盈利正處於復甦初期,而聯準會降息令浮動利率債務比例較高的小型企業受惠。</p>
<h2>板塊表現</h2>
<p>工業板塊領漲,漲幅為0.43%,其次是金融服務板塊,漲幅為0.30%。通信服務板塊則下跌1.16%。</p>
<table><tr><th>指數</th><th>漲幅</th></tr><tr><td>羅素2000</td><td>7.88%</td></tr>
<tr><td>標普500</td><td>1.20%</td></tr></table>
</article></main>
<footer><p>版權所有 2026 財經新聞網 保留一切權利。</p><p>聯絡我們 | 私隱政策 | 使用條款</p></footer>
</body></html>
"""


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
def test_html_main_text_is_extracted_without_navigation_or_footer(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path / "page.html", PAGE.format(charset=encoding).encode(encoding))
    loaded = load_file(path, LIMIT)
    assert loaded.fmt == "html"
    assert loaded.html_title == "羅素2000指數再創新高"
    text = loaded.text
    assert "收報2,692.23點" in text and "聯準會降息" in text and "通信服務板塊則下跌1.16%" in text
    assert "板塊表現" in text
    # the table survives as a pipe table with its header row
    assert "| 指數 | 漲幅 |" in text and "| 羅素2000 | 7.88% |" in text
    for chrome in ("市場行情導覽", "會員登入專區", "版權所有", "私隱政策", "<p>", "<nav>"):
        assert chrome not in text


def test_html_without_main_text_fails_clearly(tmp_path: Path) -> None:
    page = "<html><head><title>x</title></head><body><script>var a = 1;</script></body></html>"
    with pytest.raises(IngestFileError, match="no main text"):
        load_file(write(tmp_path / "empty.html", page.encode()), LIMIT)


def test_html_of_navigation_only_leaves_no_article_text(tmp_path: Path) -> None:
    from ingest.documents import read_document

    page = "<html><body><nav><a href='/'>首頁</a></nav><footer>版權所有</footer></body></html>"
    path = write(tmp_path / "nav.html", page.encode())
    with pytest.raises(IngestFileError, match="no article text left"):
        read_document(path, "nav.html", LIMIT, 300, 60)


FACT_SHEET = """<!DOCTYPE html><html lang="en"><head><title>Riverbend Income Fund</title></head><body><main>
<h1>Riverbend Income Fund (RVBIX)</h1>
<p>The fund invests in short-dated municipal bonds and pays income every month to its shareholders.</p>
<h2>Fund facts</h2>
<table>
<tr><th>Launch date</th><td>June 9, 2011</td></tr>
<tr><th>Management fee</th><td>0.45%</td></tr>
<tr><th>Average maturity</th><td>2.7 years</td></tr>
</table>
<h2>Sectors</h2>
<table>
<tr><th>Sector</th><th>Share</th></tr>
<tr><td>General obligation</td><td>41%</td></tr>
<tr><td>Revenue bonds</td><td>59%</td></tr>
</table>
<p>Shares are offered by prospectus only, and the fund's yield varies with the level of interest rates.</p>
</main></body></html>"""


def test_html_label_value_tables_become_one_fact_per_line_and_header_tables_stay_tables(tmp_path: Path) -> None:
    loaded = load_file(write(tmp_path / "sheet.html", FACT_SHEET.encode("utf-8")), LoadOptions())
    assert "Launch date: June 9, 2011." in loaded.text and "Management fee: 0.45%." in loaded.text
    assert "| Launch date |" not in loaded.text  # the first fact is not a header row
    assert "| Sector | Share |" in loaded.text and "| Revenue bonds | 59% |" in loaded.text


def test_markdown_html_comments_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    path.write_text("<!-- draft: figures to be checked by legal -->\n# 转账时间调整公告\n\n银证转账时间调整为8:30至16:00。<!-- 旧: 9:00 -->\n"
                    "<!--\n多行注释\n-->\n", encoding="utf-8")
    loaded = load_file(path, LoadOptions())
    assert "draft" not in loaded.text and "旧" not in loaded.text and "多行注释" not in loaded.text
    assert "银证转账时间调整为8:30至16:00。" in loaded.text
    only_comment = tmp_path / "empty.md"
    only_comment.write_text("<!-- nothing yet -->\n", encoding="utf-8")
    with pytest.raises(IngestFileError, match="only whitespace and comments"):
        load_file(only_comment, LoadOptions())
