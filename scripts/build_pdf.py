"""Print the whole book as one PDF, from the one-page (``singlehtml``) build, with Chromium.

Usage: python scripts/build_pdf.py [OUTPUT.pdf]   (default: _build/pdf/loss-functions-hands-on.pdf)

Steps: build ``_build/singlehtml`` with Jupyter Book (warnings are errors, as for the site),
serve it on 127.0.0.1, open it in headless Chromium (Playwright), wait until MathJax has
typeset every formula, hide the website's navigation, and print A4 pages. Explorers print
the precomputed figure of their default setting. The browser is the first of: ``$CHROMIUM``,
``/usr/bin/chromium``, ``/usr/bin/google-chrome``; else Playwright's own build, if installed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import sys
import threading
import time
from pathlib import Path

import build_book
from chromium import CHROMIUM_ARGS, find_browser

ROOT = Path(__file__).resolve().parents[1]
SINGLE = ROOT / "_build" / "singlehtml"
DEFAULT_OUTPUT = ROOT / "_build" / "pdf" / "loss-functions-hands-on.pdf"
# The printed page is the book's text: the site's chrome (header, sidebars, buttons, the
# previous/next footer) is hidden, long code lines wrap instead of being cut at the margin,
# the folded source of plot-only cells is left out (their figures stay), and every chapter
# starts on a new page. Explorers keep their controls: on paper they name the setting drawn.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area,
.bd-footer, .bd-footer-article, .bd-footer-content, .skip-link, #pst-back-to-top,
.headerlink, .copybtn, .toggle-button, details.hide.above-input { display: none !important; }
.bd-main, .bd-content, .bd-article-container, .bd-container__inner, .bd-page-width {
  max-width: none !important; width: 100% !important; padding: 0 !important; margin: 0 !important;
}
pre { white-space: pre-wrap !important; word-break: break-word; }
h1 { break-before: page; }
figure, img, svg, table { break-inside: avoid; }
"""


def build_singlehtml() -> None:
    result = build_book.build("singlehtml")
    for line in build_book.problems(result):
        print(line)
    if result.returncode != 0:
        sys.stderr.write("\n".join((result.stdout + result.stderr).splitlines()[-40:]) + "\n")
        raise SystemExit("make pdf: the one-page build of the book failed (see above).")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the base class names it "format"
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """Serve ``directory`` on a free port of 127.0.0.1 while the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def count_pages(pdf: bytes) -> int:
    """Pages of a PDF as Chromium writes it: one ``/Type /Page`` object each."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_pdf(output: Path) -> int:
    """Print _build/singlehtml/intro.html to ``output``; return the number of pages."""
    from playwright.sync_api import sync_playwright

    output.parent.mkdir(parents=True, exist_ok=True)
    with serve(SINGLE) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        # print in the light colour scheme whatever the reader's system prefers
        page.add_init_script("localStorage.setItem('mode', 'light')")
        page.goto(f"{base}/intro.html", wait_until="load", timeout=120_000)
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=60_000
        )
        page.evaluate("() => MathJax.startup.promise")
        page.add_style_tag(content=PRINT_CSS)
        # the first page holds the landing page's title, not a blank sheet before it
        page.evaluate("() => { document.querySelector('h1').style.breakBefore = 'auto'; }")
        page.emulate_media(media="print")
        page.pdf(
            path=str(output),
            format="A4",
            print_background=True,
            margin={"top": "16mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=(
                '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                'Loss Functions, Hands-On · <span class="pageNumber"></span> / '
                '<span class="totalPages"></span></div>'
            ),
        )
        browser.close()
    return count_pages(output.read_bytes())


def main(argv: list[str]) -> int:
    output = Path(argv[0]).resolve() if argv else DEFAULT_OUTPUT
    start = time.perf_counter()
    build_singlehtml()
    built = time.perf_counter()
    pages = print_pdf(output)
    done = time.perf_counter()
    size_mb = output.stat().st_size / 1e6
    where = output.relative_to(ROOT) if output.is_relative_to(ROOT) else output
    print(
        f"make pdf: {where} ({pages} pages, {size_mb:.1f} MB; "
        f"one-page build {built - start:.0f} s, printing {done - built:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
