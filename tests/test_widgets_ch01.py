"""The gradient-descent explorer of chapter 1: a well-formed fallback, and the right numbers."""

import re
from html.parser import HTMLParser

import numpy as np
import pytest

from lossedu import models, optim, widgets
from lossedu.widgets import _descent

X, Y = np.array(_descent.X_DEFAULT), np.array(_descent.Y_DEFAULT)


@pytest.fixture(scope="module")
def explorer():
    return widgets.descent_explorer()


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _frame(svg):
    return re.search(r'<g class="lossedu-frame">(.*)</g>', svg, flags=re.S).group(1)


def test_fallback_is_self_contained_labelled_and_small(explorer):
    html = explorer.html()
    assert html.startswith('<div class="lossedu-explorer" data-explorer="descent" id="lossedu-')
    assert html.count("<script>") == 1 and len(html.encode()) < 300_000
    assert not re.search(r"https?://", html)
    parser = _Tags()
    parser.feed(html)
    labelled = {a["for"] for t, a in parser.tags if t == "label"}
    inputs = [a for t, a in parser.tags if t == "input"]
    assert len(inputs) == 2 and all(a["id"] in labelled for a in inputs)


def test_fallback_is_deterministic_up_to_the_id(explorer):
    pattern = re.compile(r"lossedu-descent-[0-9a-f]{10}-\d+")
    again = widgets.descent_explorer().html()
    assert pattern.sub("ID", again) == pattern.sub("ID", explorer.html())


def test_every_control_changes_the_figure(explorer):
    for control in explorer.controls:
        a = _frame(explorer.svg(**{control.name: control.values[0]}))
        b = _frame(explorer.svg(**{control.name: control.values[-1]}))
        assert a != b, control.name


def test_live_widget_redraws(explorer):
    view, box = widgets.descent_explorer().widget.children
    for control in box.children:
        before = view.value
        control.value = [v for _, v in control.options][-1]
        assert view.value != before


def test_first_step_matches_the_hand_computation():
    # by hand: residuals -y = (-1, -3, -4, -6); dMSE/dw = 2 mean(r x) = -14.5,
    # dMSE/db = 2 mean(r) = -7; with lr 0.1: w = 1.45, b = 0.7
    np.testing.assert_allclose(_descent.descent_path(X, Y, 0.1, 1)[1], [1.45, 0.7], rtol=1e-12)


@pytest.mark.parametrize("lr", [0.05, 0.2])
def test_path_matches_train_step_of_the_models_module(lr):
    model, sgd = models.LinearRegression(1), optim.SGD(lr)
    path = _descent.descent_path(X, Y, lr, 15)
    for t in range(15):
        models.train_step(model, X[:, None], Y, loss="mse", optimizer=sgd)
        got = [model.params["W"][0, 0], model.params["b"][0]]
        np.testing.assert_allclose(path[t + 1], got, rtol=1e-10, atol=1e-12)


def test_converges_to_least_squares_below_the_stability_bound_and_diverges_above():
    # gradient descent on a quadratic is stable iff lr < 2 / largest Hessian eigenvalue
    hessian = 2.0 * np.array([[np.mean(X**2), np.mean(X)], [np.mean(X), 1.0]])
    bound = 2.0 / np.linalg.eigvalsh(hessian).max()
    assert 0.23 < bound < 0.25  # the explorer's grid straddles it
    slope, intercept = np.polyfit(X, Y, 1)  # the least-squares line, from NumPy
    np.testing.assert_allclose(
        _descent.descent_path(X, Y, 0.2, 400)[-1], [slope, intercept], rtol=1e-9
    )
    far = _descent.descent_path(X, Y, 0.3, 200)
    assert np.all(np.isfinite(far)) and np.max(np.abs(far[-1])) > 1e6


def test_validates_its_arguments():
    with pytest.raises(ValueError, match="steps must be an integer"):
        widgets.descent_explorer(steps=0)
    with pytest.raises(ValueError, match="same shape"):
        widgets.descent_explorer([0.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="two distinct values"):
        widgets.descent_explorer([1.0, 1.0], [1.0, 2.0])
