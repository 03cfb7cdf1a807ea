"""The built website, shared by the tests of this folder, and one browser for all of them."""

import pytest


@pytest.fixture(scope="session")
def built_site():
    """The website, built once per test session from scratch with warnings as errors."""
    from _site import HTML, build_book

    result = build_book()
    return result, HTML


@pytest.fixture(scope="session")
def site(built_site):
    """The built website served on 127.0.0.1: its base URL."""
    from _site import serve

    result, html = built_site
    assert result.returncode == 0, "the book did not build"
    with serve(html) as url:
        yield url


@pytest.fixture(scope="session")
def browser(playwright_session):
    """One headless Chromium for every browser test of the session (each page gets a context)."""
    from _site import CHROMIUM, CHROMIUM_ARGS

    b = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()
