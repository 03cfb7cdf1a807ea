"""Shared fixtures: every random draw in the tests comes from a seeded generator, and every
browser test drives Chromium through one Playwright."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)


@pytest.fixture(scope="session")
def playwright_session():
    """The session's one Playwright: its sync API allows one running instance at a time, so
    every browser test (the website's, JupyterLab's, the explorers') starts its browser here."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        yield playwright
