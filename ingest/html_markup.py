"""HTML markup trafilatura mishandles, rewritten before extraction: headings kept as marked paragraphs (it drops
every heading of some pages, an encyclopedia article's among them, depending on what follows), and footnote
reference marks (<sup>[4]</sup>) removed, which are not the article's text and would read as figures. A paragraph
inside the page's <main> or <article> loses its class and id: trafilatura discards paragraphs by class name
("meta", "byline"), and there a product page's issuer and as-of line (<p class="meta">發行人：…) is its text."""
from __future__ import annotations

import re

HEADING_MARK = "CWHEADING"  # with the level after it; letters, which extraction keeps; turned back into "#" after it
_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>(.*?)</h\1\s*>", re.I | re.S)
_FOOTNOTE_REF = re.compile(
    r"<sup(?:\s[^>]*)?>\s*(?:<a(?:\s[^>]*)?>)?\s*\[\s*(?:\d{1,3}|[a-z]|note\s*\d{1,3})\s*\]\s*(?:</a>)?\s*</sup>", re.I)
_MARKED = re.compile(rf"^{HEADING_MARK}([1-6])Z ", re.M)


_MAIN = re.compile(r"<(main|article)(?:\s[^>]*)?>.*?</\1\s*>", re.I | re.S)
_PARAGRAPH_ATTRIBUTES = re.compile(r"<p\s[^>]*>", re.I)


def marked_html(html: str) -> str:
    html = _FOOTNOTE_REF.sub("", html)
    html = _MAIN.sub(lambda m: _PARAGRAPH_ATTRIBUTES.sub("<p>", m.group(0)), html)
    return _HEADING.sub(lambda m: f"<p>{HEADING_MARK}{m.group(1)}Z {m.group(2)}</p>", html)


def restored_headings(text: str) -> str:
    """The extracted text with each marked paragraph as a Markdown heading of its level."""
    return _MARKED.sub(lambda m: "#" * int(m.group(1)) + " ", text)
