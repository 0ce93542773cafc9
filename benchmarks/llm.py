"""Time to first token and total time per answer through the real local model, at several thread counts.

    python benchmarks/llm.py --data-dir DIR [--model PATH] [--threads 1 2] [--questions 4] [--port 18181]

For each thread count the script starts llama.cpp's server in process (the same `LocalServer` as
`caiwen llm serve`), builds the chain against it through the CAIWEN_LLM_* settings (the one client path)
and streams each question through `Assistant.stream`: time to first token is measured from the call to the
first `token` event, total to the `done` event. The first question of each run also pays for reading the
shared system prompt; later ones find it in the server's prompt cache, so both are reported. The prompt's
own size is the context budget's estimate and llama.cpp's count from the server's last timings.

--data-dir is an ingested knowledge base (`caiwen ingest ../shared/corpus` with CAIWEN_DATA_DIR=DIR).
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.chain import Assistant  # noqa: E402

from caiwen.wiring import build_assistant, local_model_path  # noqa: E402
from caiwen.local_llm.server import LocalServer, ServeOptions  # noqa: E402
from caiwen.local_llm.weights import BUNDLED_MODEL  # noqa: E402
from caiwen.config import Settings  # noqa: E402

QUESTIONS = [
    "羅素2000點樣重組?",  # zh-Hant, Hong Kong
    "羅素2000指數是由哪間公司編製的?",  # zh-Hant, Taiwan
    "罗素2000和标普500有什么不同?",  # zh-Hans
    "How is the Russell 2000 weighted?",  # en
    "羅素2000有幾多間公司?",
    "为什么小盘股对利率更敏感?",
]


def ask_streamed(assistant: Assistant, question: str) -> dict:
    started = time.perf_counter()
    first = None
    response = None
    for event in assistant.stream(question):
        if event.kind == "token" and first is None and event.data.strip():
            first = time.perf_counter() - started
        elif event.kind == "done":
            response = event.data
    total = time.perf_counter() - started
    return {"question": question, "ttft": first if first is not None else total, "total": total,
            "composer": response.composer, "citations": len(response.citations), "warnings": response.warnings,
            "answer": response.answer}


def run(threads: int, args: argparse.Namespace) -> list[dict]:
    base = Settings()
    options = ServeOptions(model=args.model or local_model_path(base, BUNDLED_MODEL.filename), port=args.port, threads=threads, ctx=4096)
    started = time.perf_counter()
    with LocalServer(options) as server:
        print(f"\n## {threads} thread(s): model loaded in {time.perf_counter() - started:.1f} s", flush=True)
        settings = Settings(data_dir=args.data_dir, composer="llm", llm_base_url=server.base_url,
                            llm_model=options.alias, llm_tools="json", llm_timeout_s=args.timeout)
        assistant = build_assistant(settings)
        rows = []
        for question in QUESTIONS[: args.questions]:
            row = ask_streamed(assistant, question)
            rows.append(row)
            fell_back = "" if row["composer"] == "llm" else f"  FELL BACK: {row['warnings'][:1]}"
            print(f"{row['ttft']:7.1f} s first token {row['total']:7.1f} s total  {row['citations']} citation(s)  "
                  f"{question}{fell_back}", flush=True)
            if args.show:
                print("   ", row["answer"].replace("\n", " ")[:300], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, required=True, help="An ingested knowledge base.")
    parser.add_argument("--model", type=Path, default=None, help="GGUF file (default: the fetched model).")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--questions", type=int, default=4)
    parser.add_argument("--port", type=int, default=18181)
    parser.add_argument("--timeout", type=float, default=600.0, help="CAIWEN_LLM_TIMEOUT_S for the run.")
    parser.add_argument("--show", action="store_true", help="Print each answer.")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPU(s)")
    summary = []
    for threads in args.threads:
        rows = run(threads, args)
        later = rows[1:] or rows
        summary.append((threads, rows[0], statistics.median(r["ttft"] for r in later),
                        statistics.median(r["total"] for r in later), sum(r["composer"] == "llm" for r in rows), len(rows)))
    print("\n| threads | first answer: first token / total (s) | later answers, median: first token / total (s) | llm answers |")
    print("|---|---|---|---|")
    for threads, first, ttft, total, llm, n in summary:
        print(f"| {threads} | {first['ttft']:.1f} / {first['total']:.1f} | {ttft:.1f} / {total:.1f} | {llm}/{n} |")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
