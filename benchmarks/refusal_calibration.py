"""Refusal calibration: how each signal of the evidence check splits answerable from out-of-scope questions,
per split of the fixed id-hash split (evals/split.py), so thresholds chosen on `tune` are read on `holdout`.

    python benchmarks/refusal_calibration.py --golden ../shared/golden/dev2.jsonl --data-dir DIR [--data-dir2 ...]

DIR is an ingested knowledge base of the golden file's corpus (`CAIWEN_DATA_DIR=DIR caiwen ingest CORPUS`).
Rules, each adding one signal to the one before (the last is what the chain uses):
  coverage   topic-noun (else term) coverage of the retrieved text >= 0.5 (>= 0.34 without nouns)
  +names     a name the knowledge base never mentions (科创50, (2800), 恒生指数, Vanguard) refuses
  +focus     the noun asked about appearing nowhere in the sources refuses a how-much question
  +live      a how-much question about today (今日, current) refuses when no market data computes it
  +periods   a period the question pins its figure to (2024年10月, 第8期, the week ending Sept 25, 今年9月) that no
             retrieved text of a document about the question's subject states refuses
  +compound  a how-much question's compound (融资利率) whose two words no document about its owner states in one
             sentence or table row refuses
(+names includes an entity the alias list knows, SPY, that the knowledge base names under none of its names.)
Also printed: the best dense cosine of in-scope vs out-of-scope questions, which overlaps too much to decide.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.advice import is_advice_request  # noqa: E402
from assistant.answer_types import answer_type  # noqa: E402
from assistant.evidence import check_evidence  # noqa: E402
from assistant.language import detect_language, normalize_query  # noqa: E402
from assistant.live_data import needs_live_data  # noqa: E402
from caiwen.config import Settings  # noqa: E402
from evals.split import split_of  # noqa: E402
from caiwen.wiring import open_knowledge_base  # noqa: E402

RULES = ("coverage", "+names", "+focus", "+live", "+periods", "+compound")


def decide(ev, rule: str) -> bool:
    """True = answer."""
    steps = RULES[: RULES.index(rule) + 1]
    if not ev.terms:
        return False
    if "+names" in steps and ev.names:
        return False
    if "+focus" in steps and ev.focus is not None and ev.focus in ev.judged_unknown and ev.asks_figure:
        return False
    if "+live" in steps and ev.live:
        return False
    if "+periods" in steps and ev.unstated_periods:
        return False
    if "+compound" in steps and ev.unpaired:
        return False
    if ev.nouns:
        return sum(1 for t in ev.nouns if t in ev.found) / len(ev.nouns) >= 0.5
    return ev.coverage >= 0.34


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--golden", action="append", required=True)
    parser.add_argument("--data-dir", action="append", required=True)
    args = parser.parse_args()
    rows = []
    for golden, data_dir in zip(args.golden, args.data_dir):
        kb = open_knowledge_base(Settings(data_dir=Path(data_dir)))
        for line in Path(golden).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            norm = normalize_query(item["question"])
            hits = kb.search(item["question"], k=5, mode="rrf")  # rrf: every hit gets a dense score
            docs = dict.fromkeys(h.chunk.doc_id for h in hits)
            ev = check_evidence(norm, detect_language(item["question"]).lang, hits, kb.catalog.mentions,
                                kb.catalog.texts_mentioning,
                                lambda docs=docs: {d: "\n".join(c.norm_text for c in kb.chunks(d)).lower() for d in docs},
                                date.today())
            ev.live = needs_live_data(norm) and answer_type(norm) == "number" and not is_advice_request(norm)
            split = "extra" if "extra" in golden else split_of(item["id"])
            rows.append((split, item["kind"] == "out_of_scope", ev))
    print("| split | rule | in-scope answered | out-of-scope refused |")
    print("|---|---|---:|---:|")
    for split in ("tune", "holdout", "extra"):
        members = [r for r in rows if r[0] == split]
        if not members:
            continue
        ins = [r for r in members if not r[1]]
        oos = [r for r in members if r[1]]
        for rule in RULES:
            answered = sum(decide(r[2], rule) for r in ins)
            refused = sum(not decide(r[2], rule) for r in oos)
            print(f"| {split} | {rule} | {answered}/{len(ins)} | {refused}/{len(oos)} |")
    for label, wanted in (("in scope", False), ("out of scope", True)):
        dense = [r[2].dense for r in rows if r[1] == wanted and r[2].dense is not None]
        if dense:
            print(f"best dense cosine, {label}: min {min(dense):.3f} median {statistics.median(dense):.3f} "
                  f"max {max(dense):.3f} (n={len(dense)})")


if __name__ == "__main__":
    main()
