"""lossedu.losses.classification: cross-entropies and hinge beyond the generic tests.

Categorical targets and label smoothing, kinks, precision at extreme logits, clipping, and the
bad-input rules of probabilities, labels and rows. Every expected value is a closed form written
here, scikit-learn, or PyTorch when it is installed; the source is named beside it.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special
from sklearn import metrics as skm
from test_losses import (
    CATEGORICAL,
    REGISTRY,
    SECOND,
    _prob_rows,
    _valid,
    both,
    torch_loss_and_grad,
)

from lossedu import losses


def test_scikit_learn_log_loss_binary_and_multiclass(rng):
    y = (rng.random(40) < 0.4).astype(int)
    p = rng.uniform(0.02, 0.98, 40)
    assert losses.binary_cross_entropy(y, p) == pytest.approx(skm.log_loss(y, p), rel=1e-10)
    labels = rng.integers(0, 4, 30)
    probs = _prob_rows(rng, 30, 4)
    expected = skm.log_loss(labels, probs, labels=[0, 1, 2, 3])
    assert losses.categorical_cross_entropy(labels, probs) == pytest.approx(expected, rel=1e-10)
    # the same numbers as logits: log-probabilities are logits whose softmax is probs
    logits = np.log(probs) + 3.0
    got = losses.categorical_cross_entropy_with_logits(labels, logits)
    assert got == pytest.approx(expected, rel=1e-10)


def test_scikit_learn_hinge_loss(rng):
    y = np.where(rng.random(40) < 0.5, -1, 1)
    s = 2.0 * rng.normal(size=40)
    assert losses.hinge(y, s) == pytest.approx(skm.hinge_loss(y, s), rel=1e-12)


def test_class_indices_one_hot_and_integral_floats_agree(rng):
    labels = rng.integers(0, 4, 7)
    probs = rng.dirichlet(np.ones(4), size=7)
    logits = rng.normal(size=(7, 4))
    for name, pred in (
        ("categorical_cross_entropy", probs),
        ("categorical_cross_entropy_with_logits", logits),
    ):
        loss, grad = getattr(losses, name), getattr(losses, f"{name}_grad")
        for y in (np.eye(4)[labels], labels.astype(float), labels.tolist()):
            assert loss(y, pred) == pytest.approx(loss(labels, pred), rel=1e-14)
            np.testing.assert_allclose(grad(y, pred), grad(labels, pred), rtol=1e-14)


def test_label_smoothing_matches_pytorch_formula(rng):
    # PyTorch docs: loss = (1 - eps) * nll + eps * mean_j(-log softmax_j); SciPy log_softmax
    logits = 3.0 * rng.normal(size=(6, 5))
    labels = rng.integers(0, 5, 6)
    log_p = special.log_softmax(logits, axis=1)
    for eps in (0.0, 0.1, 0.5, 1.0):
        expected = (1 - eps) * -log_p[np.arange(6), labels] + eps * -log_p.mean(axis=1)
        got = losses.categorical_cross_entropy_with_logits(
            labels, logits, label_smoothing=eps, reduction="none"
        )
        np.testing.assert_allclose(got, expected, rtol=1e-12)
        grad = losses.categorical_cross_entropy_with_logits_grad(
            labels, logits, label_smoothing=eps, reduction="sum"
        )
        target = (1 - eps) * np.eye(5)[labels] + eps / 5
        np.testing.assert_allclose(grad, special.softmax(logits, axis=1) - target, atol=1e-15)
        np.testing.assert_allclose(grad.sum(axis=1), 0.0, atol=1e-15)


def test_categorical_cross_entropy_gradient_is_minus_t_over_p(rng):
    probs = rng.dirichlet(np.ones(3), size=4)
    t = rng.dirichlet(np.ones(3), size=4)
    grad = losses.categorical_cross_entropy_grad(t, probs, reduction="sum")
    # closed form: d/dp of -sum t log p is -t / p (no renormalisation of probs)
    np.testing.assert_allclose(grad, -t / probs, rtol=1e-14)


def test_categorical_cross_entropy_does_not_renormalise():
    probs = np.array([[0.5 + 4e-7, 0.5]])  # sums to 1 within 1e-6: accepted as it is
    assert losses.categorical_cross_entropy([0], probs) == pytest.approx(-np.log(0.5 + 4e-7))


def test_hinge_gradient_at_the_kink_is_zero():
    y = np.array([1.0, -1.0, 1.0, -1.0])
    s = np.array([1.0, -1.0, 1.0 - 1e-12, -(1.0 - 1e-12)])  # margins 1, 1, just below 1
    np.testing.assert_array_equal(losses.hinge_grad(y, s, reduction="sum"), [0, 0, -1, 1])


def test_bce_with_logits_is_exact_for_hard_labels_at_large_logits():
    z = np.array([-1e4, -745.0, -40.0, -30.0, 30.0, 40.0, 745.0, 1e4])
    for y, sign in ((1.0, 1.0), (0.0, -1.0)):
        # -log sigmoid(+-z) and sigmoid(z) - y = -+sigmoid(-+z): SciPy log_expit / expit
        expected = -special.log_expit(sign * z)
        got = losses.binary_cross_entropy_with_logits(np.full(8, y), z, reduction="none")
        np.testing.assert_allclose(got, expected, rtol=1e-13, atol=0)
        grad = losses.binary_cross_entropy_with_logits_grad(np.full(8, y), z, reduction="sum")
        # atol: SciPy's expit(-745) flushes to 0; exp(-745) rounds to the least subnormal
        np.testing.assert_allclose(grad, -sign * special.expit(-sign * z), rtol=1e-13, atol=1e-323)


def test_bce_with_logits_handles_negative_zero():
    # sigmoid(-0.0) - y must equal sigmoid(0.0) - y = 0.5 - y
    np.testing.assert_array_equal(
        losses.binary_cross_entropy_with_logits_grad([0.0, 1.0], [-0.0, -0.0], reduction="sum"),
        [0.5, -0.5],
    )


def test_probability_losses_clip_at_documented_epsilon():
    # losses.PROB_EPS documents the clipping: probabilities lie in [1e-12, 1 - 1e-12]
    assert losses.PROB_EPS == 1e-12
    assert losses.binary_cross_entropy([1.0], [0.0]) == pytest.approx(-np.log(1e-12), rel=1e-12)
    assert losses.binary_cross_entropy_grad([1.0], [0.0]) == pytest.approx(
        -1 / (1 - 1e-12) / 1e-12, rel=1e-9
    )
    assert losses.categorical_cross_entropy([1], [[1.0, 0.0]]) == pytest.approx(27.631021115928547)


def test_mean_divides_categorical_losses_by_rows_as_torch(rng):
    # PyTorch's cross_entropy "mean" divides by n for indices and for probability targets
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    logits = rng.normal(size=(6, 4))
    for y in (rng.integers(0, 4, 6), np.eye(4)[rng.integers(0, 4, 6)]):
        target = torch.tensor(y).long() if y.ndim == 1 else torch.tensor(y)
        expected = F.cross_entropy(torch.tensor(logits), target).item()
        got = REGISTRY[CATEGORICAL[1]][0](y, logits)
        assert got == pytest.approx(expected, rel=1e-12)


def test_logit_losses_match_torch_at_extreme_logits():
    z = np.array([1e4, -1e4, 30.0, -30.0, 0.0])
    for y in (np.ones(5), np.zeros(5), np.full(5, 0.3)):
        expected, expected_grad = torch_loss_and_grad(
            "binary_cross_entropy_with_logits", y, z, {}, "none"
        )
        got = REGISTRY["binary_cross_entropy_with_logits"][0](y, z, reduction="none")
        # atol: PyTorch adds log1p(exp(-30)) ~ 1e-13 to 30 before cancelling (y = 0, z = -30)
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)
        got_grad = REGISTRY["binary_cross_entropy_with_logits"][1](y, z, reduction="none")
        np.testing.assert_allclose(got_grad, expected_grad, rtol=1e-12, atol=1e-15)
    logits = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 5.0]])
    for eps in (0.0, 0.2):
        for y in (np.array([0, 2]), np.array([[0.5, 0.5, 0.0], [0.0, 0.0, 1.0]])):
            opts = {"label_smoothing": eps}
            expected, expected_grad = torch_loss_and_grad(CATEGORICAL[1], y, logits, opts, "sum")
            loss, grad, _ = REGISTRY[CATEGORICAL[1]]
            assert loss(y, logits, reduction="sum", **opts) == pytest.approx(expected, rel=1e-12)
            np.testing.assert_allclose(grad(y, logits, reduction="sum", **opts), expected_grad)


@pytest.mark.parametrize("name", CATEGORICAL)
def test_categorical_shapes(name):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(
            ValueError, match=r"y_true must be class indices .* \(3,\) and \(2, 2\)"
        ):
            fn([0, 1, 1], pred, **opts)
        with pytest.raises(ValueError, match=r"y_true .* got shapes \(2, 3\) and \(2, 2\)"):
            fn(np.eye(3)[:2], pred, **opts)
        with pytest.raises(ValueError, match=rf"{SECOND[name]} must be 2-D .* got shape \(2,\)"):
            fn([0, 1], [0.5, 0.5], **opts)


@pytest.mark.parametrize(
    ("name", "y", "pred"),
    [
        ("binary_cross_entropy", [1.0, 0.0], [1.2, 0.5]),
        ("binary_cross_entropy", [1.0, -0.1], [0.5, 0.5]),
        ("binary_cross_entropy_with_logits", [2.0, 0.0], [0.5, 0.5]),
        ("categorical_cross_entropy", [0, 1], [[1.5, -0.5], [0.5, 0.5]]),
        ("categorical_cross_entropy", [[1.2, -0.2], [0.0, 1.0]], [[0.5, 0.5], [0.5, 0.5]]),
        ("categorical_cross_entropy_with_logits", [[1.2, -0.2], [0.0, 1.0]], [[0, 1], [1, 0]]),
    ],
)
def test_probabilities_outside_0_1_are_refused(name, y, pred):
    for fn in both(name):
        with pytest.raises(ValueError, match=r"must be probabilities in \[0, 1\]"):
            fn(y, pred)


@pytest.mark.parametrize(
    ("name", "y", "message"),
    [
        ("hinge", [1.0, 0.0], r"y_true must contain only the labels \(-1.0, 1.0\), got 0"),
        ("categorical_cross_entropy", [0, 2], r"class indices must lie in \[0, 1\] .* got 2"),
        ("categorical_cross_entropy", [0, -1], r"must lie in \[0, 1\] .* got -1"),
        ("categorical_cross_entropy_with_logits", [0, 2], r"must lie in \[0, 1\] .* got 2"),
        ("categorical_cross_entropy_with_logits", [0.5, 1], r"whole numbers, got 0.5"),
    ],
)
def test_labels_outside_the_allowed_set_are_refused(name, y, message):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match=message):
            fn(y, pred, **opts)


@pytest.mark.parametrize("name", CATEGORICAL)
def test_rows_must_sum_to_one(name):
    _, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(ValueError, match=r"every row of y_true must sum to 1 .* row 1 sums"):
            fn([[1.0, 0.0], [0.5, 0.4]], pred, **opts)
    for fn in both("categorical_cross_entropy"):
        with pytest.raises(ValueError, match=r"every row of probs must sum to 1 .* row 0 sums"):
            fn([0, 1], [[0.5, 0.4], [0.5, 0.5]])
        with pytest.raises(ValueError, match=r"row 0 sums to 1\.000002"):
            fn([0, 1], [[0.5 + 2e-6, 0.5], [0.5, 0.5]])  # just outside the 1e-6 tolerance


@pytest.mark.parametrize(
    ("name", "option", "value", "error", "message"),
    [
        ("categorical_cross_entropy_with_logits", "label_smoothing", 1.5, ValueError,
         r"label_smoothing must lie in \[0, 1\]"),
        ("categorical_cross_entropy_with_logits", "label_smoothing", -0.1, ValueError,
         r"label_smoothing must lie in \[0, 1\]"),
    ],
)  # fmt: skip
def test_bad_options_are_refused(name, option, value, error, message):
    y, pred, opts = _valid(name)
    for fn in both(name):
        with pytest.raises(error, match=message):
            fn(y, pred, **{**opts, option: value})


def _log_softmax_mp(row):
    # 50-digit log-softmax of one row of logits (mpmath), the reference for precision tests.
    import mpmath as mp

    # Written as (v - max) - log1p(sum of exp(v - max) over the others): 50 digits relative
    # to each term, so a probability of 1 - 1e-304 keeps its distance from 1.
    row = [mp.mpf(float(v)) for v in row]
    top = max(row)
    others = list(row)
    others.remove(top)
    rest = mp.fsum(mp.exp(v - top) for v in others)  # the maximum's term, 1, kept apart
    log_p = [(v - top) - mp.log1p(rest) for v in row]  # v - top is exact (0 at the maximum)
    return log_p, [mp.exp(v) for v in log_p], rest


def _grad_mp(row, target):
    # softmax - one_hot from the same 50-digit reference; at the maximum, p - 1 is formed as
    # -rest / (1 + rest) so that it is not lost to 50-digit rounding.
    _, p, rest = _log_softmax_mp(row)
    top = int(np.argmax(row))
    out = [p[j] - (1 if j == target else 0) for j in range(len(row))]
    if top == target:
        out[top] = -rest / (1 + rest)
    return [float(v) for v in out]


CONFIDENT_ROWS = [[30.0, 0.0], [40.0, 0.0], [37.0, -1.0, 2.0], [700.0, 0.0, 1.0], [5.0, 4.9]]


@pytest.mark.parametrize("row", CONFIDENT_ROWS)
def test_categorical_cross_entropy_with_logits_keeps_precision_when_confident(row):
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 50
    log_p, _, _ = _log_softmax_mp(row)
    for target in range(len(row)):
        value = losses.categorical_cross_entropy_with_logits([target], [row])
        assert value == pytest.approx(float(-log_p[target]), rel=1e-14, abs=0.0), target
        grad = losses.categorical_cross_entropy_with_logits_grad([target], [row])[0]
        np.testing.assert_allclose(grad, _grad_mp(row, target), rtol=1e-14, atol=0.0)
    # The examples: [[30, 0]] costs 9.3576e-14 (mpmath), [[40, 0]] is not 0.
    assert losses.categorical_cross_entropy_with_logits([0], [[40.0, 0.0]]) > 0.0


def test_binary_cross_entropy_with_logits_keeps_precision_when_confident():
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 50
    z = np.array([30.0, 40.0, 700.0, -36.0, 1e-20])
    for label in (0.0, 1.0):
        y = np.full_like(z, label)
        # -log sigmoid(z) for y = 1, -log(1 - sigmoid(z)) for y = 0 (mpmath, 50 digits)
        want = [float(mp.log1p(mp.exp(-mp.mpf(v) if label else mp.mpf(v)))) for v in z]
        got = losses.binary_cross_entropy_with_logits(y, z, reduction="none")
        np.testing.assert_allclose(got, want, rtol=1e-14, atol=0.0)
        # sigmoid(z) - y as -sigmoid(-z) for y = 1 and sigmoid(z) for y = 0 (no 1 - p rounding)
        slope = [float(-1 / (1 + mp.exp(v)) if label else 1 / (1 + mp.exp(-v))) for v in z]
        got = losses.binary_cross_entropy_with_logits_grad(y, z, reduction="sum")
        np.testing.assert_allclose(got, slope, rtol=1e-14, atol=0.0)


def test_bce_with_logits_results_do_not_share_memory_between_calls(rng):
    # The function reuses work arrays between calls; nothing it returns may be one of them.
    # Reference: the same call on a copy made before any other call (scipy's softplus form).
    t, z = (rng.random(1000) < 0.5).astype(float), 3 * rng.normal(size=1000)
    none = losses.binary_cross_entropy_with_logits(t, z, reduction="none")
    grad = losses.binary_cross_entropy_with_logits_grad(t, z)
    kept_none, kept_grad = none.copy(), grad.copy()
    for _ in range(2):  # other sizes and values in between
        losses.binary_cross_entropy_with_logits(t[:10], -z[:10])
        losses.binary_cross_entropy_with_logits_grad(1 - t, -z)
    np.testing.assert_array_equal(none, kept_none)
    np.testing.assert_array_equal(grad, kept_grad)
    expected = np.logaddexp(0.0, z) - t * z  # softplus(z) - t z
    np.testing.assert_allclose(none, expected, rtol=1e-12, atol=1e-15)


def test_bce_with_logits_keeps_precision_for_soft_labels_near_one():
    mp = pytest.importorskip("mpmath")
    mp.mp.dps = 50
    # A soft label 1 - 1e-10 at z = 50: the loss is about 5e-9, and z - y z would lose
    # about 6 of its digits to cancellation (an error near eps * 50 = 1e-14).
    y = np.array([1.0 - 1e-10, 1.0 - 2.0**-40, 0.75, 1e-12])
    z = np.array([50.0, 700.0, 1e4, -30.0])
    # softplus(z) - y z = log1p(exp(-|z|)) + max(z, 0) - y z, in 50 digits from the floats
    want = [
        float(mp.log1p(mp.exp(-abs(mp.mpf(v)))) + max(mp.mpf(v), 0) - mp.mpf(t) * mp.mpf(v))
        for t, v in zip(y, z, strict=True)
    ]
    got = losses.binary_cross_entropy_with_logits(y, z, reduction="none")
    np.testing.assert_allclose(got, want, rtol=1e-14, atol=0.0)


@pytest.mark.parametrize("size", [1, 32767, 32768, 32769, 3 * 32768 + 7])
def test_bce_with_logits_agrees_with_scipy_at_any_size_and_layout(size):
    # Large arrays are computed block by block; every size, and arrays that are 2-D, in
    # Fortran order or strided, give SciPy's values. Reference: -(y log_expit(z) + (1 - y)
    # log_expit(-z)) and the gradient expit(z) - y (scipy.special).
    rng = np.random.default_rng(size)
    y = np.where(rng.random(size) < 0.3, rng.random(size), rng.random(size) < 0.5)
    z = 5.0 * rng.normal(size=size)
    values = -(y * special.log_expit(z) + (1.0 - y) * special.log_expit(-z))
    slopes = special.expit(z) - y
    layouts = [(y, z, values, slopes)]
    if size % 7 == 0:
        shape = (7, size // 7)
        layouts.append(tuple(np.asfortranarray(a.reshape(shape)) for a in (y, z, values, slopes)))
    twice = np.repeat(z, 2)[::2]  # a strided view of z
    layouts.append((y, twice, values, slopes))
    for t, logits, want, slope in layouts:
        got = losses.binary_cross_entropy_with_logits(t, logits, reduction="none")
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-300)
        for reduction, scale in (("sum", 1.0), ("mean", 1.0 / size)):
            total = losses.binary_cross_entropy_with_logits(t, logits, reduction=reduction)
            assert total == pytest.approx(want.sum() * scale, rel=1e-12)
            grad = losses.binary_cross_entropy_with_logits_grad(t, logits, reduction=reduction)
            assert grad.shape == logits.shape
            # atol: expit(z) - y rounds to within 2 eps of 1 in the reference itself
            np.testing.assert_allclose(grad, slope * scale, rtol=1e-12, atol=5e-16 * scale)


@pytest.mark.parametrize("where", [0, 40_000, 99_999])  # first, a middle and the last block
def test_bce_with_logits_checks_inputs_in_every_block(where):
    # The inputs are checked block by block as they are read; a bad value anywhere is still
    # refused with the message naming the argument and its index, and y_true comes first.
    rng = np.random.default_rng(where)
    t, z = (rng.random(100_000) < 0.5).astype(float), rng.normal(size=100_000)
    index = rf"\(first at index \({where},\)\)"
    bce = losses.binary_cross_entropy_with_logits
    for fn in (bce, losses.binary_cross_entropy_with_logits_grad):
        for reduction in ("mean", "sum", "none"):
            bad_z = z.copy()
            bad_z[where] = np.inf
            with pytest.raises(ValueError, match=r"logits contains NaN or infinite.*" + index):
                fn(t, bad_z, reduction=reduction)
            bad_t = t.copy()
            bad_t[where] = np.nan
            with pytest.raises(ValueError, match=r"y_true contains NaN or infinite.*" + index):
                fn(bad_t, bad_z, reduction=reduction)
            bad_t[where] = 2.0
            with pytest.raises(ValueError, match=r"y_true must be probabilities in \[0, 1\]"):
                fn(bad_t, z, reduction=reduction)
            # y_true's values are refused before logits is read
            with pytest.raises(ValueError, match=r"y_true must be probabilities in \[0, 1\]"):
                fn(bad_t, "not numbers", reduction=reduction)
    # -0.0 is a label in [0, 1], and 1e308 a finite logit whose sums overflow: both accepted
    t[where], z[:] = -0.0, 1e308
    grad = losses.binary_cross_entropy_with_logits_grad(t, z, reduction="sum")
    np.testing.assert_array_equal(grad, 1.0 - t)  # sigmoid(1e308) - y = 1 - y exactly


@pytest.mark.parametrize("shape", [(1, 10), (3276, 10), (3277, 10), (10_000, 10), (3, 40_000)])
def test_categorical_with_logits_agrees_with_scipy_across_row_blocks(shape):
    # Many rows are computed a block of rows at a time. Reference: -log_softmax(z)[y] and
    # the gradient softmax(z) - onehot(y) from scipy.special, smoothed as PyTorch does.
    rng = np.random.default_rng(shape[0])
    z = 4.0 * rng.normal(size=shape)
    y = rng.integers(0, shape[1], size=shape[0])
    onehot = (np.arange(shape[1]) == y[:, None]).astype(float)
    for eps in (0.0, 0.1):
        target = (1.0 - eps) * onehot + eps / shape[1]
        values = -(target * special.log_softmax(z, axis=1)).sum(axis=1)
        slope = special.softmax(z, axis=1) - target
        for labels in (y, target):  # class indices and the smoothed rows as probabilities
            smoothing = eps if labels is y else 0.0
            got = losses.categorical_cross_entropy_with_logits(
                labels, z, label_smoothing=smoothing, reduction="none"
            )
            np.testing.assert_allclose(got, values, rtol=1e-12, atol=1e-14)
            mean = losses.categorical_cross_entropy_with_logits(
                labels, z, label_smoothing=smoothing
            )
            assert mean == pytest.approx(values.mean(), rel=1e-12)
            grad = losses.categorical_cross_entropy_with_logits_grad(
                labels, z, label_smoothing=smoothing
            )
            # atol: softmax - target rounds to within 2 eps of 1 in the reference itself
            np.testing.assert_allclose(grad, slope / shape[0], rtol=1e-12, atol=5e-16 / shape[0])
