"""The built website, shared by the tests of this folder."""

import pytest


@pytest.fixture(scope="session")
def built_site():
    """The website, built once per test session from scratch with warnings as errors."""
    from _site import HTML, build_book

    result = build_book()
    return result, HTML
