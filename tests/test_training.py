"""lossedu.training: train_step and fit against closed forms, scikit-learn and hand loops."""

import numpy as np
import pytest
from test_models import MODELS, _randomise

from lossedu import losses, models, training
from lossedu.datasets import make_blobs, make_regression
from lossedu.gradcheck import check_grad
from lossedu.models import MLP, LinearRegression, LogisticRegression, SoftmaxRegression
from lossedu.optim import SGD, Adam
from lossedu.training import History, fit, train_step

sk_linear = pytest.importorskip("sklearn.linear_model")


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


def test_progress_bar_is_off_by_default(capsys):
    X, y = make_regression(10, rng=0)
    fit(LinearRegression(1), X, y, loss="mse", optimizer=SGD(0.01), epochs=2)
    assert capsys.readouterr().err == ""


def test_fit_losses_are_the_losses_of_raw_outputs():
    # every name fit accepts is a loss of lossedu.losses; the probability forms are not, nor
    # the Gaussian NLL, whose model would need two outputs (a mean and a variance)
    assert set(training.FIT_LOSSES) < set(losses.LOSSES)
    assert set(losses.LOSSES) - set(training.FIT_LOSSES) == {
        "binary_cross_entropy",
        "categorical_cross_entropy",
        "gaussian_nll",
    }
    with pytest.raises(ValueError, match="takes probabilities, but the models output logits"):
        _fit(loss="binary_cross_entropy")
    with pytest.raises(ValueError, match="loss must be one of mse, mae, huber"):
        _fit(loss="zero_one")


def test_models_re_exports_the_training_loop():
    assert models.fit is training.fit and models.train_step is training.train_step
    assert models.History is training.History
    assert models.FIT_LOSSES is training.FIT_LOSSES
    assert isinstance(History(), training.History)
    assert not hasattr(models, "LOSSES")  # renamed FIT_LOSSES: it is not losses.LOSSES


def _untouched(model, before):
    return all(np.array_equal(model.params[k], before[k]) for k in before)


@pytest.mark.parametrize(
    ("validation", "error", "match"),
    [
        ((np.full((3, 1), np.nan), np.zeros(3)), ValueError, r"X_val contains NaN"),
        ((np.zeros((3, 1)), np.array([0.0, np.nan, 1.0])), ValueError, r"y_val contains NaN"),
        ((np.zeros((3, 2)), np.zeros(3)), ValueError, r"X_val must have shape \(n, 1\)"),
        ((np.zeros(3), np.zeros(3)), ValueError, r"X_val must have shape.*X_val\.reshape"),
        ((np.zeros((3, 1)), np.zeros((3, 2))), ValueError, r"y_val does not fit the loss"),
    ],
)
def test_fit_names_the_validation_data_and_checks_it_before_training(validation, error, match):
    X, y = make_regression(10, rng=0)
    model = LinearRegression(1)
    before = {k: v.copy() for k, v in model.params.items()}
    with pytest.raises(error, match=match):
        fit(model, X, y, loss="mse", optimizer=SGD(0.1), epochs=3, validation=validation)
    assert _untouched(model, before)  # no epoch ran before the error


def test_fit_with_the_optimizer_class_says_how_to_create_one():
    X, y = make_regression(10, rng=0)
    with pytest.raises(TypeError, match=r"the class SGD itself.*optim\.SGD\(lr=0\.1\)"):
        fit(LinearRegression(1), X, y, loss="mse", optimizer=SGD, epochs=1)


def test_diverging_barron_fit_says_training_diverged():
    X, y = make_regression(20, rng=0)
    with pytest.raises(ValueError, match=r"training diverged.*Lower the learning rate") as info:
        fit(
            LinearRegression(1),
            X * 1e3,
            y,
            loss="barron",
            loss_options={"alpha": 4.0},
            optimizer=SGD(10.0),
            epochs=200,
        )
    assert "larger scale" not in str(info.value)


def test_fit_metrics_label_an_mlp_classifier_by_its_logits():
    X, y = make_blobs(60, n_classes=2, rng=0)
    model = MLP(2, 6, 1, rng=0)
    history = fit(
        model,
        X,
        y,
        loss="binary_cross_entropy_with_logits",
        optimizer=Adam(0.05),
        epochs=5,
        metrics=["accuracy", "f1"],
    )
    # Reference: scikit-learn's scores of the labels sigmoid(logit) >= 0.5, i.e. logit >= 0,
    # the rule of LogisticRegression.predict.
    labels = (model.forward(X) >= 0.0).astype(int)
    skm = pytest.importorskip("sklearn.metrics")
    assert history.metrics["accuracy"][-1] == pytest.approx(skm.accuracy_score(y, labels))
    assert history.metrics["f1"][-1] == pytest.approx(skm.f1_score(y, labels))


