"""Per-example weights that adapt to the loss: focal and self-paced weighting.

:func:`~lossedu.adaptive.focal_weights` is the factor :math:`(1 - p_t)^\\gamma` by which the
focal loss (Lin et al. 2017) scales the cross-entropy, and
:func:`~lossedu.adaptive.self_paced_weights` the hard 0/1 weights of self-paced learning
(Kumar, Packer & Koller 2010).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    as_float_array,
    check_labels_in,
    check_nonnegative,
    check_same_shape,
)

__all__ = ["focal_weights", "self_paced_weights"]


def focal_weights(
    y_true: npt.ArrayLike, logits: npt.ArrayLike, *, gamma: float = 2.0
) -> np.ndarray:
    r"""The focal loss's modulating factor :math:`(1 - p_t)^\gamma`, one per example.

    .. math::

        w = (1 - p_t)^{\gamma}, \qquad p_t = \sigma(z) \text{ if } y = 1, \;
        1 - \sigma(z) \text{ if } y = 0

    ``focal(..., alpha=None, reduction="none")`` is this weight times the cross-entropy
    :math:`-\log p_t`: well-classified (easy) examples, with :math:`p_t` near 1, get weights
    near 0; misclassified (hard) ones keep weights near 1 (Lin et al. 2017).

    Parameters
    ----------
    y_true : array_like of float
        Labels, each 0 or 1.
    logits : array_like of float, same shape
    gamma : float, default 2.0
        :math:`\gamma \ge 0`; 0 gives weight 1 everywhere.

    Returns
    -------
    numpy.ndarray
        Shape of ``logits``, values in [0, 1].

    Notes
    -----
    Computed as :math:`\exp(-\gamma\,\operatorname{softplus}(s))` with :math:`s = z` for
    positives and :math:`-z` for negatives, so :math:`1 - p_t` is never formed by a
    subtraction that would round to 0.

    References
    ----------
    Lin, T.-Y., Goyal, P., Girshick, R., He, K. & Dollár, P. (2017). Focal loss for dense
    object detection. *ICCV*, 2980-2988.

    Examples
    --------
    >>> focal_weights([1.0, 1.0, 0.0], [0.0, 2.0, 2.0], gamma=2.0).round(4)
    array([0.25  , 0.0142, 0.7758])
    """
    gamma = check_nonnegative(gamma, "gamma")
    t, z = as_float_array(y_true, "y_true"), as_float_array(logits, "logits")
    check_same_shape(t, z, "y_true", "logits")
    check_labels_in(t, (0.0, 1.0), "y_true")
    s = np.where(t == 1.0, z, -z)
    with np.errstate(over="ignore"):  # -gamma * softplus(s) = -inf gives the true weight 0
        return np.exp(-gamma * np.logaddexp(0.0, s))  # (1 - p_t)^gamma = sigmoid(-s)^gamma


def self_paced_weights(loss_values: npt.ArrayLike, *, lam: float) -> np.ndarray:
    r"""Self-paced learning's hard weights: 1 for examples easier than ``lam``, else 0.

    .. math::

        v_i = \begin{cases} 1 & \ell_i < \lambda \\ 0 & \text{otherwise} \end{cases}

    These weights minimise :math:`\sum_i v_i \ell_i - \lambda \sum_i v_i` over
    :math:`v \in \{0, 1\}^n` for fixed losses (Kumar, Packer & Koller 2010, who write
    :math:`\lambda = 1/K`). Raising ``lam`` over training lets harder examples in.

    Parameters
    ----------
    loss_values : array_like of float
        Per-example losses of the current model (any shape).
    lam : float
        The threshold, ``lam >= 0``.

    Returns
    -------
    numpy.ndarray
        0.0 or 1.0, shape of ``loss_values``.

    References
    ----------
    Kumar, M. P., Packer, B. & Koller, D. (2010). Self-paced learning for latent variable
    models. *NeurIPS 23*, 1189-1197.

    Examples
    --------
    >>> self_paced_weights([0.1, 0.5, 2.0], lam=0.5)
    array([1., 0., 0.])
    """
    values = as_float_array(loss_values, "loss_values")
    lam = check_nonnegative(lam, "lam")
    return (values < lam).astype(np.float64)
