"""Metrics of predicted labels: accuracy, precision, recall, F1 and the confusion matrix.

These judge hard decisions (one label per example), with scikit-learn's semantics.

Labels may be integers (booleans and integer-valued floats count as integers) or strings,
but not both at once. Every score is a Python float; where a score is undefined (a zero
denominator) it is 0.0, as scikit-learn's ``zero_division=0``.
"""

from __future__ import annotations

import numbers

import numpy as np
import numpy.typing as npt

from lossedu._validation import as_label_array, check_same_shape

__all__ = [
    "AVERAGES",
    "accuracy",
    "confusion_matrix",
    "f1",
    "precision",
    "recall",
]

#: The values the ``average`` option of precision, recall and f1 accepts.
AVERAGES = ("binary", "macro", "micro", "weighted")


def _check_pair(y_true, y_pred) -> tuple[np.ndarray, np.ndarray]:
    """Return both label arrays, checked for shape and for one kind of label."""
    t = as_label_array(y_true, "y_true")
    p = as_label_array(y_pred, "y_pred")
    check_same_shape(t, p, "y_true", "y_pred")
    _check_same_kind(t, p, "y_true", "y_pred")
    return t, p


def _check_same_kind(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if (a.dtype.kind == "U") != (b.dtype.kind == "U"):
        kind_a = "strings" if a.dtype.kind == "U" else "numbers"
        kind_b = "strings" if b.dtype.kind == "U" else "numbers"
        raise TypeError(
            f"{name_a} holds {kind_a} but {name_b} holds {kind_b}; labels must be of one kind. "
            "Convert one of them, e.g. np.asarray(y, dtype=str)."
        )


def _index_of(values: np.ndarray, classes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Position of each value in ``classes`` and a mask of the values found there."""
    order = np.argsort(classes, kind="stable")
    ranked = classes[order]
    pos = np.searchsorted(ranked, values)
    pos_clipped = np.minimum(pos, ranked.size - 1)
    found = ranked[pos_clipped] == values
    return order[pos_clipped], found


def _count(t: np.ndarray, p: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Confusion counts over ``classes`` (rows true, columns predicted), no Python loop."""
    k = classes.size
    it, found_t = _index_of(t, classes)
    ip, found_p = _index_of(p, classes)
    keep = found_t & found_p  # samples with a label outside ``classes`` are left out
    counts = np.bincount(it[keep] * k + ip[keep], minlength=k * k)
    return counts.reshape(k, k).astype(np.int64)


def _divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den with 0.0 where den is 0 (scikit-learn's zero_division=0)."""
    out = np.zeros(num.shape, dtype=np.float64)
    np.divide(num, den, out=out, where=den > 0)
    return out


def _scores(y_true, y_pred, average, pos_label) -> tuple[float, float, float]:
    """Precision, recall and F1 under one averaging rule."""
    if not isinstance(average, str) or average not in AVERAGES:
        raise ValueError(
            "average must be one of 'binary', 'macro', 'micro', 'weighted'; got "
            f"{average!r}. Use 'binary' for two classes, 'macro' to weigh every class equally."
        )
    if isinstance(pos_label, np.bool_):  # NumPy's bool is not a numbers.Real
        pos_label = bool(pos_label)
    if not isinstance(pos_label, (numbers.Real, str)):
        raise TypeError(
            f"pos_label must be a single label (an integer or a string), got "
            f"{type(pos_label).__name__}."
        )
    t, p = _check_pair(y_true, y_pred)
    classes = np.unique(np.concatenate([t, p]))
    cm = _count(t, p, classes)
    tp = np.diag(cm).astype(np.float64)
    pred = cm.sum(axis=0).astype(np.float64)  # tp + fp per class
    true = cm.sum(axis=1).astype(np.float64)  # tp + fn per class (the support)
    if average == "binary":
        present = classes.tolist()
        if len(present) > 2:
            raise ValueError(
                f"y_true and y_pred hold {len(present)} labels {present}, but average='binary' "
                "needs at most two. For multi-class labels use average='macro', 'micro' or "
                "'weighted'."
            )
        if pos_label in present:
            i = present.index(pos_label)
            tp, pred, true = tp[i : i + 1], pred[i : i + 1], true[i : i + 1]
        elif len(present) == 2:
            raise ValueError(
                f"pos_label={pos_label!r} is not one of the labels {present}; pass the "
                "positive class, e.g. pos_label=" + repr(present[-1]) + "."
            )
        else:  # as scikit-learn: the positive class never occurs, every ratio is 0/0
            tp = pred = true = np.zeros(1)
    elif average == "micro":
        tp, pred, true = tp.sum(keepdims=True), pred.sum(keepdims=True), true.sum(keepdims=True)
    weights = true if average == "weighted" else None
    per_class = (_divide(tp, pred), _divide(tp, true), _divide(2.0 * tp, pred + true))
    precision, recall, f1_score = (float(np.average(s, weights=weights)) for s in per_class)
    return precision, recall, f1_score


def accuracy(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> float:
    r"""Fraction of samples whose predicted label equals the true label.

    .. math::

        \mathrm{accuracy} = \frac{1}{n} \sum_{i=1}^{n} \mathbb{1}[\hat y_i = y_i]

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        Class labels, integers or strings (one kind for both).

    Returns
    -------
    float
        A number in [0, 1].

    Notes
    -----
    With imbalanced classes accuracy misleads: always predicting the majority class of a
    95/5 split scores 0.95. Precision, recall and F1 of the rare class tell the truth.

    References
    ----------
    scikit-learn developers (2024). *Metrics and scoring: accuracy score*.
    https://scikit-learn.org/stable/modules/model_evaluation.html#accuracy-score

    Examples
    --------
    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    t, p = _check_pair(y_true, y_pred)
    return float(np.mean(t == p))


_PRF_NOTES = """
    Per class c, with true positives TP, false positives FP and false negatives FN:
    precision TP / (TP + FP), recall TP / (TP + FN), F1 2 TP / (2 TP + FP + FN), each 0.0
    where its denominator is 0 (scikit-learn's ``zero_division=0``). The classes are the
    labels found in ``y_true`` or ``y_pred``. ``average`` combines them:

    - ``"binary"``: the score of ``pos_label`` alone. More than two labels raise ValueError.
      If two labels occur and neither is ``pos_label``, ValueError; if only one label
      occurs and it is not ``pos_label``, the positive class is simply absent and the score
      is 0.0 (as scikit-learn).
    - ``"macro"``: the unweighted mean over classes (macro-F1 is the mean of per-class F1,
      not the F1 of macro precision and recall).
    - ``"micro"``: pool TP, FP, FN over all classes first; for single-label data this
      equals the accuracy.
    - ``"weighted"``: the mean over classes weighted by their support TP + FN.

    ``pos_label`` is ignored unless ``average="binary"``.
"""


def precision(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, average: str = "binary", pos_label=1
) -> float:
    r"""Precision: of the samples predicted positive, the fraction that are positive.

    .. math::

        \mathrm{precision} = \frac{TP}{TP + FP}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        Class labels, integers or strings (one kind for both).
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        How scores of several classes are combined (see Notes).
    pos_label : int or str, default 1
        The positive class when ``average="binary"``.

    Returns
    -------
    float
        A number in [0, 1].

    Notes
    -----{notes}
    References
    ----------
    scikit-learn developers (2024). *Metrics and scoring: precision, recall and
    F-measures*. https://scikit-learn.org/stable/modules/model_evaluation.html

    Examples
    --------
    >>> precision([0, 1, 1, 0], [1, 1, 0, 0])
    0.5
    >>> precision([0, 1, 2, 2], [0, 2, 2, 2], average="macro")  # (1 + 0 + 2/3) / 3
    0.5555555555555555
    """
    return _scores(y_true, y_pred, average, pos_label)[0]


def recall(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, average: str = "binary", pos_label=1
) -> float:
    r"""Recall (sensitivity): of the positive samples, the fraction predicted positive.

    .. math::

        \mathrm{recall} = \frac{TP}{TP + FN}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        Class labels, integers or strings (one kind for both).
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        How scores of several classes are combined (see Notes).
    pos_label : int or str, default 1
        The positive class when ``average="binary"``.

    Returns
    -------
    float
        A number in [0, 1].

    Notes
    -----{notes}
    References
    ----------
    scikit-learn developers (2024). *Metrics and scoring: precision, recall and
    F-measures*. https://scikit-learn.org/stable/modules/model_evaluation.html

    Examples
    --------
    >>> recall([0, 1, 1, 0], [1, 1, 0, 0])
    0.5
    >>> recall(["cat", "dog", "dog"], ["dog", "dog", "dog"], pos_label="cat")
    0.0
    """
    return _scores(y_true, y_pred, average, pos_label)[1]


def f1(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, average: str = "binary", pos_label=1
) -> float:
    r"""F1 score: the harmonic mean of precision and recall.

    .. math::

        F_1 = \frac{2 \, \mathrm{precision} \cdot \mathrm{recall}}
                   {\mathrm{precision} + \mathrm{recall}}
            = \frac{2\,TP}{2\,TP + FP + FN}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        Class labels, integers or strings (one kind for both).
    average : {"binary", "macro", "micro", "weighted"}, default "binary"
        How scores of several classes are combined (see Notes).
    pos_label : int or str, default 1
        The positive class when ``average="binary"``.

    Returns
    -------
    float
        A number in [0, 1].

    Notes
    -----{notes}
    References
    ----------
    van Rijsbergen, C. J. (1979). *Information Retrieval*, 2nd ed., ch. 7 (the F-measure).
    scikit-learn developers (2024). *Metrics and scoring: precision, recall and
    F-measures*. https://scikit-learn.org/stable/modules/model_evaluation.html

    Examples
    --------
    >>> f1([0, 1, 1, 0], [1, 1, 0, 0])
    0.5
    >>> f1([0, 0, 0], [0, 0, 0])  # no positive anywhere: 0 / 0 is scored 0.0, not NaN
    0.0
    """
    return _scores(y_true, y_pred, average, pos_label)[2]


for _fn in (precision, recall, f1):
    if _fn.__doc__:  # None under python -OO
        _fn.__doc__ = _fn.__doc__.replace("{notes}", _PRF_NOTES)


def confusion_matrix(
    y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, labels: npt.ArrayLike | None = None
) -> np.ndarray:
    r"""Count samples by (true label, predicted label).

    .. math::

        C_{ij} = \#\{\, s : y_s = \ell_i \text{ and } \hat y_s = \ell_j \,\}

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n,)
        Class labels, integers or strings (one kind for both).
    labels : array-like of shape (k,), optional
        The labels that index the rows and columns, in that order. By default the sorted
        labels found in ``y_true`` or ``y_pred``.

    Returns
    -------
    ndarray of int64, shape (k, k)
        Rows are true labels, columns predicted labels (as scikit-learn), so the diagonal
        counts correct predictions and row sums are the class supports.

    Notes
    -----
    As scikit-learn, samples whose true or predicted label is not in ``labels`` are left
    out, and at least one of ``labels`` must occur in ``y_true``. Unlike scikit-learn,
    repeated entries in ``labels`` raise ValueError.

    References
    ----------
    scikit-learn developers (2024). *Metrics and scoring: confusion matrix*.
    https://scikit-learn.org/stable/modules/model_evaluation.html#confusion-matrix

    Examples
    --------
    >>> confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2])
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    >>> confusion_matrix(["a", "b", "b"], ["b", "b", "a"], labels=["b", "a"])
    array([[1, 1],
           [1, 0]])
    """
    t, p = _check_pair(y_true, y_pred)
    if labels is None:
        classes = np.unique(np.concatenate([t, p]))
    else:
        classes = as_label_array(labels, "labels")
        _check_same_kind(classes, t, "labels", "y_true")
        if np.unique(classes).size != classes.size:
            raise ValueError(
                f"labels must not repeat a label, got {classes.tolist()}. "
                "Pass each label once, in the order you want the rows and columns."
            )
        if not np.any(np.isin(classes, t)):
            raise ValueError(
                f"none of labels {classes.tolist()} occurs in y_true; pass at least one "
                "label that does, or labels=None to use the labels found."
            )
    return _count(t, p, classes)
