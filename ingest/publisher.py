"""Who published a page: the site name of its <title> and the holder of its copyright line.

A broker's own page often names the broker only there ("US Fractional Shares | Tidemark Peak Securities",
"© 2032 Tidemark Peak Securities Limited. All rights reserved."), in the masthead and footer that cleaning drops. A
customer asking "Tidemark啲碎股幾點先買得？" names that broker all the same, so the name is kept with the document's
title."""
from __future__ import annotations

import html
import re

_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_TITLE_SEPARATOR = re.compile(r"\s*[|｜]\s*")  # a site name follows a bar; " - Fact Sheet" names a document type
# 「© 2026 嘉泓證券（亞洲）有限公司 版權所有」, "&copy; 2027 Westmere Securities (Hong Kong) Limited. All rights reserved."
_COPYRIGHT = re.compile(
    r"(?:©|&copy;|copyright\s*(?:©|&copy;|(?=\d{4})))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?((?:[^\s<|｜　]|[ \t](?=[^\s|｜　]))[^\n<|｜　]{1,79}?)(?=\s{2,}|[\n<|｜　]|$)", re.I)
# 「澄川证券股份有限公司　版权所有 © 2027」: the holder written before the words
_HOLDER_BEFORE = re.compile(r"([^\s|｜　>：:\d]{3,30})[ \t　]*(?:版權所有|版权所有)")
_RESERVED = re.compile(r"\s*(?:all rights reserved|版權所有|版权所有|保留所有權利|保留所有权利).*$", re.I | re.S)
# the holder's sentence ends at a full stop before the next sentence ("… Limited. Registered office: …"), not at Co./Ltd.
_SENTENCE_END = re.compile(r"(?<!\bCo)(?<!\bLtd)(?<!\bInc)[.。]\s*(?=[A-Z\u4e00-\u9fff]|$)")
_LETTER = re.compile(r"[A-Za-z\u4e00-\u9fff]")


def _holder(text: str) -> str | None:
    if m := _HOLDER_BEFORE.search(text):
        return m.group(1)
    for m in _COPYRIGHT.finditer(text):
        holder = _SENTENCE_END.split(_RESERVED.sub("", html.unescape(m.group(1))), maxsplit=1)[0].strip(" ,;:·。")
        if len(_LETTER.findall(holder)) >= 3 and not re.fullmatch(r"[\d\s]+", holder):
            return holder
    return None


def _site_name(raw_html: str, title: str) -> str | None:
    m = _TITLE_TAG.search(raw_html)
    if not m:
        return None
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(html.unescape(m.group(1)).strip()) if p.strip()]
    if len(parts) < 2:
        return None
    # the last part that is not the page's title ("Currency Exchange | Brightwater Crest Securities"), else the first
    # ("Harrowgate Securities | Currency conversion")
    for part in (parts[-1], parts[0]):
        if not _mostly_in(part, title):
            return part
    return None


def _mostly_in(part: str, title: str) -> bool:
    """More than half the part's words (Chinese: characters) are the title's: the page's own title, written another way."""
    units = re.findall(r"[\u4e00-\u9fff]|[A-Za-z0-9]+", part.lower())
    return bool(units) and sum(u in title.lower() for u in units) > len(units) / 2


def publisher_names(raw: str, page_title: str | None, is_html: bool) -> tuple[str, ...]:
    """The page's publisher as its <title> (`page_title`: the title read from the page, to tell the site name from it)
    and its copyright line write it: both where neither holds the other ("Corallis Funds", "Tidemark Peak Securities
    Limited" over the site name it contains)."""
    names = [n for n in (_site_name(raw, page_title or "") if is_html else None, _holder(raw)) if n]
    kept: list[str] = []
    for name in sorted(dict.fromkeys(names), key=len, reverse=True):
        if not any(name.lower() in k.lower() for k in kept):
            kept.append(name)
    return tuple(kept)


# the legal form and the place a company's name carries (「昱衡證券股份有限公司」, "Westmere Securities (Hong Kong)
# Limited"): a title naming 昱衡證券 names it
_LEGAL_FORM = re.compile(r"\s*(?:[(（][^)）]{1,12}[)）]|股份有限公司|有限公司|\b(?:co\.?,?\s*)?(?:limited|ltd\.?|inc\.?)$)\s*", re.I)


def _brand(name: str) -> str:
    return _LEGAL_FORM.sub(" ", name).strip() or name


def titled_with_publisher(title: str, publishers: tuple[str, ...]) -> str:
    """The title with the publisher's names it does not already write ("US Fractional Shares | Tidemark Peak
    Securities Limited"; 「昱豐證券交割款項…公告」 stays as it is)."""
    missing = [n for n in publishers if _brand(n).lower() not in title.lower()]
    if not missing:
        return title
    return f"{title} | {' · '.join(missing)}" if title else " · ".join(missing)
