"""Shared helpers for the tests that build the book and drive the built site in Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]

# The table of contents is read by the script behind `make notebooks`; the tests use the same.
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402, F401 (re-exported)
from execute_notebooks import toc_files, toc_notebooks  # noqa: E402, F401 (re-exported)

HTML = ROOT / "_build" / "html"

#: The two screens every page is tried on: a phone and a laptop (CSS pixels).
SCREENS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def jupyter_book() -> str:
    exe = Path(sys.executable).with_name("jupyter-book")
    return str(exe) if exe.exists() else shutil.which("jupyter-book") or "jupyter-book"


def build_book() -> subprocess.CompletedProcess:
    """Build the whole site from scratch with warnings as errors; return the finished process."""
    cmd = [jupyter_book(), "build", str(ROOT), "-W", "-n", "--keep-going", "--all"]
    env = dict(os.environ, PYTHONHASHSEED="0")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the base class names it "format"
        pass


@contextlib.contextmanager
def serve(directory: Path = HTML):
    """Serve ``directory`` on a free port of 127.0.0.1 in a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about", "chrome-error"):
        return True
    return parsed.hostname == "127.0.0.1"


class PageRecorder:
    """Collects what a page did wrong: console errors, page errors, failed and remote requests."""

    def __init__(self, page):
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.remote: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} {req.failure}"))
        page.on("response", self._response)
        page.on("request", self._request)

    def _console(self, msg):
        if msg.type == "error":
            self.console_errors.append(msg.text)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.url} HTTP {response.status}")

    def _request(self, request):
        if not is_local(request.url):
            self.remote.append(request.url)

    def problems(self) -> dict:
        found = {
            "console errors": self.console_errors,
            "page errors": self.page_errors,
            "failed requests": self.failed,
            "requests leaving 127.0.0.1": self.remote,
        }
        return {k: v for k, v in found.items() if v}


def config(root: Path = ROOT) -> dict:
    """The book's _config.yml."""
    import yaml

    return yaml.safe_load((root / "_config.yml").read_text())


def binder_prefix(root: Path = ROOT) -> str:
    """The start of every Binder launch link: binderhub URL, GitHub owner/name and branch."""
    cfg = config(root)
    repo_url = cfg["repository"]["url"].rstrip("/")
    slug = urlparse(repo_url).path.strip("/")
    hub = cfg["launch_buttons"]["binderhub_url"].rstrip("/")
    return f"{hub}/v2/gh/{slug}/{cfg['repository'].get('branch', 'main')}"


# --- what the browser measures on a page (JavaScript run in the page) -----------------------

JS_MATH = """() => ({
  raw: Array.from(document.querySelectorAll('span.math, div.math'))
         .filter(el => !el.querySelector('mjx-container')).length,
  total: document.querySelectorAll('span.math, div.math').length,
  typeset: document.querySelectorAll('mjx-container').length,
  errors: Array.from(document.querySelectorAll('mjx-merror'))
            .map(el => el.getAttribute('data-mjx-error') || el.textContent).slice(0, 5),
})"""

JS_IMAGES = """() => Array.from(document.images).map(img => ({
  src: img.getAttribute('src') || '', alt: img.getAttribute('alt')}))"""

JS_CODE = """() => {
  const blocks = Array.from(document.querySelectorAll('article div.highlight'))
    .filter(el => el.querySelector('pre'));
  return {blocks: blocks.length,
          with_button: blocks.filter(el => el.querySelector('button.copybtn')).length};
}"""

JS_LINKS = """() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"""

