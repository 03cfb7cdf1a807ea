"""The legibility rule of static figures on the website (_ext/figure_size.py), without a build."""

import re
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from _site import ROOT

from lossedu import _plot_style

sys.path.insert(0, str(ROOT / "_ext"))
import figure_size


@pytest.fixture
def png(tmp_path):
    """A course figure as the notebook stores it: a 2x PNG with its smallest font recorded."""
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot([0, 1], [0, 1])
    ax.annotate("note", (0.5, 0.5), fontsize=8)
    data, meta = _plot_style.figure_png(fig)
    plt.close(fig)
    path = tmp_path / "figure.png"
    path.write_bytes(data)
    return path, meta


def test_font_px_and_min_width_follow_from_the_recorded_font(png):
    path, meta = png
    metrics = figure_size.figure_metrics(path, meta["width"])
    # closed form: 8 pt at 100 CSS px per inch is 8 * 100 / 72 CSS px at the natural width
    assert metrics["font_px"] == pytest.approx(8 * 100 / 72, rel=0.01)
    # at min_width the 8 pt text is 9 CSS px (to the next whole pixel)
    scale = metrics["min_width"] / metrics["width"]
    assert (
        metrics["font_px"] * scale
        >= 9.0
        > metrics["font_px"] * (metrics["min_width"] - 1) / metrics["width"]
    )


def test_a_png_without_a_recorded_font_is_left_alone(tmp_path):
    Image = pytest.importorskip("PIL.Image")
    path = tmp_path / "plain.png"
    Image.new("RGB", (40, 30), "white").save(path, dpi=(200, 200))
    assert figure_size.figure_metrics(path, 20) is None
    tag = '<img alt="a plain picture" src="../_images/plain.png" />'
    match = figure_size.IMG.search(tag)
    assert figure_size._rewrite(match, {"plain.png": path}) == tag


def test_the_img_tag_gets_its_box_minimum_width_and_data(png):
    path, meta = png
    tag = (
        f'<img alt="A &quot;line&quot;." src="../_images/figure-palette.png" '
        f'style="width: {meta["width"]}px; height: {meta["height"]}px;" />'
    )
    out = figure_size._rewrite(figure_size.IMG.search(tag), {"figure-palette.png": path})
    metrics = figure_size.figure_metrics(path, meta["width"])
    assert out.startswith('<div class="lossedu-figure" tabindex="0" role="group"')
    assert 'aria-label="A &quot;line&quot;."' in out and out.endswith("</div>")
    assert f"min-width:{metrics['min_width']}px;width: {meta['width']}px" in out
    assert 'class="lossedu-png"' in out
    assert float(re.search(r'data-font-px="([\d.]+)"', out).group(1)) == pytest.approx(
        metrics["font_px"], abs=0.01
    )
