"""What the extractive composer may quote: the quotable answer units of each context (or, for a catalog written
before answer units, its sentences judged by shape), with their index tokens."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.chinese_numerals import arabic_forms
from assistant.composers.base import CompositionInput
from assistant.sentences import split_sentences
from assistant.tables import render_row
from knowledge_base.contact_details import without_contact_details
from knowledge_base.glosses import stem
from knowledge_base.lexical_tokens import tokenize, with_canonical_terms
from knowledge_base.records import QUOTABLE_UNITS as QUOTABLE
from knowledge_base.scripts import normalize_for_index

LIST_ITEM = re.compile(r"^\s*([-*•·]|\d{1,2}[.、)]|[一二三四五六七八九十]+、)")
HAS_NUMBER = re.compile(r"\d")
# Never quoted, whatever a document says: planted instructions, buy/sell calls and sign-up pitches.
_UNQUOTABLE = re.compile(
    r"ignore (all )?(previous|prior|above) instructions|忽略(之前|以上|先前)|(建议|建議|强烈|強烈|立即|马上|馬上)\s*(买入|買入|卖出|賣出|沽出)|"
    r"all ?in|you should (buy|sell)|(buy|sell) (it )?now|(注册|註冊|开户|開戶)[^。]{0,20}(帐号|帳號|账户|帳戶)",
    re.I,
)
_TABLE_SEP = re.compile(r"^\|[\s:\-|]+\|")
_HEADINGISH = re.compile(r"^[^。！？!?；;，,]{0,24}$")
# A page's masthead: fields run together on one line, one of them when it was published or updated
# ("Harrowgate Futures Limited (SFC CE No. BRT604) · Page updated Monday 7 February 2028 · …",
# 「刊印日期：2026年11月　｜　資料日期：2026年10月30日　｜　證券代號：00987」)
_MASTHEAD_FIELD = re.compile(r"\s[·•|｜]\s|　[|｜]　|[|｜]")
_MASTHEAD_DATE = re.compile(r"\b(?:page |last )?updated\b|\bpublished\b|\bissued on\b|(?:公告|刊印|资料|資料|发布|發布|更新|出版|刊登|印制|印製)"
                            r"日期|最[后後]更新|公告日[:：]", re.I)


# 「首頁 > 基金商品 > ETF專區 > 00987 …」, "Home > Futures > Index futures": where the page sits on its site
_BREADCRUMB = re.compile(r"^\s*(?:(?:当前位置|當前位置|目前位置|您的位置|你的位置|位置|you are here)\s*[:：]\s*)?"
                         r"(?:首页|首頁|主页|主頁|home)\s*(?:>|›|»|/)\s*[^>›»]+(?:>|›|»)", re.I)


def is_breadcrumb(sentence: str) -> bool:
    return _BREADCRUMB.match(sentence) is not None


# A news release's dateline: where and when it was filed, before the story ("**PERTH, 6 August 2026** – …",
# "HONG KONG, March 3, 2027 /PRNewswire/ -- …", 「新华社北京8月6日电」, 「本報訊」)
_DATELINE = re.compile(
    r"^\W{0,3}[A-Z][A-Za-z.'’ -]{1,30},\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?,?\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
    r"[*_\s]*(?:[–—-]{1,2}|/[A-Za-z ]+/)"
    r"|^\W{0,2}(?:[\u4e00-\u9fff]{1,8}?(?:社|网|網|报|報|台))?[\u4e00-\u9fff]{0,6}\d{1,2}月\d{1,2}日(?:电|電|讯|訊)"
    r"|^\W{0,2}(?:本报讯|本報訊)")


def is_dateline(sentence: str) -> bool:
    """A sentence opening on its release's dateline: it holds a date, but when the story was filed, not an answer."""
    return _DATELINE.match(sentence) is not None


def is_masthead(sentence: str) -> bool:
    """A line of the page's masthead (who, when published or updated, a code): it answers when the page was
    written, not what the page says."""
    return _MASTHEAD_FIELD.search(sentence) is not None and _MASTHEAD_DATE.search(sentence) is not None


@dataclass(frozen=True)
class Candidate:
    n: int  # context number
    start: int
    end: int
    text: str  # the original span (what the citation quotes)
    tokens: frozenset[str]
    position: int
    kind: str = "answer"  # answer unit kind (answer | table_row)
    header: str = ""  # table rows: header line, with the table's caption above it when there is one
    chunk_start: int = 0  # the chunk's offset in its document: overlapping chunks repeat units
    lead: str = ""  # the FAQ question or list introduction this unit answers
    header_tokens: frozenset[str] = frozenset()  # table rows: words of the header (every row shares them)
    columns: tuple[int, ...] = ()  # table rows: the columns a question asks of every row (empty: all)
    # Words of the sentence before it in the same paragraph, which often names what this one quantifies
    # (「估值差距仍然较大。罗素2000的市盈率约18倍,标普500接近31倍」); not its own words.
    context_tokens: frozenset[str] = frozenset()

    def display(self, lang: str) -> str:
        """What the answer shows: the sentence, or a table row as header: value pairs."""
        if self.kind == "table_row" and self.header:
            return render_row(self.text, self.header, lang, columns=self.columns)
        return self.text

    @property
    def doc_start(self) -> int:
        return self.chunk_start + self.start


