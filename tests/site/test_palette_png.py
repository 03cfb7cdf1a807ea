"""The palette re-encoding of the website's figures (_ext/palette_png.py), without a build."""

import sys

import numpy as np
import pytest
from _site import ROOT

sys.path.insert(0, str(ROOT / "_ext"))
import palette_png

Image = pytest.importorskip("PIL.Image")


def _save(pixels: np.ndarray, path):
    Image.fromarray(pixels.astype(np.uint8), "RGB").save(path, "PNG")
    return path


def test_a_plot_becomes_a_smaller_palette_png_that_looks_the_same(tmp_path):
    # a plot-like picture: white background, three coloured lines, a grey frame
    pixels = np.full((300, 400, 3), 255, dtype=np.uint8)
    pixels[[0, -1], :] = 90
    pixels[:, [0, -1]] = 90
    for k, colour in enumerate([(0, 114, 178), (213, 94, 0), (0, 158, 115)]):
        x = np.arange(400)
        y = (150 + 80 * np.sin(x / (30 + 10 * k))).astype(int)
        for dy in range(2):
            pixels[np.clip(y + dy, 0, 299), x] = colour
    source = _save(pixels, tmp_path / "plot.png")
    target = tmp_path / "plot-palette.png"
    assert palette_png.palette_png(source, target)
    with Image.open(target) as image:
        assert image.mode == "P"
        decoded = np.asarray(image.convert("RGB"), dtype=np.int16)
    # mean absolute difference per channel, out of 255, computed here independently
    assert np.abs(decoded - pixels.astype(np.int16)).mean() <= palette_png.MAX_MEAN_ERROR
    assert target.stat().st_size <= 0.9 * source.stat().st_size


def test_a_smooth_colour_field_is_left_alone(tmp_path):
    # 65,536 distinct colours: 256 palette entries would band it visibly
    i, j = np.meshgrid(np.arange(256), np.arange(256), indexing="ij")
    pixels = np.stack([i, j, (i + j) // 2], axis=-1)
    source = _save(pixels, tmp_path / "field.png")
    target = tmp_path / "field-palette.png"
    assert not palette_png.palette_png(source, target)
    assert not target.exists()


def test_a_few_colour_plot_gets_a_small_palette_within_the_tighter_bound(tmp_path):
    # white, a grey frame and two flat colours: 64 colours hold it exactly
    pixels = np.full((200, 300, 3), 255, dtype=np.uint8)
    pixels[[0, -1], :] = 90
    pixels[50:60, :] = (0, 114, 178)
    pixels[120:125, :] = (213, 94, 0)
    source = _save(pixels, tmp_path / "flat.png")
    target = tmp_path / "flat-palette.png"
    assert palette_png.palette_png(source, target)
    with Image.open(target) as image:
        assert len(image.getpalette()) // 3 <= 64
        decoded = np.asarray(image.convert("RGB"), dtype=np.int16)
    # computed here independently: the tighter bound of a palette under 256 colours
    assert np.abs(decoded - pixels.astype(np.int16)).mean() <= palette_png.SMALL_PALETTE_ERROR
