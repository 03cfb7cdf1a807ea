"""lossedu.plotting.curves: loss shapes, error bars, loss curves and regularisation paths."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import LineCollection
from matplotlib.colors import to_hex
from test_plotting import _labelled

from lossedu import plotting


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_loss_shapes_of_residual_match_closed_forms():
    r = np.linspace(-3, 3, 61)
    ax = _labelled(plotting.plot_loss_shapes(["mse", "mae", ("huber", {"delta": 0.5})], x=r))
    lines = ax.get_lines()
    assert len(lines) == 3
    # closed forms: r^2, |r|, and Huber 0.5 r^2 inside delta, delta (|r| - delta / 2) outside
    np.testing.assert_allclose(lines[0].get_ydata(), r**2)
    np.testing.assert_allclose(lines[1].get_ydata(), np.abs(r))
    huber = np.where(np.abs(r) <= 0.5, 0.5 * r**2, 0.5 * (np.abs(r) - 0.25))
    np.testing.assert_allclose(lines[2].get_ydata(), huber)
    assert "delta=0.5" in lines[2].get_label()
    assert lines[0].get_linestyle() != lines[1].get_linestyle()
    assert to_hex(lines[0].get_color()) != to_hex(lines[1].get_color())
    assert "residual" in ax.get_xlabel()


def test_loss_shapes_of_margin_match_closed_forms():
    m = np.linspace(-3, 3, 61)
    ax = _labelled(
        plotting.plot_loss_shapes(["binary_cross_entropy_with_logits", "hinge", "zero_one"], x=m)
    )
    y = [line.get_ydata() for line in ax.get_lines()]
    np.testing.assert_allclose(y[0], np.log1p(np.exp(-m)))  # closed form log(1 + e^-m)
    np.testing.assert_allclose(y[1], np.maximum(0, 1 - m))  # closed form max(0, 1 - m)
    np.testing.assert_array_equal(y[2], (m <= 0).astype(float))
    assert "margin" in ax.get_xlabel()


def test_focal_shape_with_gamma_zero_is_the_logistic_loss():
    m = np.linspace(-3, 3, 13)
    # Lin et al. (2017): gamma = 0 (and no alpha weighting) gives plain cross-entropy
    np.testing.assert_allclose(plotting.loss_shape("focal", m, gamma=0.0), np.log1p(np.exp(-m)))


def test_loss_shapes_accept_a_labelled_function():
    ax = plotting.plot_loss_shapes([("cubic", lambda x: np.abs(x) ** 3)], x=[0.0, 1.0, 2.0])
    assert ax.get_lines()[0].get_label() == "cubic"
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [0.0, 1.0, 8.0])


def test_loss_shapes_reject_bad_requests():
    with pytest.raises(ValueError, match="mixes regression losses"):
        plotting.plot_loss_shapes(["mse", "hinge"])
    with pytest.raises(ValueError, match="unknown loss 'l2'"):
        plotting.plot_loss_shapes(["mse", "l2"])
    with pytest.raises(ValueError, match="unknown loss 'l2'"):
        plotting.plot_loss_shapes([("l2", {"delta": 1.0})])
    with pytest.raises(TypeError, match="non-empty list"):
        plotting.plot_loss_shapes("mse")
    with pytest.raises(ValueError, match="against must be"):
        plotting.plot_loss_shapes([("f", np.abs)], against="error")


def test_errors_draw_one_segment_per_point(rng):
    x = np.arange(8.0)
    t = x + rng.normal(size=8)
    p = x.copy()
    ax = _labelled(plotting.plot_errors(x, t, p))
    segs = next(c for c in ax.collections if isinstance(c, LineCollection)).get_segments()
    assert len(segs) == 8
    for seg, xi, ti, pi in zip(segs, x, t, p, strict=True):
        np.testing.assert_allclose(seg, [[xi, ti], [xi, pi]])
    mae = np.mean(np.abs(t - p))  # reference: the definition (sklearn mean_absolute_error)
    assert f"MAE {mae:.3g}" in ax.get_title()
    with pytest.raises(ValueError, match="same shape"):
        plotting.plot_errors(x, t, p[:-1])


def _bands(ax):
    return [p for p in ax.patches if "overfitting" in str(p.get_label())]


def _span(band):
    """The epochs a band covers: (left, right) edge of the rectangle axvspan drew."""
    return band.get_x(), band.get_x() + band.get_width()


def test_loss_curves_mark_best_epoch_and_overfitting():
    train = np.linspace(1.0, 0.1, 10)
    val = np.array([1.0, 0.8, 0.6, 0.5, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8])  # minimum at epoch 5
    ax = _labelled(plotting.plot_loss_curves(train, val))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    # epochs 6-10 rise above 1.05 * 0.45 = 0.4725 while training falls: one band, 6 to 10
    assert "best epoch (5)" in labels and "overfitting (validation > 1.05 × best)" in labels
    # underfitting is a level, not a shape: never shaded (it was before)
    assert not any("underfitting" in label for label in labels)
    (band,) = _bands(ax)
    assert _span(band) == (6, 10)
    star = next(ln for ln in ax.get_lines() if ln.get_label() == "best epoch (5)")
    assert (star.get_xdata()[0], star.get_ydata()[0]) == (5, 0.45)
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), np.arange(1, 11))


def test_loss_curves_without_a_rise_have_no_overfitting_region():
    ax = plotting.plot_loss_curves([3, 2, 1], [3.5, 2.5, 1.5])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "overfitting" not in labels and "best epoch (3)" in labels
    ax = _labelled(plotting.plot_loss_curves([3, 2, 1]))
    assert len(ax.get_lines()) == 1
    with pytest.raises(ValueError, match="same shape"):
        plotting.plot_loss_curves([3, 2, 1], [1, 2])


def test_loss_curves_shade_no_converged_flat_or_diverging_run():
    # converged: after its minimum at epoch 71 the validation loss drifts up by under 2 %
    tr = 0.1 + np.exp(-np.arange(100) / 10)
    va = tr + 0.01
    va[60:] += 1e-4 * np.arange(40)
    # flat and high (underfitting), and a diverging run (both losses rise together)
    runs = [(tr, va), (np.full(50, 0.3), np.full(50, 0.5)), (np.exp(np.arange(30) / 5),) * 2]
    for train, val in runs:
        ax = plotting.plot_loss_curves(train, val)
        assert _bands(ax) == []
        texts = [t.get_text() for t in ax.get_legend().get_texts()]
        assert not any("fitting" in text for text in texts)
        plt.close(ax.figure)


def test_loss_curves_shade_only_the_overfitting_epochs():
    tr = np.exp(-np.arange(100) / 20)
    va = 0.5 + (np.arange(100) - 50) ** 2 / 1000  # best at epoch 51
    ax = plotting.plot_loss_curves(tr, va)
    (band,) = _bands(ax)
    # by hand: the first epoch after 51 with va > 1.05 * 0.5 is epoch 57 (0.5 + 36/1000)
    assert _span(band) == (57, 100)
    with pytest.raises(ValueError, match="rtol"):
        plotting.plot_loss_curves(tr, va, rtol=-0.1)


def test_loss_curves_label_one_band_per_run_once():
    # two separate overfitting stretches: two bands, one legend entry
    tr = np.linspace(1.0, 0.1, 9)
    va = np.array([1.0, 0.5, 0.6, 0.6, 0.5, 0.51, 0.6, 0.7, 0.8])  # best 0.5 at epoch 2
    ax = plotting.plot_loss_curves(tr, va)
    bands = _bands(ax)
    spans = sorted(_span(p) for p in bands)
    assert spans == [(3, 4), (7, 9)]
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert sum("overfitting" in text for text in texts) == 1


def test_regularization_path_draws_each_coefficient():
    lams = np.geomspace(0.01, 10, 5)
    coefs = np.column_stack([1 / (1 + lams), -0.5 / (1 + lams)])
    ax = _labelled(plotting.plot_regularization_path(lams, coefs, names=["a", "b"]))
    lines = [ln for ln in ax.get_lines() if ln.get_label() in ("a", "b")]
    np.testing.assert_allclose(lines[1].get_ydata(), coefs[:, 1])
    assert ax.get_xscale() == "log"
    with pytest.raises(ValueError, match="must be > 0 on a log axis"):
        plotting.plot_regularization_path([0.0, 1.0], [[1.0], [0.5]])
    with pytest.raises(ValueError, match="shape"):
        plotting.plot_regularization_path(lams, coefs[:3])


def test_reliability_diagram_draws_the_calibration_curve_and_its_ece():
    y = np.array([0, 0, 1, 1, 0, 1])
    p = np.array([0.1, 0.2, 0.7, 0.9, 0.8, 0.85])
    ax = plotting.plot_reliability_diagram(y, p, n_bins=2, label="m")
    # By hand, bins [0, 0.5] and (0.5, 1]: (0.15, 0) and (0.8125, 0.75);
    # ECE = (2 * 0.15 + 4 * 0.0625) / 6 = 0.55 / 6 = 0.0917.
    line = next(ln for ln in ax.get_lines() if ln.get_label().startswith("m "))
    np.testing.assert_allclose(line.get_xdata(), [0.15, 0.8125])
    np.testing.assert_allclose(line.get_ydata(), [0.0, 0.75])
    assert line.get_label() == "m (ECE 0.092)"
    # A second model on the same axes gets its own line and no second diagonal.
    plotting.plot_reliability_diagram(y, np.full(6, 0.5), n_bins=2, ax=ax, label="base rate")
    labels = [ln.get_label() for ln in ax.get_lines()]
    assert labels.count("perfect calibration") == 1
    assert "base rate (ECE 0.000)" in labels
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    plt.close(ax.figure)


def test_reliability_diagram_rejects_bad_probabilities():
    with pytest.raises(ValueError, match="probs"):
        plotting.plot_reliability_diagram([0, 1], [0.2, 1.5])
    with pytest.raises(ValueError, match="n_bins"):
        plotting.plot_reliability_diagram([0, 1], [0.2, 0.5], n_bins=0)
