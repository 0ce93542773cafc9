"""Pure, vectorized figure arithmetic over pandas/numpy. No I/O, no providers: series and tables in,
numbers and small dataclasses out. Returns and rates are fractions (0.0788 = 7.88 %)."""
