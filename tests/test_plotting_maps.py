"""lossedu.plotting.maps: loss landscapes, decision boundaries and confusion matrices."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from test_plotting import _labelled

from lossedu import plotting


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_landscape_draws_contours_and_trajectories():
    path = np.array([[1.5, 1.5], [1.0, 0.5], [0.2, 0.1]])

    def f(w):
        return float(w[0] ** 2 + 3 * w[1] ** 2)

    ax = _labelled(
        plotting.plot_loss_landscape(
            f, trajectories={"GD": path}, minimum=(0, 0), levels=8, resolution=30
        )
    )
    contours = ax.collections[0]
    assert len(contours.levels) == 8
    gd = next(ln for ln in ax.get_lines() if ln.get_label() == "GD")
    np.testing.assert_array_equal(np.column_stack([gd.get_xdata(), gd.get_ydata()]), path)
    vec = plotting.plot_loss_landscape(
        lambda W: W[0] ** 2 + 3 * W[1] ** 2, vectorized=True, levels=8, resolution=30
    )
    np.testing.assert_allclose(vec.collections[0].levels, contours.levels)
    with pytest.raises(ValueError, match=r"shape \(steps, 2\)"):
        plotting.plot_loss_landscape(f, trajectories=[np.zeros((3, 3))], resolution=5)


def test_decision_boundary_lies_where_the_prediction_changes(rng):
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    ax = _labelled(plotting.plot_decision_boundary(lambda P: (P[:, 0] > 0).astype(int), X, y))
    boundary = ax.collections[1]  # contour of the class index at 0.5
    xs = np.concatenate([p.vertices[:, 0] for p in boundary.get_paths()])
    step = (X[:, 0].max() - X[:, 0].min() + 1.0) / 199
    assert np.all(np.abs(xs) <= step)  # the true boundary is x1 = 0, up to one grid cell
    points = next(ln for ln in ax.get_lines() if ln.get_label() == "class 1")
    assert len(points.get_xdata()) == int(y.sum())
    with pytest.raises(ValueError, match="not in y's classes"):
        plotting.plot_decision_boundary(lambda P: P[:, 0] * 0 + 0.7, X, y)


def test_confusion_matrix_shows_counts_and_normalised_rows():
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    t, p = [0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2]
    ax = _labelled(plotting.plot_confusion_matrix(t, p))
    expected = sklearn_metrics.confusion_matrix(t, p)  # reference: scikit-learn
    np.testing.assert_array_equal(ax.get_images()[0].get_array(), expected)
    assert [x.get_text() for x in ax.texts] == [str(v) for v in expected.ravel()]
    ax = plotting.plot_confusion_matrix(t, p, normalize=True)
    normed = sklearn_metrics.confusion_matrix(t, p, normalize="true")
    np.testing.assert_allclose(ax.get_images()[0].get_array(), normed)