def test_fit_multiclass_metrics_take_an_average_and_fail_before_training():
    X, y = make_blobs(60, n_classes=3, rng=0)
    model = SoftmaxRegression(2, 3)
    before = {k: v.copy() for k, v in model.params.items()}
    kwargs = dict(loss="categorical_cross_entropy_with_logits", epochs=3)
    with pytest.raises(ValueError, match=r"metric 'f1'.*metrics=\['f1_macro'\]"):
        fit(model, X, y, metrics=["f1"], optimizer=SGD(0.1), **kwargs)
    assert _untouched(model, before)  # refused before the first epoch
    metrics = ["f1_macro", "precision_weighted"]
    history = fit(model, X, y, metrics=metrics, optimizer=SGD(0.1), **kwargs)
    # Reference: scikit-learn with the same averages on the model's predicted classes.
    skm = pytest.importorskip("sklearn.metrics")
    labels = model.predict(X)
    assert history.metrics["f1_macro"][-1] == pytest.approx(
        skm.f1_score(y, labels, average="macro")
    )
    assert history.metrics["precision_weighted"][-1] == pytest.approx(
        skm.precision_score(y, labels, average="weighted", zero_division=0)
    )
    mlp = MLP(2, 5, 3, rng=0)
    history = fit(mlp, X, y, metrics=["accuracy"], optimizer=SGD(0.1), **kwargs)  # argmax
    assert history.metrics["accuracy"][-1] == pytest.approx(
        skm.accuracy_score(y, np.argmax(mlp.forward(X), axis=1))
    )


class _CountingMomentum:
    """A user's own optimiser (not lossedu's): momentum with a step count, no safeguards."""

    def __init__(self, lr):
        self.lr, self.t, self.buf = lr, 0, None

    def step(self, w, g):
        self.t += 1
        self.buf = np.asarray(g, dtype=float) if self.buf is None else 0.9 * self.buf + g
        with np.errstate(over="ignore"):
            return w - self.lr * self.buf


def test_a_rejected_train_step_leaves_the_optimiser_state_unchanged():
    X, y = np.array([[1.0], [2.0]]), np.array([2.0, 4.0])
    opt = _CountingMomentum(1e308)
    model = LinearRegression(1).set_params(W=[[1e10]])
    with pytest.raises(ValueError, match="diverged"):
        train_step(model, X, y, loss="mse", optimizer=opt)
    assert opt.t == 0 and opt.buf is None  # as before the rejected step
    # lossedu's SGD with momentum: after a refused update, the next step equals a fresh
    # optimiser's first step (closed form: w - lr * g with an empty momentum buffer).
    sgd = SGD(1e300, momentum=0.9)
    with pytest.raises(ValueError, match="overflowed"):
        train_step(LinearRegression(1).set_params(W=[[1e10]]), X, y, loss="mse", optimizer=sgd)
    step = train_step(LinearRegression(1), X, y, loss="mse", optimizer=sgd)
    fresh = SGD(1e300, momentum=0.9)
    expected = train_step(LinearRegression(1), X, y, loss="mse", optimizer=fresh)
    np.testing.assert_array_equal(step["new_params"]["W"], expected["new_params"]["W"])


def test_fit_minimises_the_quantile_loss_and_the_poisson_nll():
    # references: scikit-learn QuantileRegressor (pinball loss, no penalty) and
    # PoissonRegressor (log link, no penalty) on the same data
    sk_linear = pytest.importorskip("sklearn.linear_model")
    rng = np.random.default_rng(3)
    X = rng.uniform(-1.0, 1.0, (200, 1))
    y = 1.0 + 2.0 * X[:, 0] + rng.standard_t(3, 200)
    model = models.LinearRegression(1)
    fit(
        model,
        X,
        y,
        loss="quantile",
        loss_options={"tau": 0.9},
        optimizer=SGD(0.05),
        epochs=3000,
        progress=False,
    )
    ref = sk_linear.QuantileRegressor(quantile=0.9, alpha=0.0, solver="highs").fit(X, y)
    # subgradient steps of a constant size jitter around the minimum: compare the objective
    best = losses.quantile(y, ref.predict(X), tau=0.9)
    assert best <= losses.quantile(y, model.predict(X), tau=0.9) <= 1.01 * best

    counts = rng.poisson(np.exp(0.5 + 0.8 * X[:, 0]))
    model = models.LinearRegression(1)
    fit(model, X, counts, loss="poisson_nll", optimizer=SGD(0.2), epochs=2000, progress=False)
    ref = sk_linear.PoissonRegressor(alpha=0.0, tol=1e-10, max_iter=1000).fit(X, counts)
    assert model.params["W"][0, 0] == pytest.approx(ref.coef_[0], abs=1e-3)
    assert model.params["b"][0] == pytest.approx(ref.intercept_, abs=1e-3)
