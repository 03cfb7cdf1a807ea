"""Tests of lossedu.models: backward passes, fits against closed forms and scikit-learn."""

import numpy as np
import pytest

from lossedu import losses, models
from lossedu.datasets import make_blobs, make_regression
from lossedu.gradcheck import check_grad
from lossedu.models import (
    MLP,
    History,
    LinearRegression,
    LogisticRegression,
    SoftmaxRegression,
    fit,
    train_step,
)
from lossedu.optim import SGD, Adam

sk_linear = pytest.importorskip("sklearn.linear_model")

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


@pytest.mark.parametrize(
    ("name", "loss", "make_y"),
    [
        ("linear-1", "huber", lambda rng, n: rng.normal(size=n)),
        ("logistic", "binary_cross_entropy_with_logits", lambda rng, n: rng.integers(0, 2, n)),
        ("softmax", "categorical_cross_entropy_with_logits", lambda rng, n: rng.integers(0, 4, n)),
        ("mlp-tanh", "mse", lambda rng, n: rng.normal(size=n)),
    ],
)
def test_train_step_gradient_of_loss_plus_penalty(name, loss, make_y, rng):
    model = _randomise(MODELS[name](), rng)
    X, y = rng.normal(size=(8, 3)), make_y(rng, 8)
    names = list(model.params)
    theta0 = np.concatenate([model.params[k].ravel() for k in names])
    lam = 0.05

    def objective(theta):
        probe = MODELS[name]()
        start = 0
        for k in names:
            size = model.params[k].size
            probe.params[k] = theta[start : start + size].reshape(model.params[k].shape)
            start += size
        penalty = sum(lam * np.sum(probe.params[k] ** 2) for k in names if k.startswith("W"))
        return getattr(losses, loss)(y, probe.forward(X)) + penalty

    step = train_step(model, X, y, loss=loss, optimizer=SGD(0.1), penalty=("l2", lam))
    analytic = np.concatenate([step["grads"][k].ravel() for k in names])
    assert check_grad(objective, lambda _: analytic, theta0) < 1e-7
    assert step["loss"] + step["penalty"] == pytest.approx(objective(theta0))


def test_train_step_shows_every_number():
    # Closed form for MSE on a line: dL/dw = 2/n * sum((w x + b - y) x), dL/db = 2/n * sum(...).
    X, y = np.array([[1.0], [2.0], [3.0]]), np.array([2.0, 3.0, 7.0])
    model = LinearRegression(1).set_params(W=[[0.5]], b=[1.0])
    step = train_step(model, X, y, loss="mse", optimizer=SGD(0.1))
    residual = 0.5 * X[:, 0] + 1.0 - y
    np.testing.assert_allclose(step["output"], 0.5 * X[:, 0] + 1.0)
    assert step["loss"] == pytest.approx(np.mean(residual**2))
    np.testing.assert_allclose(step["grad_output"], 2 * residual / 3)
    np.testing.assert_allclose(step["grads"]["W"], [[2 * np.mean(residual * X[:, 0])]])
    np.testing.assert_allclose(step["grads"]["b"], [2 * np.mean(residual)])
    np.testing.assert_allclose(step["new_params"]["W"], [[0.5]] - 0.1 * step["grads"]["W"])
    np.testing.assert_allclose(step["params"]["W"], [[0.5]])
    np.testing.assert_allclose(model.params["W"], step["new_params"]["W"])
    assert step["penalty"] == 0.0
    model.params["W"][0, 0] = 99.0  # the returned arrays are copies
    assert step["new_params"]["W"][0, 0] != 99.0


def test_linear_fit_reaches_least_squares():
    X, y = make_regression(60, n_features=3, noise_scale=0.5, rng=1)
    model = LinearRegression(3)
    history = fit(model, X, y, loss="mse", optimizer=SGD(0.1), epochs=1000, progress=False)
    # Reference: np.linalg.lstsq on [X, 1].
    solution = np.linalg.lstsq(np.c_[X, np.ones(len(X))], y, rcond=None)[0]
    np.testing.assert_allclose(model.params["W"].ravel(), solution[:3], atol=1e-8)
    np.testing.assert_allclose(model.params["b"], solution[3:], atol=1e-8)
    best = np.mean((np.c_[X, np.ones(len(X))] @ solution - y) ** 2)
    assert history.train_loss[-1] == pytest.approx(best, rel=1e-10)
    assert np.all(np.diff(history.train_loss) <= 1e-12)  # gradient descent on a convex quadratic


def test_multi_output_linear_fit_reaches_least_squares(rng):
    X = rng.normal(size=(40, 2))
    Y = X @ rng.normal(size=(2, 3)) + rng.normal(size=(40, 3))
    model = LinearRegression(2, n_outputs=3)
    fit(model, X, Y, loss="mse", optimizer=SGD(0.1), epochs=1000, progress=False)
    solution = np.linalg.lstsq(np.c_[X, np.ones(40)], Y, rcond=None)[0]
    np.testing.assert_allclose(model.params["W"], solution[:2], atol=1e-5)
    np.testing.assert_allclose(model.params["b"], solution[2], atol=1e-5)


