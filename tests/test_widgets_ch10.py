"""The bandit explorer of chapter 10: same checks as the other explorers, and its numbers."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest

from lossedu import rl, widgets
from lossedu.datasets import Bandit
from lossedu.widgets import _bandit

ID_RE = re.compile(r"lossedu-[a-z]+-[0-9a-f]{10}-\d+")


@pytest.fixture(scope="module")
def explorer():
    return widgets.bandit_explorer(steps=200, n_runs=20)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_fallback_is_self_contained_labelled_and_small():
    html = widgets.bandit_explorer().html()  # the chapter's default size
    assert html.startswith('<div class="lossedu-explorer" data-explorer="bandit" id="lossedu-')
    assert html.count('<g class="lossedu-frame">') == 1 and html.count("<script>") == 1
    assert len(html.encode()) < 300_000
    assert not re.search(r"https?://|//[a-z]", html, flags=re.IGNORECASE)
    parser = _Tags()
    parser.feed(html)
    labelled = {a["for"] for t, a in parser.tags if t == "label"}
    controls = [a for t, a in parser.tags if t in ("input", "select")]
    assert len(controls) == 2 and all(a["id"] in labelled for a in controls)


def test_svg_has_a_description(explorer):
    svg = explorer.svg(lr=0.5, baseline=False)
    label = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert "learning rate η: 0.5" in label and "baseline (average reward): hidden" in label
    assert f"<title>{label}</title>" in svg


def _frame(svg):
    return re.search(r'<g class="lossedu-frame">(.*)</g>', svg, flags=re.S).group(1)


def test_every_control_changes_the_figure(explorer):
    assert _frame(explorer.svg(lr=0.01)) != _frame(explorer.svg(lr=1.0))
    assert _frame(explorer.svg(baseline=True)) != _frame(explorer.svg(baseline=False))


def test_live_widget_redraws(explorer):
    view, box = widgets.bandit_explorer(steps=50, n_runs=5).widget.children
    for control in box.children:
        before = view.value
        if type(control).__name__ == "Checkbox":
            control.value = not control.value
        else:
            control.value = [v for _, v in control.options][-1]
        assert view.value != before and control.description


def test_identical_across_fresh_processes():
    code = (
        "import hashlib; from lossedu import widgets\n"
        "print(hashlib.sha256(widgets.bandit_explorer(steps=100, n_runs=10).html().encode())"
        ".hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[1]
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert runs[0].returncode == 0 and runs[0].stdout == runs[1].stdout


def test_rebuilding_changes_only_the_ids(explorer):
    a, b = explorer.html(), widgets.bandit_explorer(steps=200, n_runs=20).html()
    assert a != b and ID_RE.sub("ID", a) == ID_RE.sub("ID", b)


def test_curves_are_run_means_and_the_note_reports_them():
    bandit = Bandit(4, means=[1.0, 2.0, 0.0, 1.5], rng=0)
    prob, reward = _bandit.learning_curves(bandit, 0.2, True, 60, 8, 3)
    runs = rl.reinforce_bandit(bandit, steps=60, lr=0.2, baseline=True, n_runs=8, rng=3)
    np.testing.assert_array_equal(prob, runs.best_prob.mean(axis=0))
    np.testing.assert_array_equal(reward, runs.rewards.mean(axis=0))
    svg = widgets.bandit_explorer(bandit, steps=60, n_runs=8, seed=3).svg(lr=0.2)
    assert f"P(best) = {prob[-1]:.2f}" in svg


def test_smoothing_is_a_trailing_moving_average(rng):
    x = rng.normal(size=30)
    # reference: np.convolve with a box of 10, valid part, for full windows
    full = np.convolve(x, np.ones(10) / 10, mode="valid")
    np.testing.assert_allclose(_bandit._smooth(x)[9:], full, rtol=1e-12)
    assert _bandit._smooth(x)[0] == pytest.approx(x[0])


def test_validates_arguments():
    with pytest.raises(TypeError, match="bandit must be"):
        widgets.bandit_explorer([1.0, 2.0])
    with pytest.raises(ValueError, match="steps must be an integer in"):
        widgets.bandit_explorer(steps=5)
    with pytest.raises(ValueError, match="n_runs must be an integer in"):
        widgets.bandit_explorer(n_runs=0)
