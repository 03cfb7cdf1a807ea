"""lossedu.plotting: the shared style, every figure's axes contract, and deterministic output.

The figures themselves are tested in test_plotting_curves.py and test_plotting_maps.py."""

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from lossedu import plotting


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _labelled(ax):
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()
    return ax


def test_palette_is_okabe_ito():
    # reference: Okabe & Ito (2008), the eight colours of "Color Universal Design"
    okabe_ito = {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
    }
    assert set(plotting.PALETTE) == okabe_ito


def test_consecutive_styles_differ_in_colour_dash_and_marker():
    for i in range(len(plotting.PALETTE) - 1):
        a, b = plotting.style(i), plotting.style(i + 1)
        assert a["color"] != b["color"] and a["linestyle"] != b["linestyle"]
        assert a["marker"] != b["marker"]


def test_every_function_creates_axes_when_none_and_reuses_a_given_one():
    _, ax = plt.subplots()
    assert plotting.plot_loss_shapes(["mse"], ax=ax) is ax
    new = plotting.plot_loss_shapes(["mse"])
    assert new is not ax and new.figure is not ax.figure


def _svg_bytes():
    with plt.rc_context({"svg.hashsalt": "lossedu"}):
        fig, (a, b) = plt.subplots(1, 2)
        plotting.plot_loss_shapes(["mse", "huber"], ax=a)
        plotting.plot_loss_curves([3, 2, 1, 1.5], [3, 2.5, 2, 2.2], ax=b)
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    return buf.getvalue()


def test_figures_are_deterministic():
    assert _svg_bytes() == _svg_bytes()
