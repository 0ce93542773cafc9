"""API keys for support tools: random secrets shown once, stored only as SHA-256 hashes, with scopes.

Keys are 256-bit random tokens, so a fast hash is the right tool (a slow password hash protects
low-entropy secrets); lookups go by hash, so no stored value is ever compared with the raw key.
Scopes: `ask` (questions, sources, figures, feedback) and `admin` (everything, incl. ingest and reading
feedback). Keys live in the shared SQL store so several API instances accept the same keys.
"""
from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError

from api.models import ApiKeyRecord
from caiwen.errors import CaiwenError
from caiwen.persistence import as_utc, session_factory

SCOPES = ("ask", "admin")
KEY_PREFIX = "cw_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: a named API key, or the website widget (no key, allowed origin)."""

    channel: str  # API key name, or "widget"
    scope: str
    is_widget: bool = False

    def allows(self, needed: str) -> bool:
        return self.scope == "admin" or self.scope == needed


@dataclass(frozen=True)
class KeyInfo:
    name: str
    scope: str
    hint: str
    created_at: str
    revoked: bool


class KeyExistsError(CaiwenError, ValueError):
    code = "key_exists"
    http_status = 409


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class KeyStore:
    def __init__(self, engine: Engine) -> None:
        self._sessions = session_factory(engine)

    def create(self, name: str, scope: str) -> str:
        """Mint a key and return it; only its hash is stored, so this is the one time it is seen."""
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        name = name.strip()
        if not name or len(name) > 100 or name == "widget":
            raise ValueError("key name must be 1-100 characters and not 'widget' (the browser channel)")
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        record = ApiKeyRecord(
            name=name, key_hash=hash_key(raw), hint=raw[:8], scope=scope, created_at=datetime.now(UTC)
        )
        try:
            with self._sessions.begin() as session:
                session.add(record)
        except IntegrityError as exc:
            raise KeyExistsError(f"a key named {name!r} already exists") from exc
        return raw

    def verify(self, raw: str) -> Principal | None:
        if not raw or len(raw) > 200:
            return None
        with self._sessions() as session:
            record = session.scalar(select(ApiKeyRecord).where(ApiKeyRecord.key_hash == hash_key(raw)))
        if record is None or record.revoked_at is not None:
            return None
        return Principal(channel=record.name, scope=record.scope)

    def revoke(self, name: str) -> bool:
        with self._sessions.begin() as session:
            record = session.scalar(select(ApiKeyRecord).where(ApiKeyRecord.name == name))
            if record is None or record.revoked_at is not None:
                return False
            record.revoked_at = datetime.now(UTC)
            return True

    def list(self) -> list[KeyInfo]:
        with self._sessions() as session:
            records = session.scalars(select(ApiKeyRecord).order_by(ApiKeyRecord.id)).all()
        return [
            KeyInfo(r.name, r.scope, r.hint, as_utc(r.created_at).isoformat(), r.revoked_at is not None)
            for r in records
        ]
