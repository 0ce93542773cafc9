"""Alembic's environment (env.py) and revisions (versions/); run by caiwen.persistence.migrate, no alembic.ini."""
