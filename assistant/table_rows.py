"""Tables the retrieval reached, read whole: the rows a rank question or a named row needs join the hits."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.answer_types import answer_type, top_count
from assistant.evidence import content_terms
from assistant.figures.question_numbers import names_a_code
from assistant.number_tokens import numbers_in
from assistant.quantity_bands import asked_quantities, in_quantity_band
from assistant.tables import (
    asked_ages, extreme_row, header_overlap, holds_code, in_age_band, label_cell, names_row, ranked_rows,
)
from knowledge_base.lexical_tokens import expand_query
from knowledge_base.records import ChunkRecord, SearchHit


def with_table_rows(norm: str, hits: list[SearchHit], chunks_of: Callable[[str], Sequence[ChunkRecord]]) -> list[SearchHit]:
    """Tables the retrieval reached are read whole, since the rows retrieved are rarely all of them: the
    chunk holding the row a rank question asks for ("权重最高的是哪只": the extreme value), those holding the
    leading rows a top-N question adds up, and the chunks
    holding rows that name what the question names ("招行" in 「招商银行」) join the contexts."""
    tables = {h.chunk.doc_id for h in hits if any(u.kind == "table_row" and u.header for u in h.chunk.units)}
    retrieved = " ".join(h.chunk.norm_text.lower() for h in hits)
    # a code the asker writes (「代號2395」, "stock 0887") names its row, in any table of the documents the retrieval
    # reached, whether or not a retrieved chunk holds a row of it (a FAQ's answer about margin calls, its ratio table
    # in another section)
    codes = [t.raw for t in numbers_in(norm) if names_a_code(norm, t) and t.raw not in retrieved]
    # an age the asker states (「58歲」) names the row of its band (「51–60」) in a table of the documents reached
    ages = asked_ages(norm)
    # and so does a size or a length (「3,000cc」 in 「2,501cc或以上」, "a 16-day trip" in "15 to 21 days")
    quantities = asked_quantities(norm)
    if not tables and not codes and not ages and not quantities:
        return hits
    asked = answer_type(norm)
    top = top_count(norm)
    expanded = expand_query(norm) if top is not None else norm
    # Only what the retrieval missed is looked up: a term the retrieved text already holds needs no row, unless no
    # retrieved row is labelled with it (「利率」 asked, retrieved only inside another table's 「按票面利率计息」 cells,
    # while the row 「票面年利率 | 2.31% | 2.46%」 was not retrieved)
    asked_terms = [t for t in content_terms(norm, "zh-Hans") if len(t) >= 2]
    terms = [t for t in asked_terms if t not in retrieved]
    retrieved_labels = " ".join(label_cell(h.chunk.text[u.start:u.end]) or "" for h in hits for u in h.chunk.units
                                if u.kind == "table_row" and u.header).lower()
    label_terms = [t for t in asked_terms if t in retrieved and t not in retrieved_labels]
    wanted: list = []
    for doc_id in sorted(tables | ({h.chunk.doc_id for h in hits} if codes or ages or quantities else set())):
        rows = [(c, c.text[u.start:u.end], u.header) for c in chunks_of(doc_id)
                for u in c.units if u.kind == "table_row" and u.header]
        labels = [(label_cell(row) or "").lower() for _, row, _ in rows]
        for code in codes:
            wanted.extend(chunk for chunk, row, _ in rows if holds_code(code, row))
        wanted.extend(chunk for (chunk, _, _), label in zip(rows, labels)
                      if ages and in_age_band(label, ages) or in_quantity_band(label, quantities))
        if doc_id not in tables:
            continue
        if asked in ("rank_max", "rank_min"):
            for header in dict.fromkeys(h for _, _, h in rows):  # in document order: a set's order varies by run
                chunk = extreme_row([r for r in rows if r[2] == header], asked == "rank_max", norm)
                if chunk is not None:
                    wanted.append(chunk)
        if top is not None:  # 「前三大成分股權重加起來」: the table's top rows, wherever the question names the table
            for header in dict.fromkeys(h for _, _, h in rows):
                name, ranked = ranked_rows([r for r in rows if r[2] == header], True, norm)
                if len(ranked) >= top and header_overlap(header, expanded, name) > 0:
                    wanted.extend({chunk.chunk_id: chunk for chunk, _ in ranked[:top]}.values())
        for term in [*terms, *label_terms]:
            # the rows whose label holds the term name it first (「票面年利率」 for 利率, not 「按票面利率计息」 cells);
            # a term retrieved elsewhere only where the label ends with it, a Chinese compound's head (「每基金單位
            # 資產淨值」 is a net asset value, not the 每基金單位 distribution asked)
            labelled = [chunk for (chunk, row, header), label in zip(rows, labels) if names_row(term, row, header) and (
                label.rstrip(" （）()").endswith(term) if term in label_terms else term in label)]
            named = labelled if labelled or term in label_terms else \
                [chunk for chunk, row, header in rows if names_row(term, row, header)]
            if len(named) <= 2:  # a word in many rows is the table's subject, not a row's name
                wanted.extend(named)
    held = {h.chunk.chunk_id for h in hits}
    missing = {c.chunk_id: c for c in wanted if c.chunk_id not in held}  # a chunk already retrieved takes no place
    for chunk in list(missing.values())[:3]:
        hits = [*hits, SearchHit(chunk=chunk, score=0.0, rank=len(hits) + 1)]
    return hits
