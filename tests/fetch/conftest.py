"""Fixtures of the fetch tests: ``site`` is a real HTTP server on 127.0.0.1 (see fixture_site.py)."""
from tests.fetch.fixture_site import site  # noqa: F401 - re-exported as a pytest fixture
