"""Trace spans (in-memory exporter) and Prometheus metrics (scraped over HTTP) of a real server: the real
chain over the ingested corpus, the LLM composer against a fake OpenAI-compatible server."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from prometheus_client.parser import text_string_to_metric_families

from caiwen.wiring import create_app
from api.telemetry import REQUEST_ID_ATTRIBUTE, configure_tracing
from service_harness import WIDGET_ORIGIN, LiveServer, make_settings, mint_keys
from tests.fakes.openai_server import FakeOpenAIServer

QUESTION = "羅素2000點樣重組？"


class Served:
    def __init__(self, server: LiveServer, keys: dict[str, str], llm: FakeOpenAIServer, exporter, provider) -> None:
        self.url = server.url
        self.keys = keys
        self.llm = llm
        self.exporter = exporter
        self.provider = provider

    def ask(self, request_id: str | None = None, **headers: str) -> httpx.Response:
        if request_id:
            headers["X-Request-ID"] = request_id
        if "Origin" in headers:  # the widget reaches only the stream endpoint
            return httpx.post(f"{self.url}/v1/chat/stream", json={"question": QUESTION}, headers=headers, timeout=60)
        headers["Authorization"] = f"Bearer {self.keys['ask']}"
        return httpx.post(f"{self.url}/v1/ask", json={"question": QUESTION}, headers=headers, timeout=60)

    def spans(self):
        self.provider.force_flush()
        return self.exporter.get_finished_spans()

    def metric(self, name: str, **labels: str) -> float:
        text = httpx.get(f"{self.url}/metrics", timeout=10).text
        total = 0.0
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                    total += sample.value
        return total


@pytest.fixture(scope="module")
def served(ingested_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    exporter = InMemorySpanExporter()
    provider = configure_tracing(None, exporter=exporter)
    root = tmp_path_factory.mktemp("telemetry")
    data_dir = root / "data"
    shutil.copytree(ingested_data_dir, data_dir)  # this module ingests: never into the shared one
    with FakeOpenAIServer() as llm:
        settings = make_settings(data_dir, composer="llm", llm_base_url=llm.base_url, llm_model="fake-model",
                                 rate_limit="2/minute", database_url=f"sqlite:///{root / 'api.db'}")
        keys = mint_keys(settings)
        with LiveServer(create_app(settings)) as server:
            yield Served(server, keys, llm, exporter, provider)


def test_every_step_of_a_request_is_a_span_carrying_the_request_id(served: Served) -> None:
    served.llm.enqueue_text("羅素2000每年六月重組[1]。")
    response = served.ask("trace-test-0001")
    assert response.status_code == 200, response.text
    assert response.json()["composer"] == "llm"
    spans = [s for s in served.spans() if s.attributes.get(REQUEST_ID_ATTRIBUTE) == "trace-test-0001"]
    names = {s.name for s in spans}
    assert {"POST /v1/ask", "retrieval", "evidence", "compose", "llm", "verify", "audit_write"} <= names, names
    assert len({s.context.trace_id for s in spans}) == 1  # one trace per request
    by_name = {s.name: s for s in spans}
    root = by_name["POST /v1/ask"]
    assert root.parent is None and root.attributes["http.response.status_code"] == 200
    endpoint = by_name["fastapi.endpoint"]  # FastAPI's own span of the route handler
    assert endpoint.parent.span_id == root.context.span_id
    assert by_name["retrieval"].parent.span_id == endpoint.context.span_id
    assert by_name["llm"].parent.span_id == by_name["compose"].context.span_id
    assert by_name["llm"].attributes["gen_ai.request.model"] == "fake-model"
    assert by_name["retrieval"].attributes["caiwen.hits"] > 0


def test_requests_without_an_id_get_one_in_their_spans(served: Served) -> None:
    served.llm.enqueue_text("羅素2000每年六月重組[1]。")
    response = served.ask()
    request_id = response.headers["x-request-id"]
    spans = [s for s in served.spans() if s.attributes.get(REQUEST_ID_ATTRIBUTE) == request_id]
    assert {"POST /v1/ask", "retrieval", "compose"} <= {s.name for s in spans}


def test_metrics_count_latency_answers_and_llm_fallbacks(served: Served) -> None:
    route = {"method": "POST", "route": "/v1/ask", "status": "200"}
    before = {
        "latency": served.metric("caiwen_http_request_duration_seconds_count", **route),
        "answers": served.metric("caiwen_answers_total", endpoint="/v1/ask"),
        "fallbacks": served.metric("caiwen_llm_fallbacks_total", when="before_answer"),
    }
    served.llm.enqueue_text("羅素2000每年六月重組[1]。")
    assert served.ask().json()["composer"] == "llm"
    served.llm.enqueue_error(500)
    fallen = served.ask().json()
    assert fallen["composer"] == "extractive" and any("unavailable" in w for w in fallen["warnings"])
    assert served.metric("caiwen_http_request_duration_seconds_count", **route) == before["latency"] + 2
    assert served.metric("caiwen_answers_total", endpoint="/v1/ask") == before["answers"] + 2
    assert served.metric("caiwen_llm_fallbacks_total", when="before_answer") == before["fallbacks"] + 1
    text = httpx.get(f"{served.url}/metrics").text
    assert 'caiwen_http_request_duration_seconds_bucket{le="0.5",method="POST",route="/v1/ask",status="200"}' in text


def test_metrics_count_rate_limit_rejections(served: Served) -> None:
    before = served.metric("caiwen_rate_limited_total")
    statuses = []
    for _ in range(3):
        served.llm.enqueue_text("羅素2000每年六月重組[1]。")
        statuses.append(served.ask(Origin=WIDGET_ORIGIN).status_code)
    assert statuses == [200, 200, 429]
    assert served.metric("caiwen_rate_limited_total") == before + 1
    assert served.metric("caiwen_http_request_duration_seconds_count", route="/v1/chat/stream", status="429") >= 1


def test_metrics_count_ingested_documents(served: Served, tmp_path: Path) -> None:
    before = served.metric("caiwen_ingest_documents_total", outcome="added")
    note = "美聯儲在十二月議息會議後維持利率不變，市場預期明年首季減息。" * 3
    response = httpx.post(
        f"{served.url}/v1/ingest", headers={"Authorization": f"Bearer {served.keys['admin']}"}, timeout=120,
        files={"files": ("fed-note.txt", note.encode("utf-8"), "text/plain")},
    )
    assert response.status_code == 200, response.text
    assert served.metric("caiwen_ingest_documents_total", outcome="added") == before + 1
    assert served.metric("caiwen_ingest_chunks_total", kind="written") >= 1


def test_metrics_route_is_a_plain_text_scrape(served: Served) -> None:
    response = httpx.get(f"{served.url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "# TYPE caiwen_http_request_duration_seconds histogram" in response.text