def tables_of(candidates: list[Candidate]) -> dict[str, list[Candidate]]:
    """The table rows among the candidates, grouped by their table's header, tables and rows in candidate order."""
    tables: dict[str, list[Candidate]] = {}
    for c in candidates:
        if c.kind == "table_row" and c.header:
            tables.setdefault(c.header, []).append(c)
    return tables


def with_inflected_words(candidates: list[Candidate], english_words: set[str]) -> list[Candidate]:
    """Each candidate with the English asker's words it writes in another inflection counted as its own tokens
    ("Who manages LTMXX?" and "Portfolio managers: …"), so every word comparison of the composer meets them."""
    stems = {w: stem(w) for w in english_words if w.isascii() and w.isalpha()}
    if not stems:
        return candidates
    out = []
    for c in candidates:
        written = {stem(t) for t in c.tokens if t.isascii() and t.isalpha()}
        inflected = {w for w, s in stems.items() if w not in c.tokens and s in written}
        out.append(replace(c, tokens=c.tokens | inflected) if inflected else c)
    return out


@lru_cache(maxsize=4096)
def sentence_tokens(text: str) -> frozenset[str]:
    tokens = tokenize(with_canonical_terms(normalize_for_index(without_contact_details(text))))
    return frozenset(tokens) | arabic_forms(tokens)


def _is_table_header(text: str, start: int, end: int) -> bool:
    row = text[start:end]
    if set(row) <= set("|-: "):
        return True
    following = text[end:].lstrip("\n")
    if _TABLE_SEP.match(following):
        return True
    # A table without a separator line: its first row, directly followed by more rows, is the header.
    before = text[:start].rstrip("\n").rsplit("\n", 1)[-1] if start else ""
    return start > 0 and not before.startswith("|") and following.startswith("|")


def quotable_candidates(inp: CompositionInput) -> list[Candidate]:
    out = []
    for n, hit in enumerate(inp.contexts, start=1):
        text = hit.chunk.text
        if not hit.chunk.units:  # a catalog written before answer units: judge sentences by shape here
            out.extend(legacy_candidates(n, text))
            continue
        # An FAQ question, or an introduction ending in a colon, lends its words to what answers it: the
        # next sentence, or the list items that follow ("以下原因：" then "- 泡沫…").
        asked = ""
        previous: tuple[int, frozenset[str]] | None = None  # the last answer sentence: (end, tokens)
        for position, unit in enumerate(hit.chunk.units):
            unit_text = text[unit.start:unit.end].strip()
            # a FAQ's question the page writes as a list item (「- Q7：T+1已經把錢存進去，還需要做什麼嗎？」) asks, as one
            # the chunker marked a question does
            # (「**问：…？**」: the emphasis a Markdown page puts round it is no part of it)
            asks = unit.kind == "answer" and unit_text.rstrip("」』”’\"')）*_ ").endswith(("?", "？"))
            if unit.kind == "question" or asks or (unit.kind == "heading" and unit_text.endswith((":", "："))):
                asked = unit_text
                continue
            if unit.kind not in QUOTABLE:
                asked = "" if unit.kind != "heading" else asked
                continue  # headings, FAQ questions, captions, advertising and site chrome answer nothing
            sentence = unit_text
            if not sentence:
                continue  # blanked by the safety screen (a flagged sentence keeps its span, not its text)
            if _UNQUOTABLE.search(normalize_for_index(sentence)) or _UNQUOTABLE.search(sentence):
                continue
            tokens = sentence_tokens(sentence)
            lead = ""
            if asked and unit.kind == "answer":
                tokens = tokens | sentence_tokens(asked)
                lead = asked
                if not LIST_ITEM.match(sentence):
                    asked = ""
            header_tokens = sentence_tokens(unit.header.split("\n")[-1]) - tokens if unit.header else frozenset()
            same_paragraph = previous is not None and unit.kind == "answer" and "\n" not in text[previous[0]:unit.start]
            context = frozenset(t for t in previous[1] - tokens if len(t) >= 2 and not t.isdigit()) if same_paragraph else frozenset()
            out.append(Candidate(n, unit.start, unit.end, sentence, tokens, position, unit.kind, unit.header,
                                 hit.chunk.start, lead, header_tokens, context_tokens=context))
            previous = (unit.end, sentence_tokens(sentence)) if unit.kind == "answer" else None
    return out


def legacy_candidates(n: int, text: str) -> list[Candidate]:
    out = []
    for position, (start, end) in enumerate(split_sentences(text)):
        sentence = text[start:end].strip()
        if _UNQUOTABLE.search(normalize_for_index(sentence)) or _UNQUOTABLE.search(sentence):
            continue
        if sentence.startswith("|") and _is_table_header(text, start, end):
            continue
        if sentence.rstrip("」』”’\"')）*_ ").endswith(("?", "？")) or sentence.endswith((":", "：")):
            continue
        if len(sentence) < 8 or (_HEADINGISH.match(sentence) and not HAS_NUMBER.search(sentence)):
            continue
        out.append(Candidate(n, start, end, sentence, sentence_tokens(sentence), position))
    return out