JS_WEIGHT = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  let bytes = nav ? nav.decodedBodySize : 0;
  for (const r of res) { bytes += r.decodedBodySize; }
  return {bytes: bytes, requests: res.length + 1};
}"""

# Contrast of the page's body text against what is painted behind it (WCAG 2 formula).
JS_CONTRAST = """() => {
  const parse = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3];
    return [0, 1, 2].map(i => top[i] * a + bottom[i] * (1 - a)).concat([1]); };
  const lum = c => { const f = v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = el => { const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor); if (c && c[3] > 0) layers.push(c); }
    let bg = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
    return bg; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const selector = 'article p, article li, article dd, article dt, article td, article h1,' +
                   ' article h2, article h3';
  const out = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.getClientRects().length) continue;
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const bg = background(el);
    const fg = over(parse(getComputedStyle(el).color), bg);
    out.push({ratio: ratio(fg, bg), text: el.textContent.trim().slice(0, 60)});
  }
  const page = background(document.querySelector('article') || document.body);
  return {page_luminance: lum(page), samples: out};
}"""

# Move each control of every kernel-free explorer in turn; report which changed its figure.
JS_EXPLORERS = """() => Array.from(document.querySelectorAll('div.lossedu-explorer')).map(root => {
  const frames = () => Array.from(root.querySelectorAll('g.lossedu-frame'))
                         .map(g => g.innerHTML).join('|');
  const controls = Array.from(root.querySelectorAll('input[type=range], select, ' +
                                                    'input[type=checkbox]'));
  const moved = controls.map(el => {
    const before = frames();
    if (el.type === 'range') {
      el.value = (el.value === el.max) ? el.min : el.max;
    } else if (el.tagName === 'SELECT') {
      el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
    } else {
      el.checked = !el.checked;
    }
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    return {control: el.id || el.tagName, changed: frames() !== before};
  });
  return {name: root.dataset.explorer, controls: moved,
          changed: moved.some(m => m.changed)};
})"""

JS_DARK = """() => { const h = document.documentElement;
  h.dataset.theme = 'dark'; h.dataset.mode = 'dark';
  return getComputedStyle(document.body).backgroundColor; }"""


@dataclass
class PageReport:
    """What one visit of a page measured; each test asserts on one part of it."""

    rel: str
    problems: dict = field(default_factory=dict)
    math: dict = field(default_factory=dict)
    images: list = field(default_factory=list)
    code: dict = field(default_factory=dict)
    links: list = field(default_factory=list)
    weight: dict = field(default_factory=dict)
    axe: list = field(default_factory=list)
    explorers: list = field(default_factory=list)
    dark: dict = field(default_factory=dict)
    seconds: float = 0.0
    timings: dict = field(default_factory=dict)


def visit(browser, base: str, rel: str, axe=None) -> PageReport:
    """Load ``rel`` in a fresh context (empty cache), measure it, scan it, then play with it.

    The order matters: read-only measurements and the axe scan first, then the explorers are
    moved, then the page is switched to the dark theme and its text contrast measured.
    """
    start = time.perf_counter()
    report = PageReport(rel)
    context = browser.new_context(viewport=SCREENS["desktop"])
    try:
        page = context.new_page()
        recorder = PageRecorder(page)
        page.goto(f"{base}/{rel}", wait_until="load")
        page.evaluate(
            "() => (window.MathJax && MathJax.startup && MathJax.startup.promise) || null"
        )
        # after typesetting, which loads MathJax's fonts
        page.wait_for_load_state("networkidle")
        lap = time.perf_counter()
        report.timings["load"] = lap - start
        report.math = page.evaluate(JS_MATH)
        report.images = page.evaluate(JS_IMAGES)
        report.code = page.evaluate(JS_CODE)
        report.links = page.evaluate(JS_LINKS)
        report.weight = page.evaluate(JS_WEIGHT)
        report.timings["measure"] = time.perf_counter() - lap
        lap = time.perf_counter()
        if axe is not None:
            # preload off: axe would re-fetch the stylesheets itself, resolving their
            # @import paths against the page (404s that the page never makes)
            results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
            report.axe = [
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:5],
                    "count": len(v["nodes"]),
                }
                for v in results.response["violations"]
            ]
        report.timings["axe"] = time.perf_counter() - lap
        lap = time.perf_counter()
        report.explorers = page.evaluate(JS_EXPLORERS)
        report.timings["explorers"] = time.perf_counter() - lap
        lap = time.perf_counter()
        page.evaluate(JS_DARK)
        page.wait_for_timeout(50)
        report.dark = page.evaluate(JS_CONTRAST)
        report.timings["dark"] = time.perf_counter() - lap
        report.problems = recorder.problems()
    finally:
        context.close()
    report.seconds = time.perf_counter() - start
    return report


# --- on every screen: legibility, layout, theme (tests/site/test_screens.py) -----------------

# The smallest rendered text of each figure, in CSS px. Explorer (SVG) text: its computed font
# size times the scale of its coordinate system on the screen. Static PNG figures: the font
# size the figure was drawn with (data-font-px, at data-width CSS px wide, written at build
# time from what the PNG records) times the rendered width over data-width.
JS_FIGURE_FONTS = """() => {
  const out = {explorers: [], pngs: [], unmeasured: []};
  for (const svg of document.querySelectorAll('.lossedu-explorer svg[viewBox]')) {
    let least = Infinity;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim() || !t.getClientRects().length) continue;
      const m = t.getScreenCTM();
      const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
      least = Math.min(least, px);
    }
    const name = svg.closest('.lossedu-explorer').dataset.explorer;
    out.explorers.push({name: name, px: least});
  }
  for (const img of document.querySelectorAll('article img')) {
    if (!/\\.png$/.test(img.getAttribute('src') || '')) continue;
    if (!img.dataset.fontPx) { out.unmeasured.push(img.getAttribute('src')); continue; }
    const w = img.getBoundingClientRect().width;
    out.pngs.push({src: img.getAttribute('src').split('/').pop().slice(0, 16),
                   px: parseFloat(img.dataset.fontPx) * w / parseFloat(img.dataset.width)});
  }
  return out;
}"""

# Page-wide sideways scroll, explorer control sizes and the visible search entries.
JS_LAYOUT = """() => {
  const doc = document.documentElement;
  const controls = Array.from(document.querySelectorAll(
      '.lossedu-controls input, .lossedu-controls select'))
    .map(el => { const r = el.getBoundingClientRect();
                 return {id: el.id, w: r.width, h: r.height}; });
  const searches = Array.from(document.querySelectorAll('.search-button__button'))
    .filter(el => { const r = el.getBoundingClientRect();
                    return r.width > 0 && r.height > 0 &&
                           getComputedStyle(el).visibility !== 'hidden'; })
    .map(el => el.className);
  return {overflow: doc.scrollWidth - doc.clientWidth, controls: controls, searches: searches};
}"""

# The colours figures are painted with. Explorer text against the explorer's card (text
# without its own fill attribute: those with one sit on their own shaded cells), and the
# CSS filter of the static figures (checked against their ink and background in Python).
JS_FIGURE_COLOURS = """() => {
  const rgb = s => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    return m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number).slice(0, 3); };
  const explorers = [];
  for (const svg of document.querySelectorAll('.lossedu-explorer svg[viewBox]')) {
    const card = svg.querySelector('.lossedu-card');
    const bg = rgb(getComputedStyle(card).fill);
    const inks = new Map();
    for (const t of svg.querySelectorAll('text:not([fill])')) {
      if (!t.textContent.trim()) continue;
      const cs = getComputedStyle(t);
      const key = cs.fill + '|' + cs.fillOpacity;
      if (!inks.has(key)) inks.set(key, {fill: rgb(cs.fill), opacity: parseFloat(cs.fillOpacity),
                                        text: t.textContent.trim().slice(0, 30)});
    }
    explorers.push({name: svg.closest('.lossedu-explorer').dataset.explorer, card: bg,
                    inks: Array.from(inks.values())});
  }
  const filters = Array.from(document.querySelectorAll('article img.lossedu-png'))
    .map(img => getComputedStyle(img).filter);
  return {explorers: explorers, filters: filters};
}"""

# When the first screen was usable, and whether explorers far below it stayed undecoded.
JS_TIMING = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const far = 2 * window.innerHeight;
  const below = Array.from(document.querySelectorAll('.lossedu-explorer'))
    .filter(el => el.getBoundingClientRect().top > far);
  return {dom_content_loaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
          first_contentful_paint: fcp ? fcp.startTime : null,
          explorers_below: below.length,
          decoded_below: below.filter(el => el.hasAttribute('data-loaded')).length};
}"""

