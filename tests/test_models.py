"""Tests of lossedu.models: backward passes against central differences, shapes, validation."""

import numpy as np
import pytest

from lossedu import losses, models
from lossedu.gradcheck import check_grad
from lossedu.models import (
    MLP,
    LinearRegression,
    LogisticRegression,
    SoftmaxRegression,
    fit,
)
from lossedu.optim import SGD, Adam
from lossedu.training import train_step

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


# --- fit_line: the exact line fits of MSE, MAE and Huber ------------------------------------


sk_linear = pytest.importorskip("sklearn.linear_model")


def _line_data(rng, n=15):
    x = np.linspace(0, 10, n)
    y = 1.0 + 0.5 * x + rng.normal(0, 0.5, n)
    y[-1] += 9.0  # an outlier
    return x, y


def test_fit_line_mse_matches_numpy_and_scikit_learn(rng):
    x, y = _line_data(rng)
    slope, intercept = np.polyfit(x, y, 1)  # reference: NumPy least squares
    assert models.fit_line(x, y, loss="mse") == pytest.approx((intercept, slope), rel=1e-10)
    ref = sk_linear.LinearRegression().fit(x[:, None], y)  # reference: scikit-learn
    assert models.fit_line(x, y) == pytest.approx((ref.intercept_, ref.coef_[0]), rel=1e-10)


@pytest.mark.parametrize("n", [15, 16, 200])
def test_fit_line_mae_matches_a_linear_program(rng, n):
    linprog = pytest.importorskip("scipy.optimize").linprog
    x, y = _line_data(rng, n)
    # reference: LAD as an LP in (a, b, e): minimise sum e with -e <= y - a - b x <= e
    cost = np.concatenate([[0, 0], np.ones(n)])
    design = np.column_stack([np.ones(n), x])
    a_ub = np.block([[-design, -np.eye(n)], [design, -np.eye(n)]])
    res = linprog(
        cost, A_ub=a_ub, b_ub=np.concatenate([-y, y]), bounds=[(None, None)] * 2 + [(0, None)] * n
    )
    a, b = models.fit_line(x, y, loss="mae")
    assert np.abs(y - a - b * x).sum() == pytest.approx(res.fun, rel=1e-9)
    # an optimal vertex: the line passes through (at least) two of the points
    assert np.sum(np.abs(y - a - b * x) < 1e-9 * (1 + np.abs(y))) >= 2


def test_fit_line_mae_matches_scikit_learn_median_regression(rng):
    x, y = _line_data(rng, 40)
    # reference: scikit-learn's QuantileRegressor at the median, unpenalised, solved by HiGHS;
    # the LAD line may not be unique, so the mean absolute errors are compared
    ref = sk_linear.QuantileRegressor(quantile=0.5, alpha=0.0, solver="highs").fit(x[:, None], y)
    best = np.mean(np.abs(y - ref.predict(x[:, None])))
    a, b = models.fit_line(x, y, loss="mae")
    assert np.mean(np.abs(y - a - b * x)) == pytest.approx(best, rel=1e-9)


@pytest.mark.parametrize("delta", [0.5, 1.5])
def test_fit_line_huber_matches_scipy(rng, delta):
    optimize = pytest.importorskip("scipy.optimize")
    x, y = _line_data(rng)
    # reference 1: SciPy's 'huber' rho on squared residuals / f_scale**2 is 2 * huber / delta**2
    res = optimize.least_squares(
        lambda c: y - c[0] - c[1] * x,
        x0=[0.0, 0.0],
        loss="huber",
        f_scale=delta,
        xtol=1e-15,
        ftol=1e-15,
        gtol=1e-15,
    )
    got = models.fit_line(x, y, loss="huber", delta=delta)
    assert got == pytest.approx(tuple(res.x), abs=1e-7)

    # reference 2: BFGS on the mean Huber loss written out (0.5 r^2 inside, delta (|r| - delta/2)
    # outside), which is what the function minimises
    def objective(c):
        r = np.abs(y - c[0] - c[1] * x)
        return np.mean(np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta)))

    found = optimize.minimize(objective, [0.0, 0.0], method="BFGS", options={"gtol": 1e-12})
    assert got == pytest.approx(tuple(found.x), abs=1e-5)
    assert objective(got) <= found.fun + 1e-12


def test_fit_line_huber_lies_between_mse_and_mae_for_an_outlier(rng):
    x, y = _line_data(rng)
    slopes = {loss: models.fit_line(x, y, loss=loss)[1] for loss in ("mse", "mae", "huber")}
    # the outlier at the right end pulls the slope up: least squares most, LAD least
    assert slopes["mae"] <= slopes["huber"] <= slopes["mse"]


def test_gradient_descent_converges_to_fit_line_below_the_stability_bound_and_diverges_above():
    # chapter 1's four points; the descent explorer straddles the bound with its learning rates
    x, y = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 4.0, 6.0])
    # gradient descent on a quadratic is stable iff lr < 2 / largest Hessian eigenvalue
    hessian = 2.0 * np.array([[np.mean(x**2), np.mean(x)], [np.mean(x), 1.0]])
    bound = 2.0 / np.linalg.eigvalsh(hessian).max()
    assert 0.23 < bound < 0.25
    intercept, slope = models.fit_line(x, y)
    for lr, steps in ((0.2, 400), (0.3, 200)):
        model, sgd = LinearRegression(1), SGD(lr)
        for _ in range(steps):
            train_step(model, x[:, None], y, loss="mse", optimizer=sgd)
        w, b = model.params["W"][0, 0], model.params["b"][0]
        if lr < bound:
            np.testing.assert_allclose([w, b], [slope, intercept], rtol=1e-9)
        else:
            assert np.isfinite(w) and max(abs(w), abs(b)) > 1e6


