"""The market-data fixtures (real CSV price files on the NYSE calendar) for the figure-answer tests."""
from tests.market_data.conftest import make_csv, settings  # noqa: F401
