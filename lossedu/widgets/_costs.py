"""Cost explorer: the decision threshold on the ROC and PR curves, and the expected cost."""

from __future__ import annotations

import numpy as np

from lossedu import metrics, model_selection
from lossedu._plot_style import PALETTE
from lossedu._validation import check_int
from lossedu.widgets import _svg
from lossedu.widgets._fallback import Explorer, Layer, slider
from lossedu.widgets._threshold import make_scores

RATIOS = (1.0, 2.0, 3.0, 5.0, 10.0, 20.0)  # C_FN / C_FP
THRESHOLDS = np.round(np.arange(1, 40) * 0.025, 3)
GRID = np.linspace(0.005, 0.995, 199)  # where the cost curve is drawn and minimised


def _costs(ratio: float) -> tuple[float, float]:
    """C_FP and C_FN with the ratio C_FN / C_FP = ratio and C_FP + C_FN = 1."""
    return 1.0 / (1.0 + ratio), ratio / (1.0 + ratio)


def cost_explorer(y_true=None, probs=None, *, seed: int = 0) -> Explorer:
    """Slide the threshold and the cost ratio: the operating point on ROC and PR, and the cost.

    The costs are normalised to C_FP + C_FN = 1, so that costs of different ratios share one
    axis. The curves come from :func:`lossedu.metrics.roc_curve` and
    :func:`lossedu.metrics.precision_recall_curve`, the operating point from
    :func:`lossedu.model_selection.threshold_curve`, the costs from
    :func:`lossedu.model_selection.expected_cost` and the theoretical optimum from
    :func:`lossedu.model_selection.cost_threshold`.

    Parameters
    ----------
    y_true : array-like of 0/1 labels, optional
    probs : array-like of probabilities of class 1, same shape, optional
        By default the seeded imbalanced example of :func:`threshold_explorer`.

    Examples
    --------
    >>> explorer = cost_explorer([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9])
    >>> "<script>" in explorer.html() and "http" not in explorer.html()
    True
    """
    if (y_true is None) != (probs is None):
        raise ValueError("pass both y_true and probs, or neither (for the built-in example).")
    seed = check_int(seed, "seed", low=0)
    if y_true is None:
        y_true, probs = make_scores(seed)
    model_selection.threshold_curve(y_true, probs)  # checks labels, probabilities and shapes
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(probs, dtype=float)
    fpr, tpr, _ = metrics.roc_curve(y, p)
    prec, rec, _ = metrics.precision_recall_curve(y, p)
    base = float(y.mean())
    curves = {
        r: model_selection.expected_cost(y, p, GRID, c_fp=_costs(r)[0], c_fn=_costs(r)[1])
        for r in RATIOS
    }
    top = 1.1 * max(float(c.max()) for c in curves.values())

    roc = _svg.Panel(
        60,
        50,
        220,
        220,
        (0, 1),
        (0, 1),
        xlabel="false-positive rate",
        ylabel="recall (true-positive rate)",
        title=f"ROC, AUC {metrics.roc_auc(y, p):.3f}",
    )
    pr = _svg.Panel(
        350,
        50,
        220,
        220,
        (0, 1),
        (0, 1.02),
        xlabel="recall",
        ylabel="precision",
        title=f"Precision-recall, AP {metrics.average_precision(y, p):.3f}",
    )
    cost = _svg.Panel(
        640,
        50,
        240,
        220,
        (0, 1),
        (0, top),
        xlabel="decision threshold",
        ylabel="expected cost per example",
        title="Expected cost (C_FP + C_FN = 1)",
    )
    under = roc.axes() + pr.axes() + cost.axes()
    under += roc.clip(
        roc.line([0, 1], [0, 1], color="#999999", dash="4 3")
        + roc.line(fpr, tpr, color=PALETTE[0], width=2)
    )
    under += pr.clip(
        pr.line([0, 1], [base, base], color="#999999", dash="4 3", width=1.5)
        + pr.line(rec, prec, color=PALETTE[0], width=2)
        + pr.text(0.02, base + 0.03, f"base rate {base:.2f}", size=11)
    )

    def draw_threshold(threshold) -> str:
        s = model_selection.threshold_curve(y, p, thresholds=[threshold])
        (tn, fp), (_, _) = s["confusion_matrix"][0]
        fpr_t = fp / max(tn + fp, 1)
        out = roc.clip(roc.markers([fpr_t], [s["recall"][0]], color=PALETTE[1], size=6))
        out += pr.clip(pr.markers([s["recall"][0]], [s["precision"][0]], color=PALETTE[1], size=6))
        out += cost.clip(cost.line([threshold, threshold], [0, top], color=PALETTE[1], width=1.5))
        return out

    def draw_ratio(ratio) -> str:
        c_fp, c_fn = _costs(ratio)
        t_star = model_selection.cost_threshold(c_fp, c_fn)
        curve = curves[ratio]
        t_emp = float(GRID[np.argmin(curve)])
        out = cost.clip(
            cost.line(GRID, curve, color=PALETTE[0], width=2)
            + cost.line([t_star, t_star], [0, top], color=PALETTE[2], dash="5 3", width=1.5)
            + cost.markers([t_emp], [float(curve.min())], color=PALETTE[2], shape="D", size=5)
        )
        out += cost.clip(
            cost.text(0.97, 0.93 * top, f"C_FP/(C_FP+C_FN) = {t_star:.3f}", anchor="end", size=11)
            + cost.text(0.97, 0.85 * top, f"lowest cost at {t_emp:.3f}", anchor="end", size=11)
        )
        return out

    def draw_both(threshold, ratio) -> str:
        c_fp, c_fn = _costs(ratio)
        here = model_selection.expected_cost(y, p, threshold, c_fp=c_fp, c_fn=c_fn)
        best = float(curves[ratio].min())
        return cost.clip(cost.markers([threshold], [here], color=PALETTE[1], size=5)) + (
            f'<text x="600" y="336">cost at threshold {threshold:.3f}: {here:.4f}</text>'
            f'<text x="600" y="354">lowest cost on the grid: {best:.4f}</text>'
        )

    controls = [
        slider("threshold", "decision threshold", THRESHOLDS, "{:.3f}", 0.5),
        slider("ratio", "cost ratio C_FN / C_FP", RATIOS, "{:g}", 1.0),
    ]
    entries = [
        ("curve", PALETTE[0], "", None),
        ("current threshold", PALETTE[1], "", "o"),
        ("C_FP/(C_FP+C_FN)", PALETTE[2], "5 3", None),
        ("lowest cost", PALETTE[2], "", "D"),
    ]
    return Explorer(
        "cost",
        text="Cost explorer: move the sliders in Jupyter; the website shows a precomputed version.",
        title="A decision threshold on the ROC and PR curves, and its expected cost",
        controls=controls,
        layers=[
            Layer(("threshold",), draw_threshold),
            Layer(("ratio",), draw_ratio),
            Layer(("threshold", "ratio"), draw_both),
        ],
        size=(920, 400),
        under=under,
        over=_svg.legend(60, 318, entries, width=170),
    )