JS_THEME = """mode => { const h = document.documentElement;
  h.dataset.theme = mode; h.dataset.mode = mode; }"""


def luminance(rgb) -> float:
    """Relative luminance of an sRGB colour given as 0-255 channels (WCAG 2)."""

    def linear(v):
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(float(c)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def inverted(rgb, amount: float):
    """A grey's colour after CSS ``invert(amount)`` (hue-rotate leaves greys unchanged)."""
    return [amount * (255 - c) + (1 - amount) * c for c in rgb]


@dataclass
class ScreenReport:
    """One page on one screen, in the light and then (switched in place) the dark theme."""

    rel: str
    screen: str
    fonts: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)
    colours: dict = field(default_factory=dict)  # {"light": ..., "dark": ...}
    axe: dict = field(default_factory=dict)  # {"light": [...], "dark": [...]}
    timing: dict = field(default_factory=dict)
    weight: dict = field(default_factory=dict)
    problems: dict = field(default_factory=dict)


def visit_screen(browser, base, rel, screen, *, axe=None, axe_modes=(), shots=None, cpu=1):
    """Load ``rel`` on ``screen`` (fresh context), measure it light, then dark without reload.

    ``cpu`` > 1 slows the CPU that much (Chrome DevTools) while the page loads, as on a phone.
    ``axe_modes`` names the themes to scan with axe; ``shots`` is a folder for screenshots.
    """
    report = ScreenReport(rel, screen)
    context = browser.new_context(viewport=SCREENS[screen])
    try:
        page = context.new_page()
        recorder = PageRecorder(page)
        cdp = None
        if cpu > 1:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        page.goto(f"{base}/{rel}", wait_until="load")
        report.timing = page.evaluate(JS_TIMING)
        if cdp is not None:
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        page.evaluate(
            "() => (window.MathJax && MathJax.startup && MathJax.startup.promise) || null"
        )
        page.wait_for_load_state("networkidle")
        report.weight = page.evaluate(JS_WEIGHT)
        report.fonts = page.evaluate(JS_FIGURE_FONTS)
        report.layout = page.evaluate(JS_LAYOUT)
        for mode in ("light", "dark"):
            page.evaluate(JS_THEME, mode)
            page.wait_for_timeout(400)  # the theme's colour transitions take 0.15 s
            report.colours[mode] = page.evaluate(JS_FIGURE_COLOURS)
            if mode == "dark":
                report.layout["dark_overflow"] = page.evaluate(JS_LAYOUT)["overflow"]
            if axe is not None and mode in axe_modes:
                results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
                report.axe[mode] = [
                    {"id": v["id"], "impact": v["impact"], "count": len(v["nodes"]),
                     "targets": [" ".join(map(str, n["target"])) for n in v["nodes"]][:3]}
                    for v in results.response["violations"]
                ]  # fmt: skip
            if shots is not None:
                name = rel.replace("/", "_").removesuffix(".html")
                page.screenshot(
                    path=str(shots / f"{name}-{screen}-{mode}.jpg"),
                    full_page=True,
                    type="jpeg",
                    quality=50,
                )
        report.problems = recorder.problems()
    finally:
        context.close()
    return report
