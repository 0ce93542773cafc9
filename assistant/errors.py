"""Errors the assistant raises for bad questions; the API maps them to 4xx envelopes."""


class AssistantError(Exception):
    code = "assistant_error"


class InvalidQuestionError(AssistantError):
    """Empty, whitespace-only or over-long question, or an unknown `lang`."""

    code = "invalid_question"


class ConversationNotFoundError(AssistantError):
    """The conversation id belongs to another caller (or to none the caller may see)."""

    code = "unknown_conversation"
