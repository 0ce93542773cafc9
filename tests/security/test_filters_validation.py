"""Finding 7: `filters` is a typed model on every endpoint that takes it: wrong types, unknown keys and
impossible dates are 422s naming the field (they were 500s or silently ignored)."""
from __future__ import annotations

import httpx
import pytest

QUESTION = "羅素2000點樣重組？"
ENDPOINTS = ("/v1/ask", "/v1/chat/stream")

BAD_FILTERS = [
    ({"doc_ids": 5}, "filters.doc_ids"),
    ({"doc_ids": True}, "filters.doc_ids"),
    ({"doc_ids": [5]}, "filters.doc_ids"),
    ({"doc_ids": []}, "filters.doc_ids"),
    ({"doc_ids": {"$ne": "x"}}, "filters.doc_ids"),
    ({"doc_id": ["a", "b"]}, "filters.doc_id"),
    ({"date_from": "abc"}, "filters.date_from"),
    ({"date_from": "2025-99-99"}, "filters.date_from"),
    ({"date_to": 20250101}, "filters.date_to"),
    ({"date_to": True}, "filters.date_to"),
    ({"date_from": "2025-02-30"}, "filters.date_from"),
    ({"date_from": "2025-06-01", "date_to": "2025-01-01"}, "date_from is after date_to"),
    ({"source": "x"}, "filters.source"),
    ({"$where": "1"}, "filters.$where"),
    ("doc_ids", "filters"),
    ([{"doc_ids": ["a"]}], "filters"),
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("filters", "field"), BAD_FILTERS, ids=[repr(f) for f, _ in BAD_FILTERS])
def test_bad_filters_are_422_naming_the_field(live, endpoint: str, filters, field: str) -> None:
    response = httpx.post(f"{live.url}{endpoint}", json={"question": QUESTION, "filters": filters},
                          headers=live.auth(), timeout=60)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_request" and field in error["message"], error


def test_valid_filters_restrict_the_answer(live) -> None:
    only = "003_50d57fdeb84ad35c.txt"
    response = httpx.post(f"{live.url}/v1/ask", json={"question": QUESTION, "filters": {"doc_ids": [only]}},
                          headers=live.auth(), timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert {c["doc_id"] for c in body["citations"]} <= {only}
    dated = httpx.post(f"{live.url}/v1/ask", json={"question": QUESTION, "filters": {"date_from": "2099-01-01"}},
                       headers=live.auth(), timeout=60)
    assert dated.status_code == 200 and dated.json()["refused"] is True, dated.text
