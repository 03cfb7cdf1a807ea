"""Exercises of chapter 0, "How to use this course": one function, one value."""

from functools import partial

import numpy as np

from lossedu import losses
from lossedu.exercises._core import Exercise, Mistake


def _two_arrays(rng: np.random.Generator) -> dict:
    """A random (y_true, y_pred) pair: 1-D of length 1-6 or 2-D up to 3 x 3."""
    shape = (int(rng.integers(1, 7)),) if rng.random() < 0.7 else tuple(rng.integers(2, 4, 2))
    return {"y_true": rng.normal(0.0, 3.0, shape), "y_pred": rng.normal(0.0, 3.0, shape)}


_SQUARED_ERROR = Exercise(
    id="0.1",
    title="Squared error, one value per point",
    kind="function",
    prompt=(
        "Write `squared_error(y_true, y_pred)` that returns the squared error "
        "$(\\hat y_i - y_i)^2$ of every prediction, as an array with the shape of the "
        "inputs. `y_true` and `y_pred` are NumPy arrays of the same shape."
    ),
    function_name="squared_error",
    args=("y_true", "y_pred"),
    reference=partial(losses.mse, reduction="none"),
    cases=(
        {"y_true": np.array([1.0, 2.0, 3.0]), "y_pred": np.array([1.0, 2.0, 3.0])},
        {"y_true": np.array([0.0]), "y_pred": np.array([3.0])},
        {"y_true": np.array([1.0, -2.0]), "y_pred": np.array([0.5, 1.0])},
        {
            "y_true": np.array([[1.0, 2.0], [3.0, 4.0]]),
            "y_pred": np.array([[2.0, 2.0], [0.0, 4.5]]),
        },
    ),
    generate=_two_arrays,
    n_random=20,
    seed=1,
    rtol=1e-7,
    atol=1e-10,
    hints=(
        (
            "The error of one prediction is `y_pred - y_true`. NumPy subtracts two arrays of "
            "the same shape element by element, so one expression computes every error at once."
        ),
        (
            "Square the differences with `** 2` and return that array. Do not sum or average "
            "it: one number per data point is an *error*; the average over the data set would "
            "be a *loss* (chapter 2)."
        ),
    ),
    solution=(
        "def squared_error(y_true, y_pred):\n"
        "    return (y_pred - y_true) ** 2\n\n\n"
        'exercises.check("0.1", squared_error)'
    ),
    explanation=(
        "NumPy arithmetic works element by element, so the result keeps the inputs' shape: "
        "one squared error per prediction. Its mean is the mean squared error of section "
        '1, and `losses.mse(y_true, y_pred, reduction="none")` returns exactly this array.'
    ),
    mistakes=(
        Mistake(
            lambda y_true, y_pred: y_pred - y_true,
            "These are the errors themselves: each one still needs to be squared.",
        ),
        lambda y_true, y_pred: np.abs(y_pred - y_true),  # absolute instead of squared error
        Mistake(
            lambda y_true, y_pred: np.mean((y_pred - y_true) ** 2),
            "This is one number for all the points (their mean squared error); the exercise "
            "asks for one squared error per point, an array shaped like the inputs.",
        ),
    ),
)

# The data of exercise 0.2, stated in its prompt.
_Y_TRUE = np.array([1.0, 2.0, 4.0])
_Y_PRED = np.array([1.5, 2.0, 3.0])
_ERRORS = _Y_PRED - _Y_TRUE

_MSE_VALUE = Exercise(
    id="0.2",
    title="The mean squared error of three predictions",
    kind="value",
    prompt=(
        f"Three points have targets `y_true = {_Y_TRUE.tolist()}` and predictions "
        f"`y_pred = {_Y_PRED.tolist()}`. What is their mean squared error? Give a number "
        "with at least four significant digits, or compute it in code."
    ),
    reference=lambda: losses.mse(_Y_TRUE, _Y_PRED),
    rtol=1e-3,
    atol=0.0,
    hints=(
        "Start with the three errors `y_pred - y_true`, one per point.",
        (
            "Square each error, add the three squares, and divide by 3, the number of points. "
            "In code, `**` squares every element of an array and `np.mean` averages them."
        ),
    ),
    solution=(
        "y_true = np.array([1.0, 2.0, 4.0])\n"
        "y_pred = np.array([1.5, 2.0, 3.0])\n"
        "answer = np.mean((y_pred - y_true) ** 2)\n\n"
        'exercises.check("0.2", answer)'
    ),
    explanation=(
        "The errors are 0.5, 0 and $-1$; their squares 0.25, 0 and 1 add up to 1.25, and "
        "divided by the three points this gives 0.4167."
    ),
    mistakes=(
        Mistake(
            float(np.sum(_ERRORS**2)),
            "This is the sum of the squared errors: the mean divides it by the number of points.",
        ),
        float(np.mean(np.abs(_ERRORS))),  # mean absolute error
        Mistake(
            float(np.sqrt(np.mean(_ERRORS**2))),
            "This looks like the root of the mean squared error (RMSE): leave out the square root.",
        ),
        float(np.mean(_ERRORS)),  # errors averaged before squaring
    ),
)

EXERCISES = [_SQUARED_ERROR, _MSE_VALUE]

# Each learning objective of the chapter (the bullet as written, whitespace collapsed) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "open a chapter in the way that suits you (website, Binder or a local Jupyter) and run "
        "it top to bottom;",
        ("0.q1", "0.q6"),
    ),
    (
        "compute a {term}`loss` with `lossedu` and read its formula next to the code;",
        ("0.1", "0.2"),
    ),
    (
        "use an explorer, live in Jupyter or precomputed on the website;",
        ("0.q3", "0.q4"),
    ),
    (
        "solve an exercise, check it with `exercises.check`, and ask for a hint or the solution;",
        ("0.1", "0.2", "0.q2"),
    ),
    (
        "answer the questions on each page and find your progress, which stays in your browser.",
        ("0.q5",),
    ),
)
