"""One error root: every error the product raises on purpose carries its code and HTTP status."""
from __future__ import annotations

import pytest

from api.audit import ReviewError
from api.errors import ApiError
from api.feedback_store import FeedbackExistsError
from api.security import KeyExistsError
from assistant.errors import ConversationNotFoundError, InvalidQuestionError
from market_data.errors import MarketDataConfigError, NoDataError, ProviderUnavailableError
from caiwen.errors import CaiwenError
from ingest.errors import IngestFileError
from knowledge_base.errors import CatalogUnavailableError, StoreUnavailableError


@pytest.mark.parametrize(("error", "code", "status"), [
    (InvalidQuestionError("question is empty"), "invalid_question", 422),
    (ConversationNotFoundError("no such conversation"), "unknown_conversation", 404),
    (NoDataError("^RUT"), "no_data", 404),
    (ProviderUnavailableError("^RUT", "timed out"), "provider_unavailable", 503),
    (MarketDataConfigError("unknown market_data 'x'"), "market_data_misconfigured", 500),
    (StoreUnavailableError("/srv/caiwen/chroma is missing"), "store_unavailable", 503),
    (CatalogUnavailableError("disk full at /srv"), "storage_unavailable", 503),
    (IngestFileError("not a PDF"), "unreadable_document", 422),
    (FeedbackExistsError("m1"), "feedback_exists", 409),
    (KeyExistsError("a key named 'desk' already exists"), "key_exists", 409),
    (ReviewError("already reviewed", "decided"), "already_reviewed", 409),
    (ReviewError("no such answer", "unknown"), "not_awaiting_review", 404),
    (ApiError(429, "rate_limited", "slow down"), "rate_limited", 429),
])
def test_each_error_carries_its_code_and_status(error: CaiwenError, code: str, status: int):
    assert isinstance(error, CaiwenError)
    assert (error.code, error.http_status) == (code, status)
    assert error.public_message


def test_operator_detail_stays_out_of_the_public_message():
    error = StoreUnavailableError("the Chroma directory /srv/caiwen/chroma is missing")
    assert "/srv" in str(error) and "/srv" not in error.public_message
