"""A holding under a ratio the sources state: a consolidation or split (「每5個現有單位合併為1個新單位」, "every 5
existing units will be consolidated into 1 new unit") or an entitlement (「每10股送3股」, 「每持有2股可獲配1股」).

Asked 「我持有3,703個單位，合併後有幾多個？」, the answer is the asker's holding at the ratio: 3,703 × 1 ÷ 5 = 740.6, so
740 whole units (a fraction of a unit is not issued; the sources say what becomes of it). Where the asker also states
a price of the old units and asks one, a consolidation's new unit is the equivalent of that price × 5 ÷ 1.

Nothing is worked unless the question states one holding, asks how many (or a price) of the kind of action it
names (a consolidation or split, a bonus or rights issue), and the answer's documents state exactly one ratio of
that kind.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal

from assistant.composers.asked_quantities import stated_units
from assistant.composers.base import CompositionInput
from assistant.composers.example_reading import formatted
from assistant.messages import say
from assistant.number_tokens import numbers_in
from knowledge_base.lexical_tokens import cantonese_to_mandarin
from knowledge_base.scripts import normalize_for_index
from market_data.models import Figure

_UNIT = r"(?:股|个?(?:现有|现存|旧|新)?单位|份|张)"
# (old, new, kind): "becomes" replaces the holding; "adds" gives new units beside it
_RATIOS = (
    (re.compile(rf"每\s*(?P<old>\d+)\s*{_UNIT}[^。；;\n]{{0,12}}?(?:合并|合併|并|拆细|拆細|拆分|拆|转换|轉換)(?:为|為|成)?\s*"
                rf"(?P<new>\d+)\s*{_UNIT}"), "becomes"),
    (re.compile(r"every\s+(?P<old>\d+)\s+(?:existing\s+|old\s+|current\s+)?(?:shares?|units?)\s+(?:will\s+be\s+|are\s+|is\s+)?"
                r"(?:consolidated|combined|split|sub-divided|subdivided|converted)\s+into\s+(?P<new>\d+)", re.I), "becomes"),
    (re.compile(rf"每\s*(?:持有)?\s*(?P<old>\d+)\s*{_UNIT}[^。；;\n\d]{{0,8}}?(?:送|转增|轉增|配|可获配|可獲配|可获发|可獲發|获发|獲發|派)"
                rf"\s*(?P<new>\d+)\s*{_UNIT}"), "adds"),
    (re.compile(r"(?P<new>\d+)\s+(?:new\s+|bonus\s+|rights\s+)?(?:shares?|units?)\s+for\s+every\s+(?P<old>\d+)\s+"
                r"(?:existing\s+|old\s+)?(?:shares?|units?)\s+held", re.I), "adds"),
)
# how many units, not how much money (「實收幾多」 of a holding of rights asks the proceeds)
_ASKS_COUNT = re.compile(r"(?:多少|几多|几)\s*(?:个|股|份|张|手|单位)|how many|\bnumber of (?:new )?(?:shares|units)\b", re.I)
_ASKS_PRICE = re.compile(r"价|價|price|worth|equivalent", re.I)
_PRICE = re.compile(r"(?:HK\$|US\$|NT\$|\$|RMB\s?)(?P<price>\d[\d,]*(?:\.\d+)?)|(?P<yuan>\d[\d,]*\.\d+)\s*(?:元|港元|蚊)")


@dataclass(frozen=True)
class StatedRatio:
    text: str  # the lead: the holding worked at the ratio, with [n]
    figures: list[Figure]
    n: int


def _ratios(inp: CompositionInput, docs: set[str]) -> list[tuple[Decimal, Decimal, str, int]]:
    found: dict[tuple[Decimal, Decimal, str], int] = {}
    for n, hit in enumerate(inp.contexts, 1):
        if hit.chunk.doc_id not in docs:
            continue
        text = normalize_for_index(hit.chunk.text)
        for pattern, kind in _RATIOS:
            for m in pattern.finditer(text):
                old, new = Decimal(m.group("old")), Decimal(m.group("new"))
                if old > 0 and new > 0 and old != new:
                    found.setdefault((old, new, kind), n)
    return [(old, new, kind, n) for (old, new, kind), n in found.items()]


_KIND_ASKED = {
    "becomes": re.compile(r"合并|合併|拆细|拆細|拆分|拆股|consolidat|split|sub-?divi", re.I),
    "adds": re.compile(r"送股|送|转增|轉增|红股|紅股|供股|配股|bonus|rights|entitle", re.I),
}


def stated_ratio(inp: CompositionInput, docs: set[str]) -> StatedRatio | None:
    """The asker's holding at the one ratio the documents `docs` (the answer's own) state of the kind asked."""
    question = cantonese_to_mandarin(inp.norm_question)
    holding = stated_units(question)
    if holding is None or not _ASKS_COUNT.search(question):
        return None
    asked = {kind for kind, pattern in _KIND_ASKED.items() if pattern.search(question)}
    if not asked:
        return None  # a holding and a how-much question about something else (its fee, its yield)
    ratios = [r for r in _ratios(inp, docs) if r[2] in asked]
    if len(ratios) != 1:
        return None  # none, or several that the question does not choose between
    old, new, kind, n = ratios[0]
    exact = holding.value * new / old
    whole = exact.to_integral_value(rounding=ROUND_FLOOR)
    language = inp.language
    places = 0 if exact == whole else 2
    parts = [say(f"stated_ratio.{kind}", language, n=n, old=f"{old:f}", new=f"{new:f}", holding=holding.shown,
                 exact=formatted(exact, places), result=f"{whole:,f}")]
    figures = [Figure(name="stated_ratio", value=float(whole), unit="", symbol="", period="",
                      source=f"computed from [{n}] and the question")]
    price = _PRICE.search(inp.question)
    prices = [t for t in numbers_in(question) if t.decimals and not t.percent]
    if kind == "becomes" and price is not None and _ASKS_PRICE.search(question) and len(prices) == 1:
        old_price = Decimal((price.group("price") or price.group("yuan")).replace(",", ""))
        places = max(2, len(str(prices[0].raw).split(".")[1]))
        new_price = old_price * old / new
        sign = price.group(0)[:price.start("price") - price.start()] if price.group("price") else ""
        parts.append(say("stated_ratio.price", language, price=price.group(0).strip(), old=f"{old:f}", new=f"{new:f}",
                         result=f"{sign}{formatted(new_price, places)}"))
        figures.append(Figure(name="stated_ratio", value=float(round(new_price, places)), unit="", symbol="",
                              period="", source=f"computed from [{n}] and the question"))
    joiner = "；" if language.lang != "en" else "; "
    return StatedRatio(joiner.join(parts) + ("。" if language.lang != "en" else "."), figures, n)