def test_fit_line_does_not_modify_its_inputs(rng):
    x, y = _line_data(rng)
    x0, y0 = x.copy(), y.copy()
    for loss in ("mse", "mae", "huber"):
        models.fit_line(x, y, loss=loss)
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(y, y0)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (([0.0, 1.0], [1.0, 2.0, 3.0]), {}, ValueError, "same shape"),
        (([[0.0, 1.0]], [[1.0, 2.0]]), {}, ValueError, "1-D"),
        (([1.0, 1.0], [1.0, 2.0]), {}, ValueError, "two distinct values"),
        (([0.0, 1.0], [1.0, np.nan]), {}, ValueError, "y"),
        (([0.0, 1.0], [1.0, 2.0]), {"loss": "l2"}, ValueError, "loss must be one of 'mse'"),
        (([0.0, 1.0], [1.0, 2.0]), {"loss": "huber", "delta": 0.0}, ValueError, "delta"),
        (("ab", [1.0, 2.0]), {}, TypeError, "x"),
    ],
)
def test_fit_line_bad_input(args, kwargs, error, match):
    with pytest.raises(error, match=match):
        models.fit_line(*args, **kwargs)


@pytest.mark.parametrize("lr", [0.05, 0.2])
def test_train_step_path_equals_landscapes_run_on_the_backward_gradient(lr):
    # the descent explorer runs landscapes.run on the gradient that forward, losses.mse_grad
    # and backward give; chapter 1 runs train_step: the two paths must be the same
    from lossedu import landscapes

    x, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([1.0, 3.0, 4.0, 6.0])
    line = LinearRegression(1)

    def grad(theta):
        line.set_params(W=[[theta[0]]], b=[theta[1]])
        grads = line.backward(x, losses.mse_grad(y, line.forward(x)))
        return np.array([grads["W"][0, 0], grads["b"][0]])

    path = landscapes.run(SGD(lr), grad, [0.0, 0.0], steps=15)
    model, sgd = LinearRegression(1), SGD(lr)
    for t in range(15):
        train_step(model, x, y, loss="mse", optimizer=sgd)
        got = [model.params["W"][0, 0], model.params["b"][0]]
        np.testing.assert_allclose(path[t + 1], got, rtol=1e-10, atol=1e-12)


# fit_mean_variance_line: Gaussian maximum likelihood with a linear mean and log-variance.
def _mean_variance_nll(params, x, y):
    a, b, c, d = params
    eta = c + d * x
    return np.mean(0.5 * (eta + (y - a - b * x) ** 2 * np.exp(-eta)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fit_mean_variance_line_matches_scipy_minimize(seed):
    optimize = pytest.importorskip("scipy.optimize")
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1.0, 3.0, 80)
    y = 0.3 - 0.7 * x + np.exp(0.5 * (-1.0 + 0.8 * x)) * rng.normal(size=80)
    got = np.array(models.fit_mean_variance_line(x, y))
    # Independent reference: SciPy's BFGS on the same negative log-likelihood.
    ref = optimize.minimize(
        _mean_variance_nll, np.zeros(4), args=(x, y), method="BFGS", options={"gtol": 1e-10}
    )
    np.testing.assert_allclose(got, ref.x, atol=1e-4)
    assert _mean_variance_nll(got, x, y) <= ref.fun + 1e-10


def test_fit_mean_variance_line_equals_lossedu_gaussian_nll_minimum():
    rng = np.random.default_rng(4)
    x = rng.uniform(0.0, 2.0, 50)
    y = 1.0 + x + (0.2 + x) * rng.normal(size=50)
    a, b, c, d = models.fit_mean_variance_line(x, y)
    best = losses.gaussian_nll(y, a + b * x, var=np.exp(c + d * x))
    # Any nudge of a parameter raises the loss: the result is a minimum of gaussian_nll.
    for k in range(4):
        for h in (1e-3, -1e-3):
            p = np.array([a, b, c, d])
            p[k] += h
            assert losses.gaussian_nll(y, p[0] + p[1] * x, var=np.exp(p[2] + p[3] * x)) > best


def test_fit_mean_variance_line_with_constant_noise_gives_least_squares_mean():
    rng = np.random.default_rng(5)
    x = rng.uniform(0.0, 1.0, 5000)
    y = 2.0 - x + 0.3 * rng.normal(size=5000)
    a, b, c, d = models.fit_mean_variance_line(x, y)
    # Closed form: with d near 0 the mean line is close to ordinary least squares.
    ols = np.polyfit(x, y, 1)
    assert abs(d) < 0.15
    np.testing.assert_allclose([b, a], ols, atol=0.01)
    assert np.exp(c + d * 0.5) == pytest.approx(0.09, rel=0.1)


def test_fit_mean_variance_line_rejects_bad_input():
    with pytest.raises(ValueError, match="two distinct values"):
        models.fit_mean_variance_line([1.0, 1.0, 1.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="lies on a line"):
        models.fit_mean_variance_line([0.0, 1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="1-D"):
        models.fit_mean_variance_line([[0.0, 1.0]], [[1.0, 2.0]])
