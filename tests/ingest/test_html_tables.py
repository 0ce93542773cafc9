"""Row-header HTML tables rewritten as one fact per line before extraction (ingest.html_tables)."""
from __future__ import annotations

from ingest.html_tables import row_header_tables_as_lines

FACTS = "<table><tr><th>Launch date</th><td>June 9, 2011</td></tr><tr><th>管理費</th><td>每年0.45%</td></tr></table>"


def test_each_row_becomes_a_sentence_in_the_script_it_is_written_in():
    out = row_header_tables_as_lines(f"<html><body><p>Intro.</p>{FACTS}</body></html>")
    assert "<p>Launch date: June 9, 2011.</p>" in out and "<p>管理費：每年0.45%。</p>" in out
    assert "<table" not in out and "<p>Intro.</p>" in out


def test_a_bare_fragment_is_rewritten_too():
    assert "<p>Launch date: June 9, 2011.</p>" in row_header_tables_as_lines(FACTS)


def test_header_tables_empty_rows_and_unreadable_input_are_left_as_they_are():
    header_table = "<table><tr><th>Holding</th><th>Weight</th></tr><tr><td>UST 2028</td><td>6.8%</td></tr></table>"
    assert row_header_tables_as_lines(header_table) == header_table
    assert row_header_tables_as_lines("") == "" and row_header_tables_as_lines("<th") == "<th"
    out = row_header_tables_as_lines("<table><tr><th>A</th><td></td></tr><tr><th>B</th><td>2</td></tr></table>")
    assert "<p>B: 2.</p>" in out and "A:" not in out  # a label without a value says nothing
