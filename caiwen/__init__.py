"""Caiwen (財問): the `caiwen` console command and the one settings object every part reads."""
