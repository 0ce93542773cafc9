"""Tests reach loopback servers only (pytest-socket, configured in pyproject's addopts): an LLM key or base
URL that slipped into a test could not call a hosted model, and nothing reaches the model hub."""
from __future__ import annotations

import socket

import httpx
import openai
import pytest
from pytest_socket import SocketConnectBlockedError

from tests.conftest import free_port


def test_a_hosted_llm_is_unreachable_from_a_test() -> None:
    client = openai.OpenAI(base_url="http://203.0.113.7/v1", api_key="sk-not-a-real-key", max_retries=0, timeout=5)
    with pytest.raises(SocketConnectBlockedError, match="203.0.113.7"):
        client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": "hi"}])


def test_loopback_servers_stay_reachable() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", free_port()))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=5):
            pass
    with pytest.raises(SocketConnectBlockedError):
        httpx.get("http://192.0.2.1/", timeout=5)
