"""Shared fixtures: every random draw in the tests comes from a seeded generator."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)


@pytest.fixture(scope="session")
def built_site():
    """The website, built once per test session from scratch with warnings as errors."""
    from _site import HTML, build_book

    result = build_book()
    return result, HTML
