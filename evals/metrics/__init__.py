"""Metric functions: each takes plain values (texts, ids, numbers) so it can be tested on hand-made items."""
