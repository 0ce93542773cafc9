"""Errors the assistant raises for bad questions; the API answers them with their code and status."""
from caiwen.errors import CaiwenError


class AssistantError(CaiwenError):
    code = "assistant_error"
    http_status = 422


class InvalidQuestionError(AssistantError):
    """Empty, whitespace-only or over-long question, or an unknown `lang`."""

    code = "invalid_question"


class ConversationNotFoundError(AssistantError):
    """The conversation id belongs to another caller (or to none the caller may see)."""

    code = "unknown_conversation"
    http_status = 404
