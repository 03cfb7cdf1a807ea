"""Exercises of chapter 1, "The three steps of machine learning": one training cycle by hand."""

import numpy as np

from lossedu import losses, models, optim
from lossedu.exercises._core import Exercise


def _gradient_reference(x, y, w, b):
    """d MSE / d (w, b) of y_hat = w x + b: the loss's gradient, then the chain rule."""
    g = losses.mse_grad(y, w * x + b)  # d loss / d y_hat_i = 2 (y_hat_i - y_i) / n
    return np.array([np.sum(g * x), np.sum(g)])


def _step_reference(x, y, w, b, lr):
    """One forward -> loss -> backward -> update cycle, done by lossedu.models.train_step."""
    model = models.LinearRegression(1).set_params(W=[[w]], b=[b])
    step = models.train_step(model, x[:, None], y, loss="mse", optimizer=optim.SGD(lr))
    return np.array([step["new_params"]["W"][0, 0], step["new_params"]["b"][0]])


def _line_data(rng: np.random.Generator) -> dict:
    n = int(rng.integers(2, 8))
    return {
        "x": rng.uniform(-3.0, 3.0, n),
        "y": rng.normal(0.0, 3.0, n),
        "w": float(rng.normal()),
        "b": float(rng.normal()),
    }


def _line_data_lr(rng: np.random.Generator) -> dict:
    return {**_line_data(rng), "lr": float(rng.choice([0.01, 0.05, 0.1, 0.3]))}


_X4 = np.array([0.0, 1.0, 2.0, 3.0])
_Y4 = np.array([1.0, 3.0, 4.0, 6.0])

_GRADIENT = Exercise(
    id="1.1",
    title="The gradient of the loss with respect to w and b",
    kind="function",
    prompt=(
        "Write `mse_gradient(x, y, w, b)` that returns the gradient of the mean squared "
        "error of the line $\\hat y = w x + b$, as an array `[dL/dw, dL/db]`. `x` and `y` are "
        "1-D arrays of the same length, `w` and `b` numbers."
    ),
    function_name="mse_gradient",
    args=("x", "y", "w", "b"),
    reference=_gradient_reference,
    cases=(
        {"x": _X4, "y": _Y4, "w": 0.0, "b": 0.0},
        {"x": np.array([1.0, 2.0]), "y": np.array([2.0, 4.0]), "w": 2.0, "b": 0.0},
        {"x": np.array([2.0]), "y": np.array([1.0]), "w": 1.0, "b": 1.0},
    ),
    generate=_line_data,
    n_random=20,
    seed=11,
    hints=(
        "Forward pass first: `y_hat = w * x + b`, then the residuals `r = y_hat - y`.",
        (
            "With $L = \\frac1n \\sum_i r_i^2$: $\\partial L / \\partial w = \\frac2n \\sum_i "
            "r_i x_i$ and $\\partial L / \\partial b = \\frac2n \\sum_i "
            "r_i$. Return `np.array([dw, db])`."
        ),
    ),
    solution=(
        "def mse_gradient(x, y, w, b):\n"
        "    r = w * x + b - y  # residuals of the forward pass\n"
        "    return np.array([2 * np.mean(r * x), 2 * np.mean(r)])\n\n\n"
        'exercises.check("1.1", mse_gradient)'
    ),
    explanation=(
        "The loss's gradient with respect to each prediction is $2 r_i / n$; the chain "
        "rule multiplies it by $\\partial \\hat y_i / \\partial w = x_i$ and "
        "$\\partial \\hat y_i / \\partial b = 1$ and adds over the points."
    ),
    mistakes=(
        lambda x, y, w, b: np.array([np.mean((w * x + b - y) * x), np.mean(w * x + b - y)]),
        lambda x, y, w, b: np.array([2 * np.mean((y - w * x - b) * x), 2 * np.mean(y - w * x - b)]),
        lambda x, y, w, b: np.array([2 * np.sum((w * x + b - y) * x), 2 * np.sum(w * x + b - y)]),
        lambda x, y, w, b: np.array([2 * np.mean(w * x + b - y), 2 * np.mean((w * x + b - y) * x)]),
    ),
)

