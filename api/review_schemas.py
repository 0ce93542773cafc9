"""Human review of answers: the queue of flagged answers and a reviewer's decision."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas import RequestModel


class ReviewItem(BaseModel):
    audit_id: int
    recorded_at: str
    message_id: str | None
    conversation_id: str | None = None
    channel: str = Field(description="'widget' or the API key the answer was given to.")
    question: str
    answer: str
    reasons: list[str] = Field(description="advice_request, screened")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> "ReviewItem":
        return cls(audit_id=row["id"], recorded_at=row["recorded_at"], message_id=row["message_id"],
                   conversation_id=row["conversation_id"], channel=row["channel"], question=row["question"],
                   answer=row["answer"], reasons=(row["detail"] or {}).get("review", []))


class ReviewList(BaseModel):
    items: list[ReviewItem]


class ReviewDecisionRequest(RequestModel):
    model_config = ConfigDict(extra="forbid")
    note: str | None = Field(None, max_length=2000, description="Why; kept in the audit record.")


class ReviewDecision(BaseModel):
    message_id: str
    decision: Literal["approved", "rejected"]
    reviewer: str
    audit_id: int = Field(description="The id of the review row in the audit record.")
