"""The gradient-descent explorer of chapter 1: a well-formed fallback, and the right numbers."""

import numpy as np
import pytest

from lossedu import models, optim, widgets
from lossedu.widgets import _descent

X, Y = np.array(_descent.X_DEFAULT), np.array(_descent.Y_DEFAULT)


@pytest.fixture(scope="module")
def explorer():
    return widgets.descent_explorer()


# The checks every explorer shares (self-contained, labelled, small, deterministic, every
# control moves the figure, the live widget redraws, works in Chromium) run on all exported
# explorers in tests/test_widgets.py; this file checks what is particular to this one.


def test_has_the_two_controls_the_chapter_describes(explorer):
    assert len(explorer.controls) == 2


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