def test_logistic_fit_matches_scikit_learn():
    X, y = make_blobs(120, n_classes=2, separation=1.0, rng=2)
    model = LogisticRegression(2)
    fit(
        model,
        X,
        y,
        loss="binary_cross_entropy_with_logits",
        optimizer=SGD(2.0),
        epochs=1000,
        progress=False,
    )
    # Reference: scikit-learn without a penalty (C=inf), solved to a tight tolerance.
    reference = sk_linear.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(model.params["W"].ravel(), reference.coef_.ravel(), atol=1e-5)
    np.testing.assert_allclose(model.params["b"], reference.intercept_, atol=1e-5)
    np.testing.assert_allclose(model.predict_proba(X), reference.predict_proba(X)[:, 1], atol=1e-6)
    np.testing.assert_array_equal(model.predict(X), reference.predict(X))


def test_softmax_fit_matches_scikit_learn():
    X, y = make_blobs(150, n_classes=3, separation=1.5, rng=3)
    model = SoftmaxRegression(2, 3)
    fit(
        model,
        X,
        y,
        loss="categorical_cross_entropy_with_logits",
        optimizer=SGD(2.0),
        epochs=1000,
        progress=False,
    )
    # Reference: scikit-learn's multinomial logistic regression without a penalty. The
    # logits are defined up to a constant per row, so compare the probabilities.
    reference = sk_linear.LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(model.predict_proba(X), reference.predict_proba(X), atol=1e-5)
    np.testing.assert_array_equal(model.predict(X), reference.predict(X))


def test_l2_penalty_matches_ridge():
    X, y = make_regression(50, n_features=3, noise_scale=1.0, rng=4)
    lam = 0.1
    model = LinearRegression(3)
    fit(
        model,
        X,
        y,
        loss="mse",
        optimizer=SGD(0.1),
        epochs=800,
        penalty=("l2", lam),
        progress=False,
    )
    # mean((y - Xw - b)^2) + lam |w|^2 is scikit-learn's Ridge with alpha = n * lam
    # (Ridge minimises the sum of squares), intercept unpenalised.
    ridge = sk_linear.Ridge(alpha=len(y) * lam).fit(X, y)
    np.testing.assert_allclose(model.params["W"].ravel(), ridge.coef_, atol=1e-8)
    np.testing.assert_allclose(model.params["b"], [ridge.intercept_], atol=1e-8)


def test_penalty_leaves_biases_alone():
    X, y = make_regression(30, n_features=2, intercept=3.0, rng=5)
    model = LinearRegression(2)
    fit(
        model,
        X,
        y,
        loss="mse",
        optimizer=SGD(0.05),
        epochs=800,
        penalty=("l2", 10.0),
        progress=False,
    )
    w = model.params["W"].ravel()
    # Closed form: an unpenalised bias is optimal at mean(y - X w), whatever w is.
    assert model.params["b"][0] == pytest.approx(np.mean(y - X @ w), abs=1e-10)
    assert model.params["b"][0] == pytest.approx(3.0, abs=0.6)
    assert np.linalg.norm(w) < 0.3 * np.linalg.norm(np.linalg.lstsq(X, y - y.mean())[0])


@pytest.mark.parametrize("kind", [("l1", 0.1), ("elastic_net", 0.1, 0.3)])
def test_l1_and_elastic_net_penalties_run(kind):
    X, y = make_regression(30, n_features=3, coef=[2.0, 0.0, 0.0], rng=6)
    model = LinearRegression(3)
    step = train_step(model, X, y, loss="mse", optimizer=SGD(0.0001), penalty=kind)
    assert step["penalty"] == 0.0  # weights start at zero
    history = fit(
        model, X, y, loss="mse", optimizer=SGD(0.01), epochs=50, penalty=kind, progress=False
    )
    assert history.epochs == 50


def test_history_records_losses_metrics_and_params():
    X, y = make_blobs(80, rng=6)
    X_val, y_val = make_blobs(40, rng=7)
    model = LogisticRegression(2)
    history = fit(
        model,
        X,
        y,
        loss="binary_cross_entropy_with_logits",
        optimizer=SGD(0.1),
        epochs=5,
        batch_size=16,
        validation=(X_val, y_val),
        rng=0,
        progress=False,
        track_params=True,
        metrics=["accuracy", "f1"],
    )
    assert isinstance(history, History)
    assert len(history.train_loss) == len(history.val_loss) == 5
    assert sorted(history.metrics) == ["accuracy", "f1", "val_accuracy", "val_f1"]
    assert all(len(v) == 5 for v in history.metrics.values())
    assert len(history.params) == 6
    np.testing.assert_array_equal(history.params[0]["W"], 0.0)
    np.testing.assert_array_equal(history.params[-1]["W"], model.params["W"])
    # Independent references for the final epoch: scikit-learn's log_loss and accuracy.
    sk_metrics = pytest.importorskip("sklearn.metrics")
    assert history.val_loss[-1] == pytest.approx(
        sk_metrics.log_loss(y_val, model.predict_proba(X_val))
    )
    assert history.metrics["val_accuracy"][-1] == pytest.approx(
        sk_metrics.accuracy_score(y_val, model.predict(X_val))
    )
    assert all(isinstance(v, float) for v in history.train_loss)
    assert "History(epochs=5" in repr(history)


