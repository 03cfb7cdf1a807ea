"""The project's one Chromium configuration: the browser tests and `make pdf` start it so.

Headless, no sandbox (CI runs as root), and none of the background services that would try
to reach the network: the site and its tests work offline.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Debian's Chromium, which the browser tests drive.
CHROMIUM = "/usr/bin/chromium"

#: The command-line switches of every headless, offline start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_browser() -> str | None:
    """A Chromium to print with: ``$CHROMIUM``, Debian's, Google's; None for Playwright's own."""
    for candidate in (os.environ.get("CHROMIUM"), CHROMIUM, "/usr/bin/google-chrome"):
        if candidate and Path(candidate).is_file():
            return candidate
    return None
