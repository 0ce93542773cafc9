"""Baseline: every table, index and the audit record's append-only triggers, as the last release before
migrations created them (caiwen/persistence/baseline.py, frozen).

Revision ID: 0001
Revises:
"""
from __future__ import annotations

from alembic import op

from caiwen.persistence import baseline

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    baseline.metadata.create_all(bind)
    baseline.seed_audit_head(bind)
    baseline.install_append_only_guard(bind)


def downgrade() -> None:
    raise NotImplementedError("migrations are forward-only: dropping the baseline would destroy the audit "
                              "record a brokerage must keep; restore a backup instead")
