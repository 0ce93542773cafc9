"""`python -m caiwen` runs the `caiwen` console command."""
from caiwen.cli.main import run

run()