def test_minibatches_take_the_expected_number_of_steps():
    class Counting(SGD):
        steps = 0

        def step(self, w, g):
            Counting.steps += 1
            return super().step(w, g)

    X, y = make_regression(10, rng=0)
    fit(
        LinearRegression(1),
        X,
        y,
        loss="mse",
        optimizer=Counting(0.01),
        epochs=3,
        batch_size=4,
        progress=False,
    )
    assert Counting.steps == 3 * 3  # batches of 4, 4, 2 in each of 3 epochs


def test_fit_is_deterministic_with_a_seed():
    X, y = make_regression(40, n_features=2, rng=1)

    def run(seed):
        model = MLP(2, 6, 1, rng=seed)
        history = fit(
            model,
            X,
            y,
            loss="huber",
            optimizer=Adam(0.01),
            epochs=10,
            batch_size=8,
            rng=seed,
            progress=False,
        )
        return history.train_loss, model.params["W1"]

    (loss_a, w_a), (loss_b, w_b), (loss_c, _) = run(3), run(3), run(4)
    assert loss_a == loss_b
    np.testing.assert_array_equal(w_a, w_b)
    assert loss_a != loss_c


def test_fit_does_not_modify_its_inputs():
    X, y = make_regression(20, rng=2)
    X_copy, y_copy = X.copy(), y.copy()
    fit(
        LinearRegression(1),
        X,
        y,
        loss="mae",
        optimizer=SGD(0.01),
        epochs=3,
        batch_size=5,
        rng=0,
        progress=False,
    )
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)


def test_loss_pair_equals_loss_name():
    X, y = make_regression(20, rng=3)
    results = []
    for loss in ("huber", (losses.huber, losses.huber_grad)):
        model = LinearRegression(1)
        fit(
            model,
            X,
            y,
            loss=loss,
            loss_options={"delta": 0.5},
            optimizer=SGD(0.1),
            epochs=20,
            progress=False,
        )
        results.append(model.params["W"].copy())
    np.testing.assert_array_equal(results[0], results[1])


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


def test_progress_bar_runs(capsys):
    X, y = make_regression(10, rng=0)
    pytest.importorskip("tqdm")
    history = fit(
        LinearRegression(1), X, y, loss="mse", optimizer=SGD(0.01), epochs=2, progress=True
    )
    assert history.epochs == 2
    assert "fit" in capsys.readouterr().err


def test_divergence_is_reported():
    X, y = make_regression(20, rng=0)
    with pytest.raises(ValueError, match="diverged"):
        fit(
            LinearRegression(1),
            X * 1e3,
            y,
            loss="mse",
            optimizer=SGD(10.0),
            epochs=200,
            progress=False,
        )


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


def _fit(**changes):
    X, y = make_regression(10, rng=0)
    kwargs = dict(loss="mse", optimizer=SGD(0.01), epochs=1, progress=False)
    kwargs.update(changes)
    return fit(LinearRegression(1), X, y, **kwargs)


@pytest.mark.parametrize(
    ("changes", "error", "match"),
    [
        ({"loss": "l2"}, ValueError, "loss must be one of"),
        ({"loss": "binary_cross_entropy"}, ValueError, "_with_logits"),
        ({"loss": len}, TypeError, "loss must be"),
        ({"loss_options": {"reduction": "sum"}}, ValueError, "reduction"),
        ({"loss_options": [1]}, TypeError, "loss_options"),
        ({"optimizer": 0.1}, TypeError, "optimizer"),
        ({"epochs": 0}, ValueError, "epochs"),
        ({"batch_size": 0}, ValueError, "batch_size"),
        ({"penalty": "l2"}, TypeError, "penalty"),
        ({"penalty": ("l3", 0.1)}, ValueError, "penalty kind"),
        ({"penalty": ("l2", -1.0)}, ValueError, "lam"),
        ({"penalty": ("l2", 0.1, 0.5)}, ValueError, "elastic_net"),
        ({"validation": np.zeros(3)}, TypeError, "validation"),
        ({"validation": (np.zeros((3, 1)), np.zeros(2))}, ValueError, "same number of rows"),
        ({"metrics": ["auc"]}, ValueError, "unknown metric"),
        ({"metrics": "accuracy"}, TypeError, "metrics"),
        ({"progress": 1}, TypeError, "progress"),
        ({"rng": "x"}, TypeError, "rng"),
    ],
)
def test_fit_validation(changes, error, match):
    with pytest.raises(error, match=match):
        _fit(**changes)


def test_fit_requires_matching_rows():
    with pytest.raises(ValueError, match="same number of rows"):
        fit(
            LinearRegression(1),
            np.zeros((4, 1)),
            np.zeros(3),
            loss="mse",
            optimizer=SGD(0.1),
            epochs=1,
            progress=False,
        )
    with pytest.raises(TypeError, match="model"):
        fit(object(), np.zeros((4, 1)), np.zeros(4), loss="mse", optimizer=SGD(0.1), epochs=1)


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
