"""What an ingest run reports (CLI table, API response, eval set-up)."""
from __future__ import annotations

from pydantic import BaseModel, Field


class FileFailure(BaseModel):
    path: str
    reason: str


class IngestSummary(BaseModel):
    added: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)
    unchanged: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    repaired: list[str] = Field(
        default_factory=list, description="Unchanged documents whose lost vectors were written again."
    )
    failed: list[FileFailure] = Field(default_factory=list)
    warnings: list[FileFailure] = Field(
        default_factory=list, description="Files ingested with a caveat, e.g. scanned pages read by OCR or skipped."
    )
    chunks_written: int = 0
    chunks_embedded: int = Field(0, description="Chunks whose vectors were computed (not served by the cache).")
    units_embedded: int = Field(0, description="Answer units whose vectors were computed (not served by the cache).")
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed
