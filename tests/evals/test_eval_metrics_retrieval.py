from evals.metrics.retrieval import hit_at_k, reciprocal_rank, source_recall_at_k

DOCS = ["b.txt", "b.txt", "a.txt", "c.txt", "a.txt"]


def test_hits_and_reciprocal_rank_use_chunk_positions():
    assert hit_at_k(DOCS, {"a.txt"}, 1) == 0.0
    assert hit_at_k(DOCS, {"a.txt"}, 5) == 1.0
    assert hit_at_k(DOCS, {"b.txt"}, 1) == 1.0
    assert reciprocal_rank(DOCS, {"a.txt"}) == 1 / 3
    assert reciprocal_rank(DOCS, {"z.txt"}) == 0.0
    assert reciprocal_rank([], {"a.txt"}) == 0.0


def test_source_recall_counts_each_expected_document():
    assert source_recall_at_k(DOCS, {"a.txt", "z.txt"}, 5) == 0.5
    assert source_recall_at_k(DOCS, {"a.txt", "c.txt"}, 3) == 0.5
    assert source_recall_at_k(DOCS, set(), 5) == 0.0
