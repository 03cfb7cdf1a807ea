"""A real JupyterLab in headless Chromium, for the tests that use a chapter as a learner does.

``jupyterlab`` (a pytest fixture) starts ``jupyter lab`` on 127.0.0.1 with a random token in a
temporary folder, and yields a :class:`JupyterLab` whose :meth:`~JupyterLab.open` copies a
chapter there and opens it in headless Chromium (Playwright, the project's Chromium). The
tests skip when Chromium, Playwright or JupyterLab is missing. A test module uses it with
``from _jupyterlab import jupyterlab  # noqa: F401 (a fixture)``.

Helpers for the page: :func:`visible_text` (what a reader sees, folded parts excluded),
:func:`run_cell` (runs the code cell that contains a given text, after replacing its
source) and :func:`cell_outputs_text`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

START_TIMEOUT = 90  # seconds for the server to answer; a loaded 2-core machine needs ~10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _jupyter() -> str | None:
    exe = Path(sys.executable).with_name("jupyter")
    return str(exe) if exe.exists() else shutil.which("jupyter")


class JupyterLab:
    """A running JupyterLab server and a Chromium that talks to it (same machine only)."""

    def __init__(self, url: str, token: str, folder: Path, browser):
        self.url = url
        self.token = token
        self.folder = folder
        self.browser = browser

    def open(self, notebook: Path, *, timeout: float = 120):
        """Copy ``notebook`` into the server's folder, open it; return the Playwright page.

        Waits until the notebook's cells are drawn and its kernel is idle. Requests that
        leave 127.0.0.1 are refused (the course runs offline) and recorded in
        ``page.outside_requests``.
        """
        shutil.copy(notebook, self.folder / notebook.name)
        page = self.browser.new_page(viewport={"width": 1280, "height": 900})
        page.outside_requests = []

        def route(r):
            if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:")):
                r.continue_()
            else:
                page.outside_requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(f"{self.url}/lab/tree/{notebook.name}?token={self.token}")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
        # the kernel starts with the notebook: wait until it is idle before running cells
        page.wait_for_function(
            "() => { const s = document.querySelector('.jp-Notebook-ExecutionIndicator');"
            " return s && s.getAttribute('data-status') === 'idle'; }",
            timeout=timeout * 1000,
        )
        page.wait_for_timeout(1000)  # markdown cells render asynchronously
        return page


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory, playwright_session):
    """A JupyterLab server with headless Chromium (skips when either is missing)."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"needs Chromium at {CHROMIUM}")
    jupyter = _jupyter()
    if jupyter is None:
        pytest.skip("needs jupyter")
    if subprocess.run([jupyter, "lab", "--version"], capture_output=True).returncode != 0:
        pytest.skip("needs jupyterlab")
    folder = tmp_path_factory.mktemp("jupyterlab")
    # every cell drawn, not only those on screen, so that a test reads the whole notebook
    settings = folder / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    news = folder / ".settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    token = secrets.token_hex(16)
    port = _free_port()
    # its own settings and runtime files: nothing from, or left in, the user's home
    env = dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(folder / ".config"),
        JUPYTER_RUNTIME_DIR=str(folder / ".runtime"),
    )
    cmd = [
        jupyter,
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={folder}",
        f"--LabApp.user_settings_dir={folder / '.settings'}",
        "--allow-root",  # CI runs as root
        "--LabApp.news_url=",
        "--LabApp.extension_manager=readonly",  # no look-ups on the package index
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = open(folder / "server.log", "w")
    server = subprocess.Popen(cmd, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for(f"{url}/api/status?token={token}", server, folder)
        browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield JupyterLab(url, token, folder, browser)
        finally:
            browser.close()
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=20)
        if server.poll() is None:
            server.kill()
        log.close()


def _wait_for(url: str, server: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = (folder / "server.log").read_text()[-2000:]
            raise RuntimeError(f"jupyter lab exited with {server.returncode}:\n{log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"jupyter lab did not answer within {START_TIMEOUT} s")


# ---------------------------------------------------------------- reading and using the page


def visible_text(page) -> str:
    """The notebook's text as a reader sees it (hidden and folded parts left out)."""
    return page.locator(".jp-Notebook").inner_text()


def cell_containing(page, text: str):
    """The first code cell whose source contains ``text``, found once (a stable locator).

    The locator keeps pointing at that cell when its source changes afterwards.
    """
    found = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=text)).first
    index = found.evaluate(
        "el => Array.from(document.querySelectorAll('.jp-Notebook .jp-Cell')).indexOf(el)"
    )
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def run_cell(page, text: str, new_source: str | None = None, *, timeout: float = 60):
    """Run the code cell containing ``text`` (its source replaced first if given).

    The new source is typed as a learner pastes it. Returns the cell's locator once the run
    has finished (its prompt shows a new number).
    """
    cell = cell_containing(page, text)
    cell.scroll_into_view_if_needed()
    prompt = cell.locator(".jp-InputPrompt").element_handle()
    # The prompt shows [*] while the cell runs; a fresh kernel may give it its stored number
    # again, so watch for the star rather than for a new number.
    prompt.evaluate(
        "el => { el.sawStar = false; new MutationObserver(() => {"
        " if (el.textContent.includes('*')) el.sawStar = true; })"
        ".observe(el, {subtree: true, childList: true, characterData: true}); }"
    )
    editor = cell.locator(".cm-content")
    editor.click()
    if new_source is not None:
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(new_source)  # no key events: the editor adds no indent
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(
        "el => el.sawStar && /\\[\\d+\\]/.test(el.textContent)",
        arg=prompt,
        timeout=timeout * 1000,
    )
    return cell


def cell_outputs_text(cell) -> str:
    """The text of a cell's outputs, as shown."""
    return cell.locator(".jp-OutputArea").inner_text()
