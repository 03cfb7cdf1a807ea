"""Weight penalties added to a loss: L1 (lasso), L2 (ridge) and the elastic net.

Each penalty ``NAME(w, lam)`` sits beside ``NAME_grad(w, lam)``, its gradient with respect
to ``w`` in the shape of ``w``. The weights may have any shape; the penalties sum over all
of their entries. The regularised objective of a chapter is ``loss + penalty``.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import numpy.typing as npt

from lossedu._validation import (
    Unrepresentable,
    as_float_array,
    check_choice,
    check_in_interval,
    check_int,
    check_nonnegative,
    check_positive,
    check_representable,
    scaled_power_sum,
)

__all__ = [
    "elastic_net_penalty",
    "elastic_net_penalty_grad",
    "l1_penalty",
    "l1_penalty_grad",
    "l2_penalty",
    "l2_penalty_grad",
    "map_penalty_strength",
    "penalised_least_squares",
    "soft_threshold",
]

PENALTIES = ("l1", "l2", "elastic_net")

_L1_RATIO_HINT = " l1_ratio=1 is the L1 (lasso) penalty, l1_ratio=0 the L2 (ridge) penalty."


_FIX = "Rescale w (or use a smaller lam) so that the penalty stays below 1e308."


def _check(w, lam) -> tuple[np.ndarray, float]:
    return as_float_array(w, "w"), check_nonnegative(lam, "lam")


def l1_penalty(w: npt.ArrayLike, lam: float) -> float:
    r"""L1 (lasso) penalty: ``lam`` times the sum of absolute weights.

    .. math::

        \Omega(w) = \lambda \sum_j |w_j|

    Parameters
    ----------
    w : array-like, any shape
        The weights.
    lam : float
        Strength :math:`\lambda \ge 0`.

    Returns
    -------
    float

    Notes
    -----
    The penalty has a kink at 0, which is why L1 drives weights to exactly zero (sparsity).

    References
    ----------
    Tibshirani, R. (1996). Regression shrinkage and selection via the lasso. *Journal of
    the Royal Statistical Society, Series B*, 58(1), 267-288.

    Examples
    --------
    >>> l1_penalty([1.0, -2.0, 0.0], 0.5)
    1.5
    """
    w, lam = _check(w, lam)
    return scaled_power_sum(w, 1, lam, "l1_penalty", _FIX)


def l1_penalty_grad(w: npt.ArrayLike, lam: float) -> np.ndarray:
    r"""Gradient (a subgradient at 0) of :func:`l1_penalty` with respect to ``w``.

    .. math::

        \frac{\partial \Omega}{\partial w_j} = \lambda \operatorname{sign}(w_j),
        \qquad \operatorname{sign}(0) = 0

    Parameters
    ----------
    w : array-like, any shape
        The weights.
    lam : float
        Strength :math:`\lambda \ge 0`.

    Returns
    -------
    ndarray, shape of ``w``

    Notes
    -----
    At :math:`w_j = 0` the penalty is not differentiable; 0 is the subgradient chosen (the
    one of smallest norm in :math:`[-\lambda, \lambda]`).

    References
    ----------
    Tibshirani, R. (1996). Regression shrinkage and selection via the lasso. *Journal of
    the Royal Statistical Society, Series B*, 58(1), 267-288.

    Examples
    --------
    >>> l1_penalty_grad([1.0, -2.0, 0.0], 0.5)
    array([ 0.5, -0.5,  0. ])
    """
    w, lam = _check(w, lam)
    return lam * np.sign(w) + 0.0  # + 0.0 turns -0.0 into 0.0, so nothing prints as "-0."


def l2_penalty(w: npt.ArrayLike, lam: float) -> float:
    r"""L2 (ridge) penalty: ``lam`` times the sum of squared weights (no factor 1/2).

    .. math::

        \Omega(w) = \lambda \sum_j w_j^2

    Parameters
    ----------
    w : array-like, any shape
        The weights.
    lam : float
        Strength :math:`\lambda \ge 0`.

    Returns
    -------
    float

    Notes
    -----
    Some texts write :math:`\frac{\lambda}{2}\lVert w \rVert^2`; this one does not halve, so
    the gradient is :math:`2 \lambda w`.

    The penalty shrinks the weight vector's length, not every weight: as :math:`\lambda`
    grows, the penalised least-squares weights have a norm that only falls, but with
    correlated features a single weight can grow or change sign on the way, and a weight
    that is not 0 for every :math:`\lambda` is 0 at most at isolated values of
    :math:`\lambda` instead of staying there as under L1 (the "ridge trace" of Hoerl &
    Kennard 1970).

    References
    ----------
    Hoerl, A. E., & Kennard, R. W. (1970). Ridge regression: biased estimation for
    nonorthogonal problems. *Technometrics*, 12(1), 55-67.

    Examples
    --------
    >>> l2_penalty([1.0, -2.0, 0.0], 0.5)
    2.5
    """
    w, lam = _check(w, lam)
    return scaled_power_sum(w, 2, lam, "l2_penalty", _FIX)


def l2_penalty_grad(w: npt.ArrayLike, lam: float) -> np.ndarray:
    r"""Gradient of :func:`l2_penalty` with respect to ``w``.

    .. math::

        \frac{\partial \Omega}{\partial w_j} = 2 \lambda w_j

    Parameters
    ----------
    w : array-like, any shape
        The weights.
    lam : float
        Strength :math:`\lambda \ge 0`.

    Returns
    -------
    ndarray, shape of ``w``

    References
    ----------
    Hoerl, A. E., & Kennard, R. W. (1970). Ridge regression: biased estimation for
    nonorthogonal problems. *Technometrics*, 12(1), 55-67.

    Examples
    --------
    >>> l2_penalty_grad([1.0, -2.0, 0.0], 0.5)
    array([ 1., -2.,  0.])
    """
    w, lam = _check(w, lam)
    with np.errstate(over="ignore"):
        grad = 2.0 * lam * w + 0.0  # + 0.0 turns -0.0 into 0.0
    return check_representable(grad, "l2_penalty_grad", _FIX)


def elastic_net_penalty(w: npt.ArrayLike, lam: float, *, l1_ratio: float = 0.5) -> float:
    r"""Elastic-net penalty: a mix of the L1 and L2 penalties.

    .. math::

        \Omega(w) = \lambda \Big( \nu \sum_j |w_j| + (1 - \nu) \sum_j w_j^2 \Big),
        \qquad \nu = \texttt{l1\_ratio} \in [0, 1]

    Parameters
    ----------
    w : array-like, any shape
        The weights.
    lam : float
        Overall strength :math:`\lambda \ge 0`.
    l1_ratio : float, default 0.5
        The share :math:`\nu` of the L1 part: 1 gives :func:`l1_penalty`, 0 gives
        :func:`l2_penalty`.

    Returns
    -------
    float

    Notes
    -----
    Zou & Hastie (2005) write the penalty as :math:`\lambda_1 \lVert w \rVert_1 + \lambda_2
    \lVert w \rVert_2^2`; here :math:`\lambda_1 = \lambda\nu` and
    :math:`\lambda_2 = \lambda(1-\nu)`. scikit-learn's ``ElasticNet`` halves the L2 part,
    this function does not.

    References
    ----------
    Zou, H., & Hastie, T. (2005). Regularization and variable selection via the elastic
    net. *Journal of the Royal Statistical Society, Series B*, 67(2), 301-320.

    Examples
    --------
    >>> elastic_net_penalty([1.0, -2.0, 0.0], 0.5, l1_ratio=0.5)  # 0.5 * (0.5*3 + 0.5*5)
    2.0
    """
    w, lam = _check(w, lam)
    rho = check_in_interval(l1_ratio, "l1_ratio", 0.0, 1.0, hint=_L1_RATIO_HINT)
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(lam * (rho * np.sum(np.abs(w)) + (1.0 - rho) * np.sum(w * w)))
    if math.isfinite(total):
        return total
    # An intermediate overflowed: each part without overflow, then their sum, checked.
    l1 = scaled_power_sum(w, 1, lam * rho, "elastic_net_penalty", _FIX)
    l2 = scaled_power_sum(w, 2, lam * (1.0 - rho), "elastic_net_penalty", _FIX)
    if math.isfinite(l1 + l2):
        return l1 + l2
    raise Unrepresentable(f"elastic_net_penalty is beyond float64 (it exceeds 1.8e308). {_FIX}")


def elastic_net_penalty_grad(w: npt.ArrayLike, lam: float, *, l1_ratio: float = 0.5) -> np.ndarray:
    r"""Gradient of :func:`elastic_net_penalty` with respect to ``w``.

    .. math::

        \frac{\partial \Omega}{\partial w_j}
            = \lambda \big( \nu \operatorname{sign}(w_j) + 2 (1 - \nu) w_j \big),
        \qquad \operatorname{sign}(0) = 0

    Parameters
    ----------
    w : array-like, any shape
        The weights.
    lam : float
        Overall strength :math:`\lambda \ge 0`.
    l1_ratio : float, default 0.5
        The share :math:`\nu` of the L1 part.

    Returns
    -------
    ndarray, shape of ``w``

    References
    ----------
    Zou, H., & Hastie, T. (2005). Regularization and variable selection via the elastic
    net. *Journal of the Royal Statistical Society, Series B*, 67(2), 301-320.

    Examples
    --------
    >>> elastic_net_penalty_grad([1.0, -2.0, 0.0], 0.5, l1_ratio=0.5)
    array([ 0.75, -1.25,  0.  ])
    """
    w, lam = _check(w, lam)
    rho = check_in_interval(l1_ratio, "l1_ratio", 0.0, 1.0, hint=_L1_RATIO_HINT)
    with np.errstate(over="ignore"):
        grad = lam * (rho * np.sign(w) + 2.0 * (1.0 - rho) * w) + 0.0  # + 0.0: no -0.0
    return check_representable(grad, "elastic_net_penalty_grad", _FIX)


def soft_threshold(w: npt.ArrayLike, threshold: float) -> np.ndarray:
    r"""Soft-thresholding: the proximal operator of the L1 penalty, element by element.

    .. math::

        S_\tau(v) = \operatorname{sign}(v)\, \max(|v| - \tau, 0)
                  = \arg\min_u \; \tfrac12 (u - v)^2 + \tau |u|

    Parameters
    ----------
    w : array-like, any shape
        The point :math:`v` to shrink.
    threshold : float
        :math:`\tau \ge 0`: entries with :math:`|v| \le \tau` become exactly 0, the others
        move :math:`\tau` towards 0.

    Returns
    -------
    ndarray, shape of ``w``

    Notes
    -----
    A proximal-gradient (ISTA) step for ``loss(w) + lam * sum|w|`` (:func:`l1_penalty`) with
    learning rate ``lr`` is ``soft_threshold(w - lr * grad_loss(w), lr * lam)``: a gradient
    step on the smooth loss, then the exact minimiser of the penalty's part. Unlike a
    subgradient step with :func:`l1_penalty_grad`, which makes weights hop around 0, it sets
    them to exactly 0 (Daubechies, Defrise & De Mol 2004; Beck & Teboulle 2009). For the
    elastic net, :func:`elastic_net_penalty`, the proximal step is
    ``soft_threshold(v, lr * lam * l1_ratio) / (1 + 2 * lr * lam * (1 - l1_ratio))``.

    References
    ----------
    Donoho, D. L., & Johnstone, I. M. (1994). Ideal spatial adaptation by wavelet shrinkage.
    *Biometrika*, 81(3), 425-455.
    Daubechies, I., Defrise, M., & De Mol, C. (2004). An iterative thresholding algorithm for
    linear inverse problems with a sparsity constraint. *Communications on Pure and Applied
    Mathematics*, 57(11), 1413-1457.
    Beck, A., & Teboulle, M. (2009). A fast iterative shrinkage-thresholding algorithm for
    linear inverse problems. *SIAM Journal on Imaging Sciences*, 2(1), 183-202.

    Examples
    --------
    >>> soft_threshold([3.0, -0.5, 0.2, -2.0], 1.0)
    array([ 2.,  0.,  0., -1.])
    """
    w = as_float_array(w, "w")
    tau = check_nonnegative(threshold, "threshold")
    return np.sign(w) * np.maximum(np.abs(w) - tau, 0.0) + 0.0  # + 0.0 turns -0.0 into 0.0


def penalised_least_squares(
    X: npt.ArrayLike, y: npt.ArrayLike, lam: float, *, penalty: str, l1_ratio: float = 0.5
) -> np.ndarray:
    r"""The weights of a linear model (no intercept) that minimise MSE plus a penalty.

    .. math::

        \hat w = \arg\min_w \; \frac1n \lVert y - X w \rVert^2 + \Omega(w)

    with :math:`\Omega` one of :func:`l1_penalty` (the lasso), :func:`l2_penalty` (ridge)
    or :func:`elastic_net_penalty`, at strength ``lam``.

    Parameters
    ----------
    X : array-like, shape (n, d)
    y : array-like, shape (n,)
    lam : float
        Strength :math:`\lambda \ge 0`.
    penalty : {"l1", "l2", "elastic_net"}
    l1_ratio : float, default 0.5
        The L1 share of ``"elastic_net"`` (ignored otherwise).

    Returns
    -------
    ndarray, shape (d,)

    Notes
    -----
    Write the MSE as :math:`w^\top A w - 2 b^\top w + c` with :math:`A = X^\top X / n`,
    :math:`b = X^\top y / n`. L2 has the closed form :math:`(A + \lambda I)^{-1} b`
    (Hoerl & Kennard 1970). L1 and the elastic net are solved by cyclic coordinate
    descent (Friedman, Hastie & Tibshirani 2010): each weight in turn is set to its exact
    minimiser given the others, a soft-thresholding (:func:`soft_threshold`),

    .. math::

        w_j = S_{\lambda\nu/2}(b_j - \textstyle\sum_{k \ne j} A_{jk} w_k)
              \,/\, (A_{jj} + \lambda (1 - \nu)),

    until no weight moves by more than :math:`10^{-14}` relative to the largest (a
    RuntimeWarning after 10,000 sweeps). This is why the lasso sets weights to exactly 0;
    ridge shrinks the norm of the weights, while a single weight may grow or change sign.
    There is no intercept: centre ``X`` and ``y`` first to fit one unpenalised. scikit-learn
    writes these objectives with other constants: ``Ridge(alpha=n * lam)``,
    ``Lasso(alpha=lam / 2)``, both with ``fit_intercept=False``.

    References
    ----------
    Hoerl, A. E., & Kennard, R. W. (1970). Ridge regression: biased estimation for
    nonorthogonal problems. *Technometrics*, 12(1), 55-67.
    Tibshirani, R. (1996). Regression shrinkage and selection via the lasso. *Journal of
    the Royal Statistical Society, Series B*, 58(1), 267-288.
    Friedman, J., Hastie, T., & Tibshirani, R. (2010). Regularization paths for generalized
    linear models via coordinate descent. *Journal of Statistical Software*, 33(1), 1-22.

    Examples
    --------
    With orthonormal columns (:math:`A = I`) the lasso soft-thresholds :math:`b` at
    :math:`\lambda / 2` and ridge divides it by :math:`1 + \lambda`:

    >>> X, y = [[1.0, 0.0], [0.0, 1.0]], [6.0, 0.8]  # A = I / 2, b = (3, 0.4)
    >>> penalised_least_squares(X, y, 1.0, penalty="l1")  # S_0.5(b) / 0.5
    array([5., 0.])
    >>> penalised_least_squares(X, y, 1.0, penalty="l2")  # b / (0.5 + 1)
    array([2.        , 0.26666667])
    """
    X, y = as_float_array(X, "X"), as_float_array(y, "y")
    if X.ndim != 2 or y.shape != X.shape[:1]:
        raise ValueError(
            f"X must have shape (n, d) and y shape (n,), got {X.shape} and {y.shape}. "
            "For one feature, reshape X with X.reshape(-1, 1)."
        )
    lam = check_nonnegative(lam, "lam")
    penalty = check_choice(penalty, "penalty", PENALTIES)
    rho = {"l1": 1.0, "l2": 0.0}.get(penalty)
    if rho is None:
        rho = check_in_interval(l1_ratio, "l1_ratio", 0.0, 1.0, hint=_L1_RATIO_HINT)
    n, d = X.shape
    A, b = X.T @ X / n, X.T @ y / n
    if rho == 0.0:
        try:
            return np.linalg.solve(A + lam * np.eye(d), b)
        except np.linalg.LinAlgError:
            raise ValueError(
                "X has linearly dependent columns, so with lam=0 the least-squares weights "
                "are not unique; use lam > 0."
            ) from None
    try:  # start from the least-squares weights where they exist, else from zero
        w = np.linalg.solve(A, b)
    except np.linalg.LinAlgError:
        w = np.zeros(d)
    shrink = A.diagonal() + lam * (1.0 - rho)
    for _ in range(10_000):
        old = w.copy()
        for j in range(d):
            rho_j = b[j] - A[j] @ w + A[j, j] * w[j]
            # a zero column: the weight does not change the MSE, so the penalty keeps it 0
            w[j] = soft_threshold(rho_j, lam * rho / 2.0) / shrink[j] if shrink[j] > 0 else 0.0
        if np.max(np.abs(w - old)) <= 1e-14 * max(1.0, np.max(np.abs(w))):
            return w + 0.0
    warnings.warn(
        "penalised_least_squares: coordinate descent did not converge in 10,000 sweeps; "
        "the weights returned are approximate. Rescale the columns of X.",
        RuntimeWarning,
        stacklevel=2,
    )
    return w + 0.0


PRIORS = ("gaussian", "laplace")


def map_penalty_strength(
    noise_var: float, prior_scale: float, n: int, *, prior: str = "gaussian"
) -> float:
    r"""The penalty strength whose penalised MSE has the MAP estimate as its minimiser.

    With Gaussian noise of variance :math:`\sigma^2` on the targets and independent priors
    on the weights, the negative log posterior times :math:`2\sigma^2 / n` is the mean
    squared error plus a penalty (the constants dropped do not move the minimum):

    .. math::

        \lambda = \frac{\sigma^2}{n \tau^2} \;\; (w_j \sim \mathcal N(0, \tau^2),
        \text{ L2}), \qquad
        \lambda = \frac{2 \sigma^2}{n b} \;\; (w_j \sim \text{Laplace}(0, b),
        \text{ L1}),

    for the objective :math:`\frac1n \lVert y - X w \rVert^2 + \lambda \lVert w
    \rVert_2^2` (or :math:`+ \lambda \lVert w \rVert_1`) of :func:`l2_penalty`,
    :func:`l1_penalty` and :func:`penalised_least_squares`.

    Parameters
    ----------
    noise_var : float
        The noise variance :math:`\sigma^2 > 0`.
    prior_scale : float
        The prior's scale: the standard deviation :math:`\tau > 0` of the Gaussian prior,
        or the scale :math:`b > 0` of the Laplace prior (its variance is :math:`2b^2`).
    n : int
        The number of examples (the MSE is a mean over them).
    prior : {"gaussian", "laplace"}
        Gaussian gives the ridge (L2) strength, Laplace the lasso (L1) strength.

    Returns
    -------
    float

    Notes
    -----
    The MAP estimate is the mode of the posterior. For the Laplace prior it has exact zeros
    (it is the lasso); the posterior mean does not.

    References
    ----------
    Bishop, C. M. (2006). *Pattern Recognition and Machine Learning*, section 3.3.1.
    Murphy, K. P. (2022). *Probabilistic Machine Learning: An Introduction*, sections 11.3
    and 11.4.

    Examples
    --------
    >>> map_penalty_strength(0.25, 0.5, 100)  # 0.25 / (100 * 0.25)
    0.01
    >>> map_penalty_strength(0.25, 0.5, 100, prior="laplace")  # 2 * 0.25 / (100 * 0.5)
    0.01
    """
    noise_var = check_positive(noise_var, "noise_var")
    prior_scale = check_positive(prior_scale, "prior_scale")
    n = check_int(n, "n", low=1)
    prior = check_choice(prior, "prior", PRIORS)
    # divide step by step: prior_scale**2 could underflow to 0 for a tiny scale
    if prior == "gaussian":
        lam = noise_var / n / prior_scale / prior_scale
    else:
        lam = 2.0 * noise_var / n / prior_scale
    if not math.isfinite(lam) or lam == 0.0:
        raise ValueError(
            f"the penalty strength {lam} is not finite and positive for noise_var={noise_var}, "
            f"prior_scale={prior_scale}; rescale the targets or the weights."
        )
    return float(lam)
