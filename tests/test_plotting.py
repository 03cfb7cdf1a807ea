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


# --- the course style: fonts, sharp PNGs, the recorded smallest font ------------------------


def test_importing_plotting_applies_the_course_fonts_and_colours():
    from lossedu import _plot_style

    for key, value in _plot_style.RC.items():
        assert matplotlib.rcParams[key] == value, key
    # every figure font is at least the tick size, which the site relies on
    assert min(_plot_style.FONT_PT.values()) == _plot_style.FONT_PT["ticks"]


def test_figure_png_is_twice_the_size_it_asks_to_be_shown_at():
    from PIL import Image

    from lossedu import _plot_style

    fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
    ax.plot([0, 1], [0, 1])
    data, meta = _plot_style.figure_png(fig)
    image = Image.open(io.BytesIO(data))
    # reference: the PNG header read by Pillow, independently of the function's own parsing
    assert (image.size[0] // 2, image.size[1] // 2) == (meta["width"], meta["height"])
    # a tight box around a 4 x 3 inch figure at 100 CSS px per inch: at most 400 x 300
    assert 300 < meta["width"] <= 400 and 200 < meta["height"] <= 300
    assert "Software" not in image.info  # no matplotlib version: the bytes stay stable


def test_figure_png_records_the_smallest_font_drawn():
    from PIL import Image

    from lossedu import _plot_style

    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("a title")
    data, _ = _plot_style.figure_png(fig)
    ticks = _plot_style.FONT_PT["ticks"]  # the smallest font of the course style
    assert Image.open(io.BytesIO(data)).info[_plot_style.PNG_FONT_KEY] == f"{ticks:g}"
    ax.annotate("small note", (0.5, 0.5), fontsize=7.5)
    ax.text(0.1, 0.1, "hidden", fontsize=3).set_visible(False)  # invisible text does not count
    ax.text(0.1, 0.2, "   ", fontsize=4)  # nor does blank text
    data, _ = _plot_style.figure_png(fig)
    assert Image.open(io.BytesIO(data)).info[_plot_style.PNG_FONT_KEY] == "7.5"


def test_figure_png_skips_empty_figures_and_rejects_other_objects():
    from lossedu import _plot_style

    assert _plot_style.figure_png(plt.figure()) is None
    with pytest.raises(TypeError, match="fig must be a matplotlib Figure"):
        _plot_style.figure_png("figure.png")


def test_course_style_outside_a_kernel_only_sets_rc():
    from lossedu import _plot_style

    matplotlib.rcParams["font.size"] = 3
    _plot_style.use_course_style()
    assert matplotlib.rcParams["font.size"] == _plot_style.FONT_PT["base"]
