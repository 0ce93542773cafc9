"""Cold start of `caiwen ask`: time to the first byte on stdout and to exit, repeated like hyperfine.

    CAIWEN_DATA_DIR=... python benchmarks/startup.py [--runs 5] [--question 羅素2000點樣重組？] [--json]

Each run is a fresh `python -m caiwen ask` process (the OS file cache is warm after the first run, as it
is for an operator who asks twice). The first byte is the first byte of the answer itself: `caiwen ask`
prints nothing before it.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(question: str) -> tuple[float, float, str]:
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "caiwen", "ask", question], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=os.environ.copy())
    first = process.stdout.read(1)
    first_byte = time.perf_counter() - started
    rest = process.stdout.read()
    err = process.stderr.read()
    process.wait()
    total = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"caiwen ask failed ({process.returncode}): {err.decode(errors='replace')[-500:]}")
    return first_byte, total, (first + rest).decode("utf-8", errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--question", default="羅素2000點樣重組？")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    one_run(args.question)  # warm the OS file cache (and jieba's dictionary cache file)
    runs = [one_run(args.question) for _ in range(args.runs)]
    firsts = [r[0] for r in runs]
    totals = [r[1] for r in runs]
    report = {
        "runs": args.runs, "first_byte_ms": {"mean": round(1000 * statistics.mean(firsts)),
                                             "min": round(1000 * min(firsts)), "max": round(1000 * max(firsts))},
        "total_ms": {"mean": round(1000 * statistics.mean(totals)), "min": round(1000 * min(totals)),
                     "max": round(1000 * max(totals))},
        "load_average": os.getloadavg()[0], "answer_head": runs[-1][2][:60],
    }
    print(json.dumps(report, ensure_ascii=False) if args.json else json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
