"""The multi-task explorer: same checks as tests/test_widgets.py, and its numbers."""

import re

import numpy as np
import pytest
from scipy import optimize

from lossedu import multitask, widgets
from lossedu.widgets import _multitask


@pytest.fixture(scope="module")
def explorer():
    return widgets.multitask_explorer()


# The checks every explorer shares (self-contained, labelled, small, deterministic, every
# control moves the figure, the live widget redraws, works in Chromium) run on all exported
# explorers in tests/test_widgets.py; this file checks what is particular to this one.


def test_the_weight_slider_is_labelled_by_task(explorer):
    assert re.search(r'<label for="([^"]+)">weight of task 1', explorer.html())


def test_shown_losses_are_the_weighted_optimum():
    X, y = _multitask.make_problem()
    lam = 0.8
    shown = re.findall(
        r"= 0\.80·([0-9.]+) \+ 0\.20·([0-9.]+)", widgets.multitask_explorer().svg(lam=lam)
    )
    L = multitask.task_mse(y, multitask.weighted_optimum(X, y, [lam, 1 - lam]).forward(X))
    assert [float(v) for v in shown[0]] == pytest.approx(L, abs=6e-4)

    # reference: SciPy's minimiser of the weighted loss over the model's parameters
    model = multitask.SharedLinear(2, 2)

    def objective(theta):
        model.params = {"W1": theta[:2, None], "W2": theta[None, 2:4], "b2": theta[4:]}
        return multitask.weighted_mse(y, model.forward(X), weights=[lam, 1 - lam])

    found = min(optimize.minimize(objective, x0).fun for x0 in np.eye(6)[:3] + 0.5)
    assert lam * L[0] + (1 - lam) * L[1] == pytest.approx(found, rel=1e-6)


def test_validates_its_arguments():
    with pytest.raises(ValueError, match="pass both X and y"):
        widgets.multitask_explorer(np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        widgets.multitask_explorer(np.zeros((3, 2)), np.zeros((3, 3)))
