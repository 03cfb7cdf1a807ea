"""Explorers: they build without a display, their fallback is self-contained, labelled,
deterministic and alive (frames change), and their numbers match independent references."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import _site
import numpy as np
import pytest

from lossedu import widgets
from lossedu.widgets import _fallback, _optimizer, _outlier, _regularization, _threshold

# Every explorer the package exports, so that each one added later gets the same checks.
BUILDERS = {
    name.removesuffix("_explorer"): getattr(widgets, name)
    for name in widgets.__all__
    if name.endswith("_explorer")
}
ID_RE = re.compile(r"lossedu-[a-z]+-[0-9a-f]{10}-\d+")


@pytest.fixture(scope="module")
def built():
    return {name: make() for name, make in BUILDERS.items()}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html):
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("name", BUILDERS)
def test_builds_widget_and_fallback_without_display(built, name):
    explorer = built[name]
    assert type(explorer.widget).__name__ == "VBox"
    html = explorer.html()
    assert html.startswith(f'<div class="lossedu-explorer" data-explorer="{name}" id="lossedu-')
    assert html.count('<g class="lossedu-frame">') == 1
    assert html.count("<script>") == 1
    assert len(html.encode()) < 300_000, f"{name}: {len(html.encode())} bytes"


@pytest.mark.parametrize("name", BUILDERS)
def test_fallback_has_no_external_url(built, name):
    # an inline SVG in HTML needs no xmlns, so not even the namespace URL may appear
    assert not re.search(r"https?://|//[a-z]", built[name].html(), flags=re.IGNORECASE)


@pytest.mark.parametrize("name", BUILDERS)
def test_every_control_has_an_accessible_name(built, name):
    tags = _tags(built[name].html())
    labelled = {a["for"] for t, a in tags if t == "label"}
    controls = [a for t, a in tags if t in ("input", "select")]
    assert len(controls) == len(built[name].controls) >= 1
    for attrs in controls:
        assert attrs["id"] in labelled
        if attrs.get("type") == "range":
            assert attrs["aria-valuetext"]
            outputs = [a for t, a in tags if t == "output" and a.get("for") == attrs["id"]]
            assert len(outputs) == 1


@pytest.mark.parametrize("name", BUILDERS)
def test_svg_is_an_image_with_a_description(built, name):
    svg = built[name].svg()
    assert svg.startswith('<svg viewBox="0 0 ') and 'role="img"' in svg
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert f"<title>{label}</title>" in svg
    assert "xmlns" not in svg and "font-family" not in svg  # text takes the page's font


def test_fallback_is_identical_across_fresh_processes():
    code = (
        "import hashlib; from lossedu import widgets\n"
        f"for name in {list(BUILDERS)!r}:\n"
        "    e = getattr(widgets, name + '_explorer')()\n"
        "    print(hashlib.sha256(e.html().encode()).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[1]
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1] and len(runs[0].split()) == len(BUILDERS)


@pytest.mark.parametrize("name", BUILDERS)
def test_rebuilding_in_one_process_changes_only_the_id_counter(built, name):
    again = BUILDERS[name]().html()
    first = built[name].html()
    assert again != first  # a second copy on the same page must get its own ids
    assert ID_RE.sub("ID", again) == ID_RE.sub("ID", first)
    twice = built[name].html(), built[name].html()  # shown twice on one page: new ids
    assert twice[0] != twice[1] and ID_RE.sub("ID", twice[0]) == ID_RE.sub("ID", twice[1])


def test_importing_widgets_loads_neither_ipywidgets_nor_pyplot():
    code = (
        "import sys, lossedu.widgets\n"
        "print('ipywidgets' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def _frame(svg):
    return re.search(r'<g class="lossedu-frame">(.*)</g>', svg, flags=re.S).group(1)


@pytest.mark.parametrize("name", BUILDERS)
def test_frames_differ_across_every_control(built, name):
    explorer = built[name]
    for control in explorer.controls:
        first, last = control.values[0], control.values[-1]
        a = _frame(explorer.svg(**{control.name: first}))
        b = _frame(explorer.svg(**{control.name: last}))
        assert a != b, f"{name}: moving {control.name} does not change the figure"


@pytest.mark.parametrize("name", BUILDERS)
def test_live_widget_redraws_when_a_control_moves(built, name):
    view, box = BUILDERS[name]().widget.children
    for control in box.children:
        before = view.value
        if type(control).__name__ == "Checkbox":
            control.value = not control.value
        else:
            options = [v for _, v in control.options]
            control.value = options[-1] if control.value != options[-1] else options[0]
        assert view.value != before
        assert control.description


def test_mimebundle_without_and_with_a_kernel(built, monkeypatch):
    explorer = built["loss"]
    bundle = explorer._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert bundle["text/plain"] == repr(explorer)
    assert "0x" not in bundle["text/plain"]
    assert set(explorer._repr_mimebundle_(include={"text/html"})) == {"text/html"}
    assert set(explorer._repr_mimebundle_(exclude={"text/html"})) == {"text/plain"}
    monkeypatch.setattr(_fallback, "_kernel_running", lambda: True)
    live = explorer._repr_mimebundle_()
    view = live["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == explorer.widget.model_id
    assert ID_RE.sub("ID", live["text/html"]) == ID_RE.sub("ID", bundle["text/html"])


def test_svg_rejects_unknown_controls_and_off_grid_values(built):
    with pytest.raises(ValueError, match="no control 'speed'"):
        built["optimizer"].svg(speed=1.0)
    with pytest.raises(ValueError, match="lr must be one of the grid values"):
        built["optimizer"].svg(lr=0.123)


def test_builders_validate_their_arguments():
    with pytest.raises(ValueError, match="unknown loss 'l3'"):
        widgets.loss_explorer(["mse", "l3"])
    with pytest.raises(TypeError, match="list of loss names"):
        widgets.loss_explorer("mse")
    with pytest.raises(ValueError, match="landscape must be one of"):
        widgets.optimizer_explorer("bowl")
    with pytest.raises(ValueError, match="steps must be an integer"):
        widgets.optimizer_explorer(steps=0)
    with pytest.raises(ValueError, match="n must be an integer >= 3"):
        widgets.outlier_explorer(n=2)
    with pytest.raises(ValueError, match="delta must be a finite number > 0"):
        widgets.outlier_explorer(delta=-1.0)
    with pytest.raises(ValueError, match="pass both y_true and probs"):
        widgets.threshold_explorer([0, 1])
    with pytest.raises(ValueError, match="same shape"):
        widgets.threshold_explorer([0, 1, 1], [0.2, 0.9])
    with pytest.raises(ValueError, match="only the labels"):
        widgets.threshold_explorer([0, 2], [0.2, 0.9])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        widgets.threshold_explorer([0, 1], [0.2, 1.5])


# ---- the numbers the explorers show, against independent references ----------------------


def _data(rng):
    x = np.linspace(0, 10, 15)
    y = 1.0 + 0.5 * x + rng.normal(0, 0.5, 15)
    y[-1] += 9.0  # an outlier
    return x, y


def test_mse_fit_matches_numpy_polyfit(rng):
    x, y = _data(rng)
    slope, intercept = np.polyfit(x, y, 1)  # reference: NumPy least squares
    assert _outlier.fit_line(x, y, "mse") == pytest.approx((intercept, slope), rel=1e-10)


def test_mae_fit_matches_a_linear_program(rng):
    linprog = pytest.importorskip("scipy.optimize").linprog
    x, y = _data(rng)
    n = x.size
    # reference: LAD as an LP in (a, b, e): minimise sum e with -e <= y - a - b x <= e
    cost = np.concatenate([[0, 0], np.ones(n)])
    design = np.column_stack([np.ones(n), x])
    a_ub = np.block([[-design, -np.eye(n)], [design, -np.eye(n)]])
    res = linprog(
        cost, A_ub=a_ub, b_ub=np.concatenate([-y, y]), bounds=[(None, None)] * 2 + [(0, None)] * n
    )
    a, b = _outlier.fit_line(x, y, "mae")
    assert np.abs(y - a - b * x).sum() == pytest.approx(res.fun, rel=1e-9)


def test_huber_fit_matches_scipy_least_squares(rng):
    least_squares = pytest.importorskip("scipy.optimize").least_squares
    x, y = _data(rng)
    # reference: SciPy's 'huber' rho on squared residuals / f_scale**2 is 2 * huber / delta**2
    res = least_squares(
        lambda c: y - c[0] - c[1] * x,
        x0=[0.0, 0.0],
        loss="huber",
        f_scale=1.5,
        xtol=1e-15,
        ftol=1e-15,
        gtol=1e-15,
    )
    assert _outlier.fit_line(x, y, "huber", delta=1.5) == pytest.approx(tuple(res.x), abs=1e-7)


@pytest.mark.parametrize("lam", [0.05, 0.5, 3.0])
def test_penalised_optima_match_scikit_learn(lam):
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y, A, b, _ = _regularization.make_problem(0)
    n = len(y)
    # ours: mean((y - Xw)^2) + lam * sum w^2  ==  (1/n) * Ridge objective with alpha = n * lam
    ridge = linear_model.Ridge(alpha=n * lam, fit_intercept=False).fit(X, y)
    w2 = _regularization.penalised_optimum(A, b, lam, "l2")
    assert w2 == pytest.approx(ridge.coef_, abs=1e-10)
    # ours / 2: (1/2n) ||y - Xw||^2 + (lam / 2) * sum |w|  ==  Lasso with alpha = lam / 2
    lasso = linear_model.Lasso(alpha=lam / 2, fit_intercept=False, tol=1e-14, max_iter=100_000)
    w1 = _regularization.penalised_optimum(A, b, lam, "l1")
    assert w1 == pytest.approx(lasso.fit(X, y).coef_, abs=1e-8)


def test_large_l1_penalty_zeroes_every_weight_and_l2_does_not():
    _, _, A, b, _ = _regularization.make_problem(0)
    # closed form: w = 0 is optimal for L1 once lam / 2 >= max |b| (subgradient condition)
    lam = 2.0 * np.max(np.abs(b)) + 1e-9
    assert np.all(_regularization.penalised_optimum(A, b, lam, "l1") == 0.0)
    assert np.all(_regularization.penalised_optimum(A, b, lam, "l2") != 0.0)


@pytest.mark.parametrize("lr", [0.05, 0.3])
def test_sgd_path_on_the_valley_matches_the_closed_form(lr):
    path = _optimizer.trajectory("valley", "SGD", lr, 0.0, 20)
    # closed form: gradient descent on 0.1 w1^2 + 2 w2^2 scales w_i by (1 - lr * h_i)
    t = np.arange(21)[:, None]
    expected = np.array([-4.5, 2.0]) * (1.0 - lr * np.array([0.2, 4.0])) ** t
    np.testing.assert_allclose(path, expected, rtol=1e-12, atol=1e-14)


def test_diverging_path_stops_early():
    path = _optimizer.trajectory("valley", "SGD", 1.0, 0.0, 500)  # |1 - 1 * 4| > 1 along w2
    assert len(path) < 501 and np.all(np.isfinite(path))


def test_threshold_scores_match_scikit_learn():
    skm = pytest.importorskip("sklearn.metrics")
    y, p = _threshold.make_scores(0)
    s = _threshold.scores_at(y, p, 0.3)
    pred = (p >= 0.3).astype(int)
    assert s["precision"] == pytest.approx(skm.precision_score(y, pred))
    assert s["recall"] == pytest.approx(skm.recall_score(y, pred))
    assert s["F1"] == pytest.approx(skm.f1_score(y, pred))
    np.testing.assert_array_equal(s["matrix"], skm.confusion_matrix(y, pred))


def test_report_bytes_per_explorer(built, capsys):
    sizes = {n: len(e.html().encode()) for n, e in built.items()}
    with capsys.disabled():
        print("\nfallback bytes:", ", ".join(f"{n} {s}" for n, s in sizes.items()))
    assert all(s < 300_000 for s in sizes.values())


# ---- in a real browser ---------------------------------------------------------------------

CHROMIUM = Path(_site.CHROMIUM)
ARGS = _site.CHROMIUM_ARGS


@pytest.mark.browser
def test_fallbacks_move_in_headless_chromium(tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    explorers = [make() for make in BUILDERS.values()]
    explorers.append(widgets.threshold_explorer())  # the same explorer twice on one page
    body = "\n".join(f"<section>{e.html()}</section>" for e in explorers)
    page_file = tmp_path / "page.html"
    page_file.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
        f"<body>{body}</body></html>",
        encoding="utf-8",
    )
    errors, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        roots = page.locator(".lossedu-explorer")
        assert roots.count() == len(explorers)
        for k, explorer in enumerate(explorers):
            root = roots.nth(k)
            for i, control in enumerate(explorer.controls):
                _move_and_check(page, roots, k, root, i, control)
        browser.close()
    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests)


def _move_and_check(page, roots, k, root, i, control):
    frame = root.locator(".lossedu-frame")
    before = frame.inner_html()
    others = [roots.nth(j).locator(".lossedu-frame").inner_html() for j in range(roots.count())]
    title = root.locator("svg[role=img]").get_attribute("aria-label")
    page.wait_for_timeout(0)
    element = root.locator(f"#{root.get_attribute('id')}-c{i}")
    target = 0 if control.default != 0 else len(control.values) - 1
    if control.kind == "checkbox":
        element.click()
    elif control.kind == "select":
        element.select_option(index=target)
    else:
        element.fill(str(target))
        element.dispatch_event("input")
        element.dispatch_event("change")
        output = root.locator(f"#{root.get_attribute('id')}-o{i}")
        assert output.text_content() == control.labels[target]
        assert element.get_attribute("aria-valuetext") == control.labels[target]
    after = frame.inner_html()
    assert after != before, f"{control.name} did not change the figure"
    assert root.locator("svg[role=img]").get_attribute("aria-label") != title
    for j in range(roots.count()):  # the other explorers on the page stay as they were
        if j != k:
            assert roots.nth(j).locator(".lossedu-frame").inner_html() == others[j]
    # back to the default: the precomputed frame equals the figure served in the page
    if control.kind == "checkbox":
        element.click()
    elif control.kind == "select":
        element.select_option(index=control.default)
    else:
        element.fill(str(control.default))
        element.dispatch_event("input")
    assert frame.inner_html() == before
