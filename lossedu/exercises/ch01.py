"""Exercises of chapter 1, "The three steps of machine learning": one training cycle by hand."""

import numpy as np

from lossedu import losses, models, optim
from lossedu.exercises._core import Exercise, Mistake


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
# The same four points as integers: an answer that builds its result with np.zeros_like(x) or
# updates an integer array in place truncates or crashes on them.
_X4_INT = np.array([0, 1, 2, 3])
_Y4_INT = np.array([1, 3, 4, 6])

_GRADIENT = Exercise(
    id="1.1",
    title="The gradient of the loss with respect to w and b",
    kind="function",
    prompt=(
        "Write `mse_gradient(x, y, w, b)` that returns the gradient of the mean squared "
        "error of the line $\\hat y = w x + b$, as an array `[dL/dw, dL/db]`. `x` and `y` are "
        "1-D arrays of the same length, `w` and `b` numbers. On the four points of section 4 "
        "with $w = b = 0$ it should give `[-14.5, -7.0]`. Checked to a relative tolerance of "
        "$10^{-6}$."
    ),
    function_name="mse_gradient",
    args=("x", "y", "w", "b"),
    reference=_gradient_reference,
    cases=(
        {"x": _X4, "y": _Y4, "w": 0.0, "b": 0.0},
        {"x": np.array([1.0, 2.0]), "y": np.array([2.0, 4.0]), "w": 2.0, "b": 0.0},
        {"x": np.array([2.0]), "y": np.array([1.0]), "w": 1.0, "b": 1.0},
        {"x": _X4_INT, "y": _Y4_INT, "w": 0, "b": 0},
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
        Mistake(
            lambda x, y, w, b: np.array([np.mean((w * x + b - y) * x), np.mean(w * x + b - y)]),
            "Half the expected gradient: the derivative of $r^2$ is $2r$; did the factor 2 "
            "go missing?",
        ),
        Mistake(
            lambda x, y, w, b: np.array(
                [2 * np.mean((y - w * x - b) * x), 2 * np.mean(y - w * x - b)]
            ),
            "The sign is flipped: this gradient uses the residuals $y - \\hat y$. The "
            "loss grows when $\\hat y$ moves away from $y$, so use $r = \\hat y - y$.",
        ),
        Mistake(
            lambda x, y, w, b: np.array(
                [2 * np.sum((w * x + b - y) * x), 2 * np.sum(w * x + b - y)]
            ),
            "$n$ times too large: this is the gradient of the *sum* of squared errors; the "
            "mean divides by $n$.",
        ),
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
        "as an array `[w_new, b_new]`. On the four points of section 4 with $w = b = 0$ and "
        "`lr=0.1` it should give `[1.45, 0.7]`. Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="gd_step",
    args=("x", "y", "w", "b", "lr"),
    reference=_step_reference,
    cases=(
        {"x": _X4, "y": _Y4, "w": 0.0, "b": 0.0, "lr": 0.1},
        {"x": np.array([1.0, 2.0]), "y": np.array([2.0, 4.0]), "w": 2.0, "b": 0.0, "lr": 0.5},
        {"x": np.array([1.0, 2.0]), "y": np.array([1.0, 2.0]), "w": 0.0, "b": 0.0, "lr": 0.25},
        {"x": _X4_INT, "y": _Y4_INT, "w": 0, "b": 0, "lr": 0.1},
    ),
    generate=_line_data_lr,
    n_random=20,
    seed=12,
    hints=(
        "Compute the gradient as in exercise 1.1.",
        "Gradient descent moves *against* the gradient, by the learning rate times the gradient. "
        "Which sign does that put in front of the step?",
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
        Mistake(
            lambda x, y, w, b, lr: np.array(
                [w + lr * 2 * np.mean((w * x + b - y) * x), b + lr * 2 * np.mean(w * x + b - y)]
            ),
            "The parameters moved *with* the gradient, uphill: check the sign of the update. "
            "The gradient points to where the loss grows fastest.",
        ),
        Mistake(
            lambda x, y, w, b, lr: np.array(
                [lr * 2 * np.mean((w * x + b - y) * x), lr * 2 * np.mean(w * x + b - y)]
            ),
            "This looks like the step $\\eta \\nabla L$ alone: the new parameters start from "
            "the current `w` and `b`.",
        ),
        Mistake(
            lambda x, y, w, b, lr: np.array(
                [w - 2 * np.mean((w * x + b - y) * x), b - 2 * np.mean(w * x + b - y)]
            ),
            "The step ignores `lr`: it moves by the whole gradient, as if the learning rate "
            "were 1.",
        ),
    ),
)


def _loss_after_one_step() -> float:
    model = models.LinearRegression(1)
    models.train_step(model, _X4[:, None], _Y4, loss="mse", optimizer=optim.SGD(0.05))
    return losses.mse(_Y4, model.forward(_X4[:, None]))


_W05, _B05 = 0.05 * 14.5, 0.05 * 7.0  # the update from w = b = 0 (gradient -14.5, -7)
_LOSS_BEFORE = losses.mse(
    _Y4, np.zeros_like(_Y4)
)  # the loss at w = b = 0, which the chapter prints

_LOSS_AFTER_STEP = Exercise(
    id="1.3",
    title="The loss after one step with a smaller learning rate",
    kind="value",
    prompt=(
        f"Start again from $w = b = 0$ on the four points `x = {_X4.tolist()}`, "
        f"`y = {_Y4.tolist()}`, but take one gradient-descent step with learning rate 0.05 "
        "instead of 0.1. What is the mean squared error after that step? Your number is "
        "accepted within 0.1 % of the right one (relative tolerance $10^{-3}$)."
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
        Mistake(
            _LOSS_BEFORE,
            "This is the loss *before* the step, at $w = b = 0$: take the step first, then "
            "score the new line.",
        ),
        Mistake(
            float(np.mean((1.45 * _X4 + 0.7 - _Y4) ** 2)),
            "This is the loss after the chapter's step with learning rate 0.1; the exercise "
            "takes a step with 0.05.",
        ),
        Mistake(
            float(np.sum((_W05 * _X4 + _B05 - _Y4) ** 2)),
            "Four times too large: this is the *sum* of the squared errors; the MSE divides it "
            "by the number of points.",
        ),
        Mistake(
            float(np.mean((-_W05 * _X4 - _B05 - _Y4) ** 2)),
            "The loss went up: the step moved the parameters *with* the gradient. Subtract "
            "the learning rate times the gradient.",
        ),
        float(np.mean(np.abs(_W05 * _X4 + _B05 - _Y4))),  # absolute error
    ),
)


def _steps_to_converge(curve, loss_min, tol):
    """The first step from which the loss stays within tol of loss_min; -1 if it ends outside."""
    inside = np.abs(np.asarray(curve, dtype=float) - loss_min) <= tol
    if not inside[-1]:
        return -1
    outside = np.flatnonzero(~inside)
    return int(outside[-1]) + 1 if outside.size else 0


def _descent_curve(lr: float, steps: int) -> np.ndarray:
    """The MSE before and after each of `steps` gradient-descent steps on the four points."""
    model = models.LinearRegression(1)
    history = models.fit(
        model, _X4[:, None], _Y4, loss="mse", optimizer=optim.SGD(lr), epochs=steps, progress=False
    )
    return np.array([_LOSS_BEFORE, *history.train_loss])


def _noisy_curve(rng: np.random.Generator) -> dict:
    """A loss curve that shrinks (or grows) geometrically towards loss_min, with some noise."""
    steps = int(rng.integers(5, 40))
    loss_min = float(np.round(rng.uniform(0.0, 1.0), 2))
    factor = float(rng.choice([rng.uniform(0.5, 0.95), rng.uniform(1.02, 1.2)]))
    excess = rng.uniform(1.0, 10.0) * factor ** np.arange(steps + 1)
    excess *= np.exp(rng.normal(0.0, 0.3, steps + 1))  # mini-batch noise: ups and downs
    return {"curve": np.round(loss_min + excess, 4), "loss_min": loss_min, "tol": 0.05}


def _first_inside(curve, loss_min, tol):
    """The first step within tol, whether or not the loss stays there."""
    inside = np.abs(np.asarray(curve, dtype=float) - loss_min) <= tol
    return int(np.argmax(inside)) if inside.any() else -1


_CURVE_01 = _descent_curve(0.1, 25)  # the chapter's curve for learning rate 0.1

_STEPS = Exercise(
    id="1.4",
    title="How many steps until the loss settles?",
    kind="function",
    prompt=(
        "Write `steps_to_converge(curve, loss_min, tol)` that reads a loss curve and returns "
        "the first step from which the loss stays within `tol` of the lowest possible loss "
        "`loss_min`, that is, the smallest `t` with `abs(curve[s] - loss_min) <= tol` for every "
        "`s >= t`, or `-1` if the last loss is not within `tol` (the run has not settled: it "
        "is too slow for its budget of steps, or it diverges). `curve[0]` is the loss before "
        "the first step, so the answer counts steps. On the curve of learning rate 0.1 of "
        "section 5, with `loss_min=0.05` and `tol=0.005`, it should give "
        f"{_steps_to_converge(_CURVE_01, 0.05, 0.005)}. The answer is an integer and must "
        "match exactly."
    ),
    function_name="steps_to_converge",
    args=("curve", "loss_min", "tol"),
    reference=_steps_to_converge,
    cases=(
        {"curve": _CURVE_01, "loss_min": 0.05, "tol": 0.005},
        {"curve": np.array([4.0, 2.0, 1.0, 1.0]), "loss_min": 1.0, "tol": 0.0},
        {"curve": np.array([4.0, 1.0, 3.0, 1.5, 1.2]), "loss_min": 1.0, "tol": 0.5},
        {"curve": np.array([1.0, 2.0, 4.0, 8.0]), "loss_min": 0.0, "tol": 0.5},
        {"curve": np.array([1.0, 1.0]), "loss_min": 1.0, "tol": 0.1},
    ),
    generate=_noisy_curve,
    n_random=20,
    seed=14,
    hints=(
        (
            "First mark, for every step, whether the loss is within `tol` of `loss_min`: one "
            "boolean array. What must be true of its last entry?"
        ),
        (
            "The loss has settled *after* the last step that is outside the band. "
            "`np.flatnonzero` lists the positions of the `True` entries of an array; think "
            "about the case where no step is outside."
        ),
    ),
    solution=(
        "def steps_to_converge(curve, loss_min, tol):\n"
        "    inside = np.abs(np.asarray(curve, dtype=float) - loss_min) <= tol\n"
        "    if not inside[-1]:\n"
        "        return -1  # not settled within the budget: too slow, or diverging\n"
        "    outside = np.flatnonzero(~inside)\n"
        "    return int(outside[-1]) + 1 if outside.size else 0\n\n\n"
        'exercises.check("1.4", steps_to_converge)'
    ),
    explanation=(
        "A loss can dip into the band and leave it again (noisy mini-batches, momentum), so "
        "the step that counts is the one after the last exit. On the four curves of section 5 "
        "it gives $-1$ for 0.02, 15 for 0.1, 12 for 0.2 and $-1$ for 0.25. The two $-1$ mean "
        "different things: with 0.02 the loss is still falling after 25 steps (it settles at "
        "step 75 of a longer run), with 0.25 it grows at every step. The count measures the "
        "speed; the direction of the curve tells a slow run from a diverging one."
    ),
    mistakes=(
        Mistake(
            _first_inside,
            "This looks like the first step at which the loss *enters* the band; the exercise "
            "asks for the step from which it *stays* there. A curve can dip in and out.",
        ),
        Mistake(
            lambda curve, loss_min, tol: (
                -1 if (s := _steps_to_converge(curve, loss_min, tol)) < 0 else s + 1
            ),
            "Off by one: `curve[0]` is the loss before any step, so it is step 0.",
        ),
        Mistake(
            lambda curve, loss_min, tol: (
                len(curve) if (s := _steps_to_converge(curve, loss_min, tol)) < 0 else s
            ),
            "A run that never settles should give `-1`, not the length of the curve.",
        ),
        lambda curve, loss_min, tol: _steps_to_converge(curve, 0.0, tol),  # loss_min ignored
    ),
)

EXERCISES = [_GRADIENT, _STEP, _LOSS_AFTER_STEP, _STEPS]

# Each learning objective of the chapter (as in its Learning objectives cell) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "name the three steps of supervised learning ({term}`model family`, loss, optimiser) "
        "and the main consideration that comes with each (complexity; informative gradients "
        "and {term}`convexity` in the parameters; convergence speed);",
        ("1.q1", "1.q3", "1.q4"),
    ),
    (
        "explain the loss as a referee: one number that scores a model's predictions, higher "
        "is worse;",
        ("1.q2",),
    ),
    (
        "say where the loss sits in training: after the {term}`forward pass`, with its "
        "{term}`gradient` starting the {term}`backward pass`;",
        ("1.q5", "1.1"),
    ),
    (
        "carry out one forward → loss → backward → update cycle by hand and check the gradient "
        "numerically;",
        ("1.1", "1.2", "1.3", "1.q6"),
    ),
    (
        "recognise a {term}`learning rate` that is too small, about right, or too large from "
        "the {term}`loss curve`.",
        ("1.4", "1.q7", "1.q8"),
    ),
)
