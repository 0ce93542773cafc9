"""Test doubles that are real servers: they speak the wire protocol on 127.0.0.1."""
from tests.fakes.openai_server import FakeOpenAIServer, RecordedRequest, Reply

__all__ = ["FakeOpenAIServer", "RecordedRequest", "Reply"]
