"""OpenAI-compatible chat completion models (`/v1/chat/completions`, `/v1/models`), with Caiwen's structured
answer (citations, figures, conversation) beside OpenAI's fields."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas import Identifier, Lang, RequestModel
from assistant.schemas import Citation, Figure
from knowledge_base.retriever import MAX_K


class ChatContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str
    text: str | None = None


class ChatMessageIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ChatContentPart] | None = None

    def text(self) -> str:
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text or "" for part in self.content if part.type in ("text", "input_text"))


class ChatCompletionRequest(RequestModel):
    """OpenAI's request shape; sampling options are accepted and ignored (the chain decides)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {"model": "caiwen", "messages": [{"role": "user", "content": "羅素2000點樣重組？"}]},
                {
                    "model": "caiwen",
                    "stream": True,
                    "messages": [
                        {"role": "user", "content": "罗素2000是什么？"},
                        {"role": "assistant", "content": "罗素2000是……[1]"},
                        {"role": "user", "content": "它怎么重组？"},
                    ],
                },
            ]
        },
    )

    model: str = Field("caiwen", description="Must be `caiwen`.")
    messages: list[ChatMessageIn] = Field(min_length=1, max_length=100)
    stream: bool = False
    conversation_id: Identifier | None = Field(None, description="Caiwen extension: continue a stored conversation.")
    lang: Lang | None = Field(None, description="Caiwen extension: answer language.")
    k: int | None = Field(None, ge=1, le=MAX_K, description="Caiwen extension: passages to retrieve.")


class CaiwenExtra(BaseModel):
    """The structured part of the answer, next to OpenAI's fields."""

    citations: list[Citation]
    figures: list[Figure]
    conversation_id: str | None = None
    message_id: str | None = None
    composer: str
    lang: str
    refused: bool = False
    disclaimer: str | None = None
    standalone_question: str | None = Field(None, description="The question after follow-up rewriting.")
    warnings: list[str] = Field(default_factory=list, description="e.g. 'screened: removed 1 sentence(s) …'")
    review: list[str] = Field(default_factory=list, description="Why a person reviews this answer.")


class ChatMessageOut(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class ChatChoice(BaseModel):
    index: int = 0
    message: ChatMessageOut
    finish_reason: Literal["stop"] = "stop"


class ChatUsage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletionResponse(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str = "caiwen"
    choices: list[ChatChoice]
    usage: ChatUsage = Field(default_factory=ChatUsage)
    caiwen: CaiwenExtra


class ModelPublic(BaseModel):
    id: str = "caiwen"
    object: Literal["model"] = "model"
    created: int = 0
    owned_by: str = "caiwen"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelPublic]
