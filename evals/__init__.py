"""Evaluation suite: golden Q&A through the same chain the API uses, scored, reported and gated."""
