"""Schema creation on the default SQLite store survives several processes starting at once
(`caiwen serve --workers N` on a fresh data directory)."""
from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

from sqlalchemy import inspect


def _start(url: str) -> None:
    from caiwen.persistence import make_engine, upgrade
    from assistant.conversations import ConversationStore

    upgrade(make_engine(url))
    ConversationStore(url)


def test_processes_starting_together_on_a_fresh_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'caiwen.db'}"
    ctx = mp.get_context("spawn")
    processes = [ctx.Process(target=_start, args=(url,)) for _ in range(4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join(120)
    assert [p.exitcode for p in processes] == [0, 0, 0, 0]
    from caiwen.persistence import make_engine

    tables = set(inspect(make_engine(url)).get_table_names())
    assert {"conversations", "conversation_turns", "api_audit_log", "api_feedback", "api_keys"} <= tables