_STEP = Exercise(
    id="1.2",
    title="One gradient-descent update",
    kind="function",
    prompt=(
        "Write `gd_step(x, y, w, b, lr)` that performs one full cycle (forward pass, MSE, "
        "gradient, update) for the line $\\hat y = w x + b$ and returns the new parameters "
        "as an array `[w_new, b_new]`."
    ),
    function_name="gd_step",
    args=("x", "y", "w", "b", "lr"),
    reference=_step_reference,
    cases=(
        {"x": _X4, "y": _Y4, "w": 0.0, "b": 0.0, "lr": 0.1},
        {"x": np.array([1.0, 2.0]), "y": np.array([2.0, 4.0]), "w": 2.0, "b": 0.0, "lr": 0.5},
    ),
    generate=_line_data_lr,
    n_random=20,
    seed=12,
    hints=(
        "Compute the gradient as in exercise 1.1.",
        "Gradient descent moves *against* the gradient: `w - lr * dw` and `b - lr * db`.",
    ),
    solution=(
        "def gd_step(x, y, w, b, lr):\n"
        "    r = w * x + b - y  # forward pass: residuals\n"
        "    dw, db = 2 * np.mean(r * x), 2 * np.mean(r)  # backward pass\n"
        "    return np.array([w - lr * dw, b - lr * db])  # update\n\n\n"
        'exercises.check("1.2", gd_step)'
    ),
    explanation=(
        "Forward, backward, update, in three lines. The gradient points to where the loss "
        "grows fastest, so a small step against it lowers the loss; `lr` sets how far to "
        "go. This is what `models.train_step` does with `optim.SGD(lr)`."
    ),
    mistakes=(
        lambda x, y, w, b, lr: np.array(
            [w + lr * 2 * np.mean((w * x + b - y) * x), b + lr * 2 * np.mean(w * x + b - y)]
        ),
        lambda x, y, w, b, lr: np.array(
            [lr * 2 * np.mean((w * x + b - y) * x), lr * 2 * np.mean(w * x + b - y)]
        ),
        lambda x, y, w, b, lr: np.array(
            [w - 2 * np.mean((w * x + b - y) * x), b - 2 * np.mean(w * x + b - y)]
        ),
    ),
)


def _loss_after_one_step() -> float:
    model = models.LinearRegression(1)
    models.train_step(model, _X4[:, None], _Y4, loss="mse", optimizer=optim.SGD(0.05))
    return losses.mse(_Y4, model.forward(_X4[:, None]))


_W05, _B05 = 0.05 * 14.5, 0.05 * 7.0  # the update from w = b = 0 (gradient -14.5, -7)

_LOSS_AFTER_STEP = Exercise(
    id="1.3",
    title="The loss after one step with a smaller learning rate",
    kind="value",
    prompt=(
        f"Start again from $w = b = 0$ on the four points `x = {_X4.tolist()}`, "
        f"`y = {_Y4.tolist()}`, but take one gradient-descent step with learning rate 0.05 "
        "instead of 0.1. What is the mean squared error after that step?"
    ),
    reference=_loss_after_one_step,
    rtol=1e-3,
    atol=0.0,
    hints=(
        (
            "The gradient at $w = b = 0$ does not depend on the learning rate: it is the one "
            "computed in the chapter, $(-14.5, -7)$."
        ),
        (
            "The new parameters are $w = 0 - 0.05 \\cdot (-14.5)$ and "
            "$b = 0 - 0.05 \\cdot (-7)$; predict the four points with them and take the mean "
            "of the squared errors."
        ),
    ),
    solution=(
        "x4 = np.array([0.0, 1.0, 2.0, 3.0])\n"
        "y4 = np.array([1.0, 3.0, 4.0, 6.0])\n"
        "w, b = 0 - 0.05 * (-14.5), 0 - 0.05 * (-7.0)  # a step against the gradient\n"
        "answer = losses.mse(y4, w * x4 + b)\n"
        'print(f"w = {w:.3f}, b = {b:.3f}, MSE = {answer:.4f}")\n\n'
        'exercises.check("1.3", answer)'
    ),
    explanation=(
        "The step gives $w = 0.725$ and $b = 0.35$, halfway to the parameters of the "
        "chapter's step. The loss falls from 15.5, but less far than with learning rate "
        "0.1: a smaller step is safer and slower."
    ),
    mistakes=(
        15.5,  # the loss before the step
        float(np.mean((1.45 * _X4 + 0.7 - _Y4) ** 2)),  # the chapter's step, lr 0.1
        float(np.sum((_W05 * _X4 + _B05 - _Y4) ** 2)),  # summed, not averaged
        float(np.mean(np.abs(_W05 * _X4 + _B05 - _Y4))),  # absolute error
    ),
)

EXERCISES = [_GRADIENT, _STEP, _LOSS_AFTER_STEP]
