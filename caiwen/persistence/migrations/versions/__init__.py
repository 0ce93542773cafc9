"""One file per schema revision, forward-only (see caiwen/persistence/migrate.py)."""
