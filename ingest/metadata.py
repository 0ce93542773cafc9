"""Document metadata: title and the published date when the text states one on a dateline."""
from __future__ import annotations

import re
from datetime import date

# A dateline is a short line that is (almost) only a date: 「2026年1月17日」, 「2025年09月30日 22:00 GMT」,
# "2025-09-30", "September 30, 2025". Dates inside sentences are content, not publication dates.
_ZH_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_EN_DATE = re.compile(
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})", re.I
)
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATELINE_REST = re.compile(r"^[\s\d:：.,，|·()（）APMapmGMTUTCHKThktst+\-/發布发布更新時間时间日期published updated]*$")


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_published_date(text: str, max_lines: int = 30) -> str | None:
    for line in text.split("\n")[:max_lines]:
        line = line.strip()
        if not line or len(line) > 60:
            continue
        for pattern in (_ZH_DATE, _ISO_DATE, _EN_DATE):
            match = pattern.search(line)
            if not match:
                continue
            rest = line[: match.start()] + line[match.end():]
            if not _DATELINE_REST.match(rest):
                continue
            if pattern is _EN_DATE:
                found = _valid(int(match.group(3)), _MONTHS[match.group(1)[:3].lower()], int(match.group(2)))
            else:
                found = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if found:
                return found
    return None


# Lines at the top that name no document: front-matter fields ("source: https://…"), a YAML fence, a quoted
# notice ("> …"), and breadcrumbs or menus (「首页 > 业务办理 > 融资融券」, "Home | Funds | Contact"). The answer-unit
# navigation forms (ingest/data/navigation_forms.tsv) are narrower on purpose, since a unit they match is dropped from
# answers: they miss 「首頁 ／ 投資學堂 ／ 固定收益」 and "Meridian Wire | Markets | Asia", which name no page either.
_FRONT_MATTER = re.compile(r"^(?:[a-z][a-z0-9_-]*:\s|---+$)")
_NAVIGATION = re.compile(r"[>›»＞/／|｜]")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MENU_CHARS = 120  # a line with two separators or more is a breadcrumb or menu up to this length, not a title
HEADING_CHARS = 120  # a heading is kept whole up to this length; a prose line stands in clipped past 60
HEADING_WINDOW = 8  # opening lines searched for a Markdown heading before the first plain line stands in


def _plain(line: str) -> str:
    """A line without Markdown's heading marks, emphasis and link targets."""
    return _LINK.sub(r"\1", line.strip().lstrip("#").strip()).replace("**", "").replace("__", "").strip()


def _is_menu(line: str) -> bool:
    """A breadcrumb or a bar of links: separators between short items, or links alone."""
    unlinked = _LINK.sub("", line)
    if len(_NAVIGATION.findall(unlinked)) >= 2 and len(_LINK.sub("x", line)) <= MENU_CHARS:
        return True
    return line.startswith("[") and unlinked.strip(" |｜·•") == ""


def _names_nothing(line: str) -> bool:
    return (not line or line.startswith(("|", ">", "<!--")) or _FRONT_MATTER.match(line) is not None
            or _is_menu(line))


def find_title(text: str, html_title: str | None = None) -> str:
    """The page's <title>, else its first Markdown heading near the top, else its first line that names it
    (clipped to its opening clause when it is prose)."""
    if html_title and html_title.strip():
        return html_title.strip()
    opening = [line.strip() for line in text.split("\n") if line.strip()][:HEADING_WINDOW]
    prose_seen = False
    for line in opening:
        # A level-one heading names the page wherever it sits in the opening lines; a lower one only before the
        # first paragraph (after it, 「## 歷史」 names a section).
        if line.startswith("#") and _plain(line) and (not prose_seen or not line.startswith("##")):
            return _clipped(_plain(line), HEADING_CHARS)
        prose_seen = prose_seen or (not _names_nothing(line) and not line.startswith("#"))
    for line in text.split("\n"):
        line = line.strip()
        if _names_nothing(line) or not _plain(line):
            continue
        return _clipped(_plain(line))
    return ""


def _clipped(line: str, limit: int = 60) -> str:
    if len(line) <= limit:
        return line
    # No heading: the opening sentence, clipped, stands in for one.
    head = re.split(r"[。！？!?；;，,]", line, maxsplit=1)[0]
    return head[:40] + ("…" if len(head) > 40 or len(head) < len(line) else "")
