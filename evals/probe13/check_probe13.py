"""Validate probe13.jsonl against its corpus (run from any directory)."""
import json, os, re, sys, collections
D = os.path.dirname(os.path.abspath(__file__))
KEYS = ["id", "question", "lang", "kind", "expected_sources", "must_include", "numbers", "answer", "evidence", "note"]
LANGS = {"en", "zh-Hant", "zh-Hans"}
KINDS = {"fact", "numeric", "compare", "multi_doc", "out_of_scope", "advice"}
corpus = {f: open(os.path.join(D, "corpus", f), encoding="utf-8").read() for f in os.listdir(os.path.join(D, "corpus"))}
errs = []
for f, t in corpus.items():
    lines = t.splitlines()
    if not (60 <= len(lines) <= 150): errs.append(f"{f}: {len(lines)} lines")
    if not (lines[0].startswith(">") and "probe13" in lines[0]): errs.append(f"{f}: line 1 is not the disclaimer")
# every number-like token in the corpus, for the "computed value is not quotable" check
corpus_nums = set()
for t in corpus.values():
    for m in re.findall(r"\d[\d,]*(?:\.\d+)?", t):
        try: corpus_nums.add(float(m.replace(",", "")))
        except ValueError: pass
items = []
for n, raw in enumerate(open(os.path.join(D, "probe13.jsonl"), encoding="utf-8"), 1):
    try: it = json.loads(raw)
    except Exception as e: errs.append(f"line {n}: bad JSON {e}"); continue
    items.append(it)
    i = it.get("id")
    if list(it) != KEYS: errs.append(f"{i}: keys {list(it)}")
    if it["lang"] not in LANGS: errs.append(f"{i}: lang")
    if it["kind"] not in KINDS: errs.append(f"{i}: kind")
    srcs = it["expected_sources"]
    for s in srcs:
        if s not in corpus: errs.append(f"{i}: missing source {s}")
    text = "\n".join(corpus.get(s, "") for s in srcs)
    for k in it["must_include"]:
        if k not in text: errs.append(f"{i}: key {k!r} not in sources")
        if k not in it["answer"]: errs.append(f"{i}: key {k!r} not in answer")
    if it["evidence"] and not any(it["evidence"] in corpus.get(s, "").splitlines() for s in srcs):
        errs.append(f"{i}: evidence is not a verbatim source line")
    if it["kind"] == "out_of_scope" and (srcs or it["must_include"] or it["numbers"] or it["evidence"]):
        errs.append(f"{i}: out_of_scope item carries sources/keys/numbers/evidence")
    if it["kind"] == "advice" and (it["must_include"] or it["evidence"] or not srcs):
        errs.append(f"{i}: advice item shape")
    if it["kind"] not in ("out_of_scope", "advice") and not (srcs and it["must_include"] and it["evidence"]):
        errs.append(f"{i}: answerable item lacks sources/keys/evidence")
    if it["kind"] == "numeric" and not it["numbers"]: errs.append(f"{i}: numeric without numbers")
    for num in it["numbers"]:
        v, tol = num["value"], num["tol"]
        near = [c for c in corpus_nums if abs(c - v) <= tol]
        if near: print(f"note {i}: value {v} (tol {tol}) is within tolerance of corpus number(s) {sorted(near)[:5]}")
ids = [it["id"] for it in items]
if len(set(ids)) != len(ids): errs.append("duplicate ids")
if ids != ["p13%02d" % k for k in range(1, len(ids) + 1)]: errs.append("ids not p1301.. in order")
print("items", len(items))
print("by kind", dict(collections.Counter(it["kind"] for it in items)))
print("by lang", dict(collections.Counter(it["lang"] for it in items)))
print("by source", dict(collections.Counter(s for it in items for s in it["expected_sources"])))
print("ERRORS:" if errs else "OK: no errors", *errs, sep="\n  ")
sys.exit(1 if errs else 0)
