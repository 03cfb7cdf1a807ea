"""Tests of lossedu.models: backward passes against central differences, shapes, validation."""

import numpy as np
import pytest

from lossedu import models
from lossedu.gradcheck import check_grad
from lossedu.models import (
    MLP,
    LinearRegression,
    LogisticRegression,
    SoftmaxRegression,
    fit,
)
from lossedu.optim import Adam

MODELS = {
    "linear-1": lambda: LinearRegression(3),
    "linear-2": lambda: LinearRegression(3, n_outputs=2),
    "logistic": lambda: LogisticRegression(3),
    "softmax": lambda: SoftmaxRegression(3, 4),
    "mlp-tanh": lambda: MLP(3, 5, 1, rng=0),
    "mlp-relu": lambda: MLP(3, 5, 2, activation="relu", rng=0),
}


def _randomise(model, rng):
    model.set_params(**{k: rng.normal(size=v.shape) for k, v in model.params.items()})
    return model


def _as_vector_function(model, X, weights):
    """f(theta) = sum(forward(X) * weights), and its gradient through model.backward."""
    shapes = {k: v.shape for k, v in model.params.items()}

    def load(theta):
        start = 0
        for name, shape in shapes.items():
            size = int(np.prod(shape))
            model.params[name] = theta[start : start + size].reshape(shape)
            start += size

    def f(theta):
        load(theta)
        return float(np.sum(model.forward(X) * weights))

    def grad(theta):
        load(theta)
        grads = model.backward(X, weights)
        assert list(grads) == list(shapes)
        return np.concatenate([grads[k].ravel() for k in shapes])

    return f, grad


@pytest.mark.parametrize("name", MODELS)
def test_backward_matches_central_differences(name, rng):
    model = _randomise(MODELS[name](), rng)
    X = rng.normal(size=(6, 3))
    weights = rng.normal(size=model.forward(X).shape)
    f, grad = _as_vector_function(model, X, weights)
    theta = np.concatenate([v.ravel() for v in model.params.values()])
    # Reference: lossedu.gradcheck's central differences.
    assert check_grad(f, grad, theta) < 1e-7


def test_a_subclass_of_model_gets_the_checks_and_bookkeeping():
    class Doubler(models.Model):
        def __init__(self):
            self.n_features, self.params, self.squeeze = 2, {"W": np.zeros((2, 1))}, True

        def forward(self, X):
            return (self.check_X(X) @ self.params["W"])[:, 0]

    model = Doubler().set_params(W=[[2.0], [0.0]])
    np.testing.assert_array_equal(model.forward([[1.0, 5.0]]), [2.0])
    assert model.weight_names == ("W",) and repr(model) == "Doubler()"
    with pytest.raises(ValueError, match=r"X must have shape \(n, 2\)"):
        model.forward([[1.0]])
    with pytest.raises(ValueError, match=r"grad_out must have the shape of forward\(X\), \(1,\)"):
        model.check_grad_out(np.zeros((1, 1)), np.zeros((1, 2)), 1)
    for cls in (LinearRegression, LogisticRegression, SoftmaxRegression, MLP):
        assert issubclass(cls, models.Model)


def test_mlp_fits_a_curve_better_than_a_line():
    rng = np.random.default_rng(0)
    X = rng.uniform(-3, 3, (200, 1))
    y = np.sin(X[:, 0])
    model = MLP(1, 16, 1, rng=0)
    history = fit(model, X, y, loss="mse", optimizer=Adam(0.02), epochs=500, progress=False)
    # Reference: the best straight line, from np.linalg.lstsq.
    line = np.linalg.lstsq(np.c_[X, np.ones(200)], y, rcond=None)[0]
    line_mse = np.mean((np.c_[X, np.ones(200)] @ line - y) ** 2)
    assert history.train_loss[-1] < 0.1 * line_mse


def test_mlp_initialisation_scale():
    tanh = MLP(100, 200, 1, rng=0).params["W1"]
    relu = MLP(100, 200, 1, activation="relu", rng=0).params["W1"]
    # Glorot uniform: limit sqrt(6 / (fan_in + fan_out)); He normal: std sqrt(2 / fan_in).
    assert np.abs(tanh).max() <= np.sqrt(6 / 300)
    assert tanh.std() == pytest.approx(np.sqrt(6 / 300) / np.sqrt(3), rel=0.03)
    assert relu.std() == pytest.approx(np.sqrt(2 / 100), rel=0.03)


def test_predictions_and_shapes():
    X = np.zeros((4, 3))
    assert LinearRegression(3).predict(X).shape == (4,)
    assert LinearRegression(3, n_outputs=2).forward(X).shape == (4, 2)
    np.testing.assert_allclose(LogisticRegression(3).predict_proba(X), 0.5)
    np.testing.assert_array_equal(LogisticRegression(3).predict(X, threshold=0.4), 1)
    np.testing.assert_allclose(SoftmaxRegression(3, 4).predict_proba(X), 0.25)
    assert SoftmaxRegression(3, 4).predict(X).shape == (4,)
    assert MLP(3, 4, 2, rng=0).predict(X).shape == (4, 2)
    assert repr(SoftmaxRegression(3, 4)) == "SoftmaxRegression(n_features=3, n_classes=4)"
    assert MLP(3, 4, 2, rng=0).weight_names == ("W1", "W2")


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: LinearRegression(0), ValueError, "n_features"),
        (lambda: LinearRegression(2.0), TypeError, "n_features"),
        (lambda: SoftmaxRegression(2, 1), ValueError, "n_classes"),
        (lambda: MLP(2, 3, 1, activation="sigmoid"), ValueError, "activation"),
        (lambda: LinearRegression(2).forward(np.zeros((3, 3))), ValueError, r"\(n, 2\)"),
        (lambda: LinearRegression(1).forward(np.zeros(3)), ValueError, "reshape"),
        (lambda: LinearRegression(1).forward([[np.nan]]), ValueError, "NaN"),
        (
            lambda: LinearRegression(2).backward(np.zeros((3, 2)), np.zeros(4)),
            ValueError,
            "grad_out",
        ),
        (lambda: LinearRegression(2).set_params(V=[1.0]), ValueError, "unknown parameter"),
        (lambda: LinearRegression(2).set_params(W=[1.0]), ValueError, "shape"),
        (
            lambda: LogisticRegression(2).predict(np.zeros((1, 2)), threshold=2.0),
            ValueError,
            "threshold",
        ),
    ],
)
def test_model_validation(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_public_names():
    for name in (
        "LinearRegression",
        "LogisticRegression",
        "SoftmaxRegression",
        "MLP",
        "fit",
        "train_step",
        "History",
    ):
        assert hasattr(models, name)
