"""Explorers: they build without a display, their fallback is self-contained, labelled,
deterministic and alive (frames change), and the numbers they show are those of the modules
that compute them (tested against independent references in those modules' tests)."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from chromium import CHROMIUM as CHROMIUM_PATH
from chromium import CHROMIUM_ARGS

from lossedu import datasets, landscapes, models, multitask, optim, rl, widgets
from lossedu.widgets import _bandit, _fallback, _svg

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
    assert html.count("<script>") == 1  # the player
    assert html.count('<script type="application/json"') == 1  # its frames, parsed lazily
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
        widgets.optimizer_explorer("saddle")
    with pytest.raises(ValueError, match="steps must be an integer"):
        widgets.optimizer_explorer(steps=0)
    with pytest.raises(ValueError, match=r"n must be an integer in \[3, 200\]"):
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


# ---- what each explorer shows: the numbers of the module it draws from -------------------


def _note(svg, pattern):
    return re.search(pattern, svg).group(1)


# descent explorer (chapter 1): the four points x = (0, 1, 2, 3), y = (1, 3, 4, 6)
X4, Y4 = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 4.0, 6.0])


def test_descent_explorer_has_the_two_controls_the_chapter_describes(built):
    assert [c.name for c in built["descent"].controls] == ["lr", "step"]


def test_descent_first_step_matches_the_hand_computation(built):
    # by hand: residuals -y = (-1, -3, -4, -6); dMSE/dw = 2 mean(r x) = -14.5,
    # dMSE/db = 2 mean(r) = -7; with lr 0.1: w = 1.45, b = 0.7
    svg = built["descent"].svg(lr=0.1, step=1)
    assert _note(svg, r"(step 1: w = [^,]*, b = [^,]*),") == "step 1: w = 1.45, b = 0.7"


@pytest.mark.parametrize("lr", [0.05, 0.2])
def test_descent_path_matches_train_step_of_the_models_module(built, lr):
    model, sgd = models.LinearRegression(1), optim.SGD(lr)
    for t in range(15):
        models.train_step(model, X4[:, None], Y4, loss="mse", optimizer=sgd)
        w, b = model.params["W"][0, 0], model.params["b"][0]
        note = _note(built["descent"].svg(lr=lr, step=t + 1), r"step \d+: (w = [^,]*, b = [^,]*),")
        assert note == f"w = {w:.3g}, b = {b:.3g}"


def test_descent_explorer_validates_its_arguments():
    with pytest.raises(ValueError, match="steps must be an integer"):
        widgets.descent_explorer(steps=0)
    with pytest.raises(ValueError, match="same shape"):
        widgets.descent_explorer([0.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="two distinct values"):
        widgets.descent_explorer([1.0, 1.0], [1.0, 2.0])


# error explorer (chapter 2): n points around y = 1 + 0.5 x, predicted by that line
def _error_data(n=8, seed=0):
    x = np.linspace(1.0, 10.0, n)
    y_pred = 1.0 + 0.5 * x
    return y_pred + np.random.default_rng(seed).normal(0.0, 0.5, n), y_pred


def test_error_explorer_has_the_two_controls_the_chapter_describes(built):
    assert [c.name for c in built["error"].controls] == ["target", "kind"]


@pytest.mark.parametrize("target", [2.5, 9.0])
def test_error_aggregations_shown_match_scikit_learn(built, target):
    skm = pytest.importorskip("sklearn.metrics")
    y, p = _error_data()
    y[-1] = target
    shown = {
        kind: _note(built["error"].svg(target=target, kind=kind), rf"{kind} errors: ([^<]*)")
        for kind in ("absolute", "squared")
    }
    mae, mse = skm.mean_absolute_error(y, p), skm.mean_squared_error(y, p)
    median, top = skm.median_absolute_error(y, p), skm.max_error(y, p)
    assert (
        shown["absolute"]
        == f"mean {mae:.3g}  median {median:.3g}  max {top:.3g}  sum {8 * mae:.3g}"
    )
    squared = (y - p) ** 2  # the median and max of squared errors: NumPy on the definition
    assert shown["squared"] == (
        f"mean {mse:.3g}  median {np.median(squared):.3g}  max {np.max(squared):.3g}  "
        f"sum {8 * mse:.3g}"
    )


def test_error_moving_the_target_changes_only_that_points_bar(built):
    def bars(target):
        frame = _frame(built["error"].svg(target=target, kind="squared"))
        bar = r'<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="[^"]+" fill="#[0-9A-F]{6}"/>'
        return re.findall(bar, frame)

    values = built["error"].controls[0].values
    before, after = bars(values[0]), bars(values[1])  # errors 4 and 3.5 (squared: 16, 12.25)
    assert len(before) == len(after) == 8
    assert before[:-1] == after[:-1] and before[-1] != after[-1]


def test_error_explorer_validates_its_arguments():
    with pytest.raises(ValueError, match="n must be an integer"):
        widgets.error_explorer(n=2)


# multi-task explorer (chapter 8)
def test_multitask_weight_slider_is_labelled_by_task(built):
    assert re.search(r'<label for="([^"]+)">weight of task 1', built["multitask"].html())


def test_multitask_shown_losses_are_the_weighted_optimum(built):
    optimize = pytest.importorskip("scipy.optimize")
    # chapter 8's data, the explorer's default
    X, y = datasets.make_multitask(200, n_features=2, noise_scales=(0.3, 1.0), rng=6)
    lam = 0.8
    shown = re.findall(r"= 0\.80·([0-9.]+) \+ 0\.20·([0-9.]+)", built["multitask"].svg(lam=lam))
    L = multitask.task_mse(y, multitask.weighted_optimum(X, y, [lam, 1 - lam]).forward(X))
    assert [float(v) for v in shown[0]] == pytest.approx(L, abs=6e-4)

    # reference: SciPy's minimiser of the weighted loss over the model's parameters
    model = multitask.SharedLinear(2, 2)

    def objective(theta):
        model.params = {"W1": theta[:2, None], "W2": theta[None, 2:4], "b2": theta[4:]}
        return multitask.weighted_mse(y, model.forward(X), weights=[lam, 1 - lam])

    found = min(optimize.minimize(objective, x0).fun for x0 in np.eye(6)[:3] + 0.5)
    assert lam * L[0] + (1 - lam) * L[1] == pytest.approx(found, rel=1e-6)


def test_multitask_explorer_validates_its_arguments():
    with pytest.raises(ValueError, match="pass both X and y"):
        widgets.multitask_explorer(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        widgets.multitask_explorer(np.zeros((3, 2)), np.zeros((3, 3)))


# bandit explorer (chapter 10)
def test_bandit_explorer_has_the_two_controls_the_chapter_describes(built):
    assert [c.name for c in built["bandit"].controls] == ["lr", "baseline"]


def test_bandit_svg_has_a_description(built):
    svg = built["bandit"].svg(lr=0.5, baseline=False)
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert "learning rate η: 0.5" in label and "baseline (average reward): hidden" in label
    assert f"<title>{label}</title>" in svg


def test_bandit_note_reports_the_run_means_of_the_rl_module():
    bandit = datasets.Bandit(4, means=[1.0, 2.0, 0.0, 1.5], rng=0)
    runs = rl.reinforce_bandit(bandit, steps=60, lr=0.2, baseline=True, n_runs=8, rng=3)
    prob, reward = runs.best_prob.mean(axis=0), runs.rewards.mean(axis=0)
    svg = widgets.bandit_explorer(bandit, steps=60, n_runs=8, seed=3).svg(lr=0.2)
    assert f"P(best) = {prob[-1]:.2f}" in svg
    assert f"reward over the last 50 steps = {reward[-50:].mean():.2f}" in svg


def test_bandit_smoothing_for_display_is_a_trailing_moving_average(rng):
    # a drawing aid of the explorer (the reward curve it draws), not a concept of the course
    x = rng.normal(size=30)
    # reference: np.convolve with a box of 10, valid part, for full windows
    full = np.convolve(x, np.ones(10) / 10, mode="valid")
    np.testing.assert_allclose(_bandit._smooth(x)[9:], full, rtol=1e-12)
    assert _bandit._smooth(x)[0] == pytest.approx(x[0])


def test_bandit_explorer_validates_arguments():
    with pytest.raises(TypeError, match="bandit must be"):
        widgets.bandit_explorer([1.0, 2.0])
    with pytest.raises(ValueError, match="steps must be an integer in"):
        widgets.bandit_explorer(steps=5)
    with pytest.raises(ValueError, match="n_runs must be an integer in"):
        widgets.bandit_explorer(n_runs=0)


# optimiser explorer (chapter 5)
def test_optimizer_note_is_the_path_of_landscapes_run(built):
    for lr in built["optimizer"].controls[1].values[::4]:
        path = landscapes.run(optim.SGD(lr), landscapes.quadratic_grad, [-4.5, 2.0], steps=50)
        svg = built["optimizer"].svg(optimizer="SGD", lr=lr, momentum=0.0)
        if len(path) < 51:
            assert f"diverged after {len(path) - 1} steps" in svg
        else:
            assert f"after 50 steps: loss {landscapes.quadratic(path[-1]):.4g}" in svg


def test_optimizer_opens_at_the_chapters_learning_rate():
    # chapter 5's text and static figure use lr 0.1 and momentum 0: the slider must open there
    explorer = widgets.optimizer_explorer("bowl")
    lr, momentum = explorer.controls[1], explorer.controls[2]
    assert lr.values[lr.default] == 0.1
    assert momentum.values[momentum.default] == 0.0
    assert {0.4, 0.45, 0.5, 0.55} <= set(lr.values)  # the bound 2 / 4 and its neighbours


def test_optimizer_old_landscape_names_still_work():
    new, old = widgets.optimizer_explorer("bowl"), widgets.optimizer_explorer("valley")
    assert new.svg(lr=0.4) == old.svg(lr=0.4)
    two = widgets.optimizer_explorer("two_minima").svg(lr=0.1)
    assert two == widgets.optimizer_explorer("double_well").svg(lr=0.1)


def test_optimizer_legend_names_only_the_path_shown(built):
    sgd = built["optimizer"].svg(optimizer="SGD", lr=0.1, momentum=0.0)
    adam = built["optimizer"].svg(optimizer="Adam", lr=0.1, momentum=0.0)
    assert ">SGD path<" in sgd and ">Adam path<" not in sgd
    assert ">Adam path<" in adam and ">SGD path<" not in adam


# outlier explorer (chapter 3)
def test_outlier_lines_shown_are_models_fit_line():
    x = np.linspace(0.0, 10.0, 20)
    y = 1.0 + 0.5 * x + np.random.default_rng(0).normal(0.0, 0.5, 20)  # the explorer's data
    svg = widgets.outlier_explorer().svg(ox=4.0, oy=13.0)
    for loss, name in (("mse", "MSE"), ("mae", "MAE"), ("huber", "Huber")):
        a, b = models.fit_line(np.append(x, 4.0), np.append(y, 13.0), loss=loss)
        assert f"{name} fit: y = {a:.2f} + {b:.2f} x" in svg


def _legend_texts(svg):
    """Texts of the legend boxes: each box is a white <rect> followed by its rows."""
    row = r"<path[^>]*/>|<text[^>]*>[^<]*</text>"
    boxes = re.findall(
        r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" '
        rf'fill="#fff" fill-opacity="0.9"[^>]*/>((?:{row})*)',
        svg,
    )
    return [
        (float(x), float(w), re.findall(r'<text x="([\d.]+)"[^>]*>([^<]*)</text>', rows))
        for x, w, rows in boxes
    ]


def test_loss_explorer_legends_list_only_the_losses_shown():
    from lossedu.plotting import LABELS

    # chapter 4's call: the regression panel is empty at first
    explorer = widgets.loss_explorer(["binary_cross_entropy_with_logits", "hinge", "focal"])
    svg = explorer.svg()
    labels = [label for _, _, rows in _legend_texts(svg) for _, label in rows]
    assert labels == [LABELS[n] for n in ("binary_cross_entropy_with_logits", "hinge", "focal")]
    for name in ("mse", "mae", "huber", "log_cosh", "barron", "zero_one"):
        assert LABELS[name] not in labels
    assert "no regression loss shown" in svg
    # ticking a loss adds its row to its panel's legend, and the hint goes away
    svg = explorer.svg(show_mse=True, show_hinge=False)
    labels = [label for _, _, rows in _legend_texts(svg) for _, label in rows]
    assert labels == [LABELS["mse"], LABELS["binary_cross_entropy_with_logits"], LABELS["focal"]]
    assert "no regression loss shown" not in svg
    # the precomputed page holds the default legend too
    html = widgets.loss_explorer(["hinge"]).html()
    assert LABELS["hinge"] in html and "no regression loss shown" in html


def test_loss_explorer_legend_boxes_hold_their_longest_label():
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    # reference width: the label set in DejaVu Sans at the legend's 12 px, a wide sans-serif
    font = FontProperties(family="DejaVu Sans", size=12)
    svg = widgets.loss_explorer().svg()
    boxes = _legend_texts(svg)
    assert len(boxes) == 2
    for x, width, rows in boxes:
        for text_x, label in rows:
            text_width = TextPath((0, 0), label, prop=font).get_extents().width
            assert float(text_x) + text_width <= x + width, label
    assert any(label == "logistic (cross-entropy)" for _, _, rows in boxes for _, label in rows)


def test_report_bytes_per_explorer(built, capsys):
    sizes = {n: len(e.html().encode()) for n, e in built.items()}
    with capsys.disabled():
        print("\nfallback bytes:", ", ".join(f"{n} {s}" for n, s in sizes.items()))
    assert all(s < 300_000 for s in sizes.values())


# ---- in a real browser ---------------------------------------------------------------------

CHROMIUM = Path(CHROMIUM_PATH)


@pytest.mark.browser
def test_fallbacks_move_in_headless_chromium(tmp_path, playwright_session):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed")
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
    browser = playwright_session.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
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
    finally:
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


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [
        (lambda: widgets.loss_explorer(None), TypeError, r"losses must be a non-empty list"),
        (lambda: widgets.loss_explorer(5), TypeError, r"losses must be a non-empty list"),
        (lambda: widgets.optimizer_explorer(["valley"]), ValueError, r"landscape must be one"),
        (lambda: widgets.error_explorer(seed=-1), ValueError, r"seed must be an integer >= 0"),
        (lambda: widgets.outlier_explorer(seed=-1), ValueError, r"seed must be an integer"),
        (lambda: widgets.multitask_explorer(seed=-1), ValueError, r"seed must be an integer"),
        (lambda: widgets.threshold_explorer(seed=-1), ValueError, r"seed must be an integer"),
        (lambda: widgets.regularization_explorer(seed=-1), ValueError, r"seed must be"),
        (lambda: widgets.regularization_explorer(seed=1.5), TypeError, r"seed must be an int"),
        (lambda: widgets.bandit_explorer(seed=-1), ValueError, r"seed must be an integer"),
        (lambda: widgets.descent_explorer(None, [1.0, 2.0]), ValueError, r"both x and y"),
        (
            lambda: widgets.outlier_explorer(n=1000),
            ValueError,
            r"n must be an integer in \[3, 200\]",
        ),
    ],
)
def test_explorers_name_the_bad_argument(make, error, match):
    with pytest.raises(error, match=match):
        make()


@pytest.mark.parametrize("scale", [1e200, 1e-300])
def test_descent_explorer_refuses_data_far_from_order_one(scale):
    x, y = np.array([0.0, 1.0, 2.0, 3.0]) * scale, np.array([1.0, 3.0, 4.0, 6.0]) * scale
    with pytest.raises(ValueError, match=r"x and y must lie within \+-1e\+06.*Rescale the data"):
        widgets.descent_explorer(x, y)


def test_descent_explorer_page_is_finite_for_tiny_targets_and_a_perfect_fit():
    # A zero best loss (y = 0 is fitted exactly) and a loss that underflows float64
    # (y of order 1e-300) used to reach the page as log10(0) = -inf.
    for y in ([0.0, 0.0, 0.0, 0.0], [1e-300, 3e-300, 4e-300, 6e-300]):
        page = widgets.descent_explorer([0.0, 1.0, 2.0, 3.0], y).html()
        assert "inf" not in page and "nan" not in page.lower()


def test_outlier_explorer_at_its_largest_n_is_quick():
    # The documented bound: every frame at n = 200 within a few seconds (about 1 s here).
    import time

    start = time.perf_counter()
    widgets.outlier_explorer(n=widgets._outlier.MAX_POINTS).html()
    assert time.perf_counter() - start < 30.0


# cost explorer (chapter 7): the threshold on ROC and PR, and the expected cost


def test_cost_explorer_has_the_two_controls_the_chapter_describes(built):
    assert [c.name for c in built["cost"].controls] == ["threshold", "ratio"]


@pytest.mark.parametrize("threshold, ratio", [(0.3, 5.0), (0.7, 1.0)])
def test_cost_explorer_numbers_are_those_of_model_selection(threshold, ratio):
    from lossedu import model_selection
    from lossedu.widgets._threshold import make_scores

    y, p = make_scores(0)
    svg = widgets.cost_explorer().svg(threshold=threshold, ratio=ratio)
    # costs normalised so that C_FP + C_FN = 1 with C_FN / C_FP = ratio
    c_fp, c_fn = 1 / (1 + ratio), ratio / (1 + ratio)
    shown = float(_note(svg, r"cost at threshold [0-9.]+: ([0-9.]+)"))
    # the rule p >= t counted by hand
    pred = p >= threshold
    by_hand = (c_fp * np.sum(pred & (y == 0)) + c_fn * np.sum(~pred & (y == 1))) / y.size
    assert shown == pytest.approx(by_hand, abs=5.01e-5)  # printed to 4 decimals
    theory = float(_note(svg, r"C_FP/\(C_FP\+C_FN\) = ([0-9.]+)"))
    assert theory == pytest.approx(1 / (1 + ratio), abs=5e-4)  # closed form C_FP/(C_FP+C_FN)
    grid = np.linspace(0.005, 0.995, 199)
    lowest = model_selection.expected_cost(y, p, grid, c_fp=c_fp, c_fn=c_fn).min()
    assert float(_note(svg, r"lowest cost on the grid: ([0-9.]+)")) == pytest.approx(
        lowest, abs=5.01e-5
    )


def test_cost_explorer_validates_its_arguments():
    with pytest.raises(ValueError, match="pass both y_true and probs"):
        widgets.cost_explorer([0, 1])
    with pytest.raises(ValueError, match="only the labels"):
        widgets.cost_explorer([0, 2], [0.2, 0.9])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\]"):
        widgets.cost_explorer([0, 1], [0.2, 1.5])
    with pytest.raises(TypeError, match="seed"):
        widgets.cost_explorer(seed=0.5)


# PPO clip explorer (chapter 10)
def test_ppo_explorer_has_the_three_controls_the_chapter_describes(built):
    assert [c.name for c in built["ppo"].controls] == ["adv", "clip", "ratio"]


@pytest.mark.parametrize(
    ("adv", "ratio", "value", "slope"),
    # closed form: min(rho A, clip(rho, 0.8, 1.2) A) and its slope, A when unclipped else 0
    [(1.0, 1.5, "1.200", "0 (flat"), (1.0, 0.5, "0.500", "1 (pushes"),
     (-1.0, 1.5, "-1.500", "-1 (pushes"), (-1.0, 0.5, "-0.800", "0 (flat")],
)  # fmt: skip
def test_ppo_note_reports_the_clipped_objective_and_its_slope(built, adv, ratio, value, slope):
    svg = built["ppo"].svg(adv=adv, clip=0.2, ratio=ratio)
    assert f"objective {value}, slope {slope}" in svg


# schedule explorer (chapter 5): mini-batch SGD on the line fit with a learning-rate schedule


def test_schedule_explorer_has_the_three_controls_the_chapter_describes(built):
    assert [c.name for c in built["schedule"].controls] == ["kind", "lr", "gamma"]
    assert built["schedule"].controls[0].values == ("constant", "step", "cosine")


def test_schedule_note_is_the_run_of_optim_and_landscapes():
    # the same run written out here: optim.SGD with optim.cosine_schedule on mini-batches
    X, y = datasets.make_regression(64, coef=[1.5], intercept=-1.0, noise_scale=1.0, rng=7)
    A = np.column_stack([X[:, 0], np.ones(64)])
    gen, w = np.random.default_rng(0), np.array([-1.0, 2.0])
    opt, path = optim.SGD(optim.cosine_schedule(0.1, 40)), [w]
    for _ in range(40):
        rows = gen.choice(64, 4, replace=False)
        w = opt.step(w, 2 * A[rows].T @ (A[rows] @ w - y[rows]) / 4)  # closed-form MSE gradient
        path.append(w)
    lowest = np.mean((A @ np.linalg.lstsq(A, y, rcond=None)[0] - y) ** 2)
    tail = np.mean([np.mean((A @ p - y) ** 2) - lowest for p in path[-10:]])
    svg = widgets.schedule_explorer(steps=40).svg(kind="cosine", lr=0.1)
    assert _note(svg, r"last 10 steps: MSE ([0-9.e+-]+) above") == f"{tail:.2g}"


def test_schedule_gamma_changes_only_the_step_schedule(built):
    e = built["schedule"]
    for kind, same in (("constant", True), ("cosine", True), ("step", False)):
        a = _frame(e.svg(kind=kind, gamma=0.1))
        b = _frame(e.svg(kind=kind, gamma=0.5))
        assert (a == b) is same, kind


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"steps": 4}, ValueError, r"steps must be an integer in \[8, 400\]"),
        ({"batch_size": 0}, ValueError, r"batch_size must be an integer in \[1, 64\]"),
        ({"seed": -1}, ValueError, r"seed must be an integer >= 0"),
        ({"steps": 20.5}, TypeError, r"steps must be an integer"),
    ],
)
def test_schedule_explorer_validates_its_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        widgets.schedule_explorer(**kwargs)


# ---- legible at every width, and themable ------------------------------------------------


def test_svg_min_width_keeps_the_smallest_text_at_nine_css_pixels():
    # closed form: text of size s in a viewBox W wide, shown w px wide, is s * w / W px tall
    assert _svg.min_width(760, 12) == 570  # 760 * 9 / 12
    assert _svg.min_width(920, 11) == 753  # ceil(752.7)
    for width, size in ((560, 12), (760, 11), (920, 14)):
        w = _svg.min_width(width, size)
        assert size * w / width >= 9.0 > size * (w - 1) / width


@pytest.mark.parametrize("name", BUILDERS)
def test_fallback_figure_never_renders_its_text_below_nine_pixels(built, name):
    html = built[name].html()
    svg = re.search(r"<svg [^>]*>", html).group(0)
    width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))
    min_px = float(re.search(r"min-width:(\d+)px", svg).group(1))
    # every font size in the figure and in every precomputed frame
    sizes = [float(s) for s in re.findall(r"font-size=.([\d.]+)", html)]
    assert sizes and min(sizes) * min_px / width >= 9.0
    assert float(re.search(r'data-min-font="([\d.]+)"', svg).group(1)) == min(sizes)


@pytest.mark.parametrize("name", BUILDERS)
def test_fallback_ink_follows_the_theme(built, name):
    svg = built[name].svg()
    # the card and the ink can be recoloured by a style sheet; no fixed grey text is left
    assert 'class="lossedu-card"' in svg and 'fill="currentColor"' in svg
    assert 'fill="#555"' not in svg and 'fill="#1a1a1a"' not in svg.split("lossedu-frame")[0]
