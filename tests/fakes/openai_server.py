"""A fake OpenAI-compatible chat server for tests: a real HTTP server on 127.0.0.1 in a thread.

It records every request and answers `POST /v1/chat/completions` from a queue of scripted replies
(text, tool calls, HTTP errors, hangs), streamed as Server-Sent Events when the request asks for
`"stream": true`, and `GET /v1/models` for health checks.

    with FakeOpenAIServer() as server:      # server.reset() between tests when it is shared
        server.enqueue_text("羅素2000每年六月重組[1]。")
        llm = ChatOpenAI(base_url=server.base_url, api_key="x", model="fake", max_retries=0)
"""
from __future__ import annotations

import json
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

MODEL = "fake-model"


@dataclass
class Reply:
    """One scripted answer to one chat-completions request."""

    kind: Literal["text", "tool_calls", "error", "hang"]
    text: str = ""
    chunks: list[str] | None = None  # how a streamed text is cut; default: about 4 characters a piece
    tool_calls: list[dict[str, Any]] = field(default_factory=list)  # {"name", "arguments", "id"}
    status: int = 500
    hang_s: float = 10.0
    fail_after: int | None = None  # streamed: send this many content chunks, then an error event
    hang_after: int | None = None  # streamed: send this many content chunks, then stall


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None

    @property
    def messages(self) -> list[dict[str, Any]]:
        return (self.body or {}).get("messages", [])

    def message_text(self, role: str, *, last: bool = False) -> str:
        """All text content of the messages with this role, joined (`last`: only the last such message, e.g.
        the real question after a worked example)."""
        parts = []
        messages = [m for m in self.messages if m.get("role") == role]
        for message in messages[-1:] if last else messages:
            content = message.get("content")
            if isinstance(content, list):
                content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
            parts.append(content or "")
        return "\n".join(parts)


def _split(text: str, size: int = 4) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


class FakeOpenAIServer:
    def __init__(self, model: str = MODEL) -> None:
        self.model = model
        self.requests: list[RecordedRequest] = []
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- scripting ------------------------------------------------------------------------------
    def enqueue(self, reply: Reply) -> None:
        with self._lock:
            self._replies.append(reply)

    def enqueue_text(self, text: str, chunks: list[str] | None = None, **kw: Any) -> None:
        self.enqueue(Reply("text", text=text, chunks=chunks, **kw))

    def enqueue_tool_call(self, name: str, arguments: dict[str, Any], call_id: str | None = None) -> None:
        self.enqueue(
            Reply("tool_calls", tool_calls=[{"name": name, "arguments": arguments, "id": call_id or _id("call")}])
        )

    def enqueue_error(self, status: int = 500) -> None:
        self.enqueue(Reply("error", status=status))

    def enqueue_hang(self, seconds: float = 10.0) -> None:
        self.enqueue(Reply("hang", hang_s=seconds))

    def reset(self) -> None:
        """Forget scripted replies and recorded requests, and release any hanging handler."""
        with self._lock:
            self._replies.clear()
            self.requests.clear()
        released, self._stop = self._stop, threading.Event()
        released.set()

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # --- lifecycle ------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> "FakeOpenAIServer":
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # releases hanging handlers
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> "FakeOpenAIServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- serving --------------------------------------------------------------------------------
    def _next_reply(self) -> Reply:
        with self._lock:
            if self._replies:
                return self._replies.popleft()
        return Reply("error", status=599, text="fake server: no scripted reply left")

    def _hang(self, seconds: float) -> None:
        self._stop.wait(seconds)  # reset() or stop() ends the wait early


def _id(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def _completion(model: str, message: dict[str, Any], finish_reason: str) -> dict[str, Any]:
    return {
        "id": _id("chatcmpl"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _chunk(cid: str, model: str, delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
    return {
        "id": cid,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None}],
    }


def _handler_for(server: FakeOpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection: a closed socket ends every response

        def log_message(self, *args: object) -> None:  # keep test output clean
            pass

        def _record(self, body: dict[str, Any] | None) -> None:
            server.requests.append(
                RecordedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )

        def _send_json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._record(None)
            if self.path.rstrip("/").endswith("/models"):
                self._send_json(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})
            else:
                self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                self._record(None)
                self._send_json(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
                return
            self._record(body)
            if not self.path.rstrip("/").endswith("/chat/completions"):
                self._send_json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
                return
            reply = server._next_reply()
            model = body.get("model") or server.model
            try:
                if reply.kind == "hang":
                    server._hang(reply.hang_s)
                    self._send_json(200, _completion(model, {"role": "assistant", "content": "late"}, "stop"))
                elif reply.kind == "error":
                    message = reply.text or "fake server error"
                    self._send_json(reply.status, {"error": {"message": message, "type": "server_error"}})
                elif body.get("stream"):
                    self._stream(reply, model)
                else:
                    self._send_json(200, self._whole(reply, model))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): nothing to answer

        def _whole(self, reply: Reply, model: str) -> dict[str, Any]:
            if reply.kind == "tool_calls":
                calls = [
                    {
                        "id": c["id"],
                        "type": "function",
                        "function": {"name": c["name"], "arguments": json.dumps(c["arguments"], ensure_ascii=False)},
                    }
                    for c in reply.tool_calls
                ]
                return _completion(model, {"role": "assistant", "content": None, "tool_calls": calls}, "tool_calls")
            return _completion(model, {"role": "assistant", "content": reply.text}, "stop")

        def _event(self, payload: dict[str, Any] | str) -> None:
            data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
            self.wfile.write(f"data: {data}\n\n".encode())
            self.wfile.flush()

        def _stream(self, reply: Reply, model: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            cid = _id("chatcmpl")
            self._event(_chunk(cid, model, {"role": "assistant", "content": ""}))
            if reply.kind == "tool_calls":
                for index, call in enumerate(reply.tool_calls):
                    args = json.dumps(call["arguments"], ensure_ascii=False)
                    head = {"index": index, "id": call["id"], "type": "function",
                            "function": {"name": call["name"], "arguments": ""}}
                    self._event(_chunk(cid, model, {"tool_calls": [head]}))
                    for piece in _split(args, 8):  # arguments arrive in pieces, as real servers send them
                        self._event(_chunk(cid, model, {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}))
                self._event(_chunk(cid, model, {}, "tool_calls"))
            else:
                for i, piece in enumerate(reply.chunks if reply.chunks is not None else _split(reply.text)):
                    if reply.fail_after is not None and i >= reply.fail_after:
                        self._event({"error": {"message": "fake server failed mid-stream", "type": "server_error"}})
                        return
                    if reply.hang_after is not None and i >= reply.hang_after:
                        server._hang(reply.hang_s)
                        return
                    self._event(_chunk(cid, model, {"content": piece}))
                self._event(_chunk(cid, model, {}, "stop"))
            self._event("[DONE]")

    return Handler
