"""Tiny models with a hand-written backward pass, all trained by one training loop.

Each model keeps its parameters in ``model.params`` (a dict of float64 arrays), computes
its output with ``forward(X)`` and, given the gradient of a loss with respect to that
output, returns the gradient with respect to every parameter with ``backward(X,
grad_out)``. Training is forward -> loss -> backward -> update;
:func:`~lossedu.training.train_step` does it once and returns every intermediate number,
:func:`~lossedu.training.fit` repeats it over epochs and mini-batches and records a
:class:`~lossedu.training.History`.

Parameters named ``W...`` are weights, ``b...`` biases; penalties apply to weights only.
Outputs are raw: values for regression, logits (scores before the sigmoid or softmax)
for classification, to be paired with the ``*_with_logits`` losses.

This module offers the models :class:`LinearRegression`, :class:`LogisticRegression`,
:class:`SoftmaxRegression` and :class:`MLP`, and their base class :class:`Model` for new
models. The training loop lives in :mod:`lossedu.training`; :func:`~lossedu.training.fit`,
:func:`~lossedu.training.train_step` and :class:`~lossedu.training.History` are re-exported
here, so ``models.fit`` works.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from lossedu import losses
from lossedu._validation import (
    as_float_array,
    as_rng,
    check_choice,
    check_in_interval,
    check_int,
    check_positive,
    check_same_shape,
)
from lossedu.training import FIT_LOSSES as FIT_LOSSES
from lossedu.training import METRICS as METRICS
from lossedu.training import PENALTIES as PENALTIES
from lossedu.training import History as History
from lossedu.training import fit as fit
from lossedu.training import train_step as train_step

__all__ = [
    "MLP",
    "LinearRegression",
    "LogisticRegression",
    "Model",
    "SoftmaxRegression",
    "fit_line",
    "fit_mean_variance_line",
]

#: The hidden-layer activations of :class:`MLP`.
ACTIVATIONS = ("tanh", "relu")


class Model:
    """The base class of the models: input checks and parameter bookkeeping.

    A subclass sets ``n_features`` (the width of X) and ``params`` (a dict of float64
    arrays, weights named ``W...``, biases ``b...``) in its ``__init__``, and defines
    ``forward(X)``, ``backward(X, grad_out)`` and ``predict(X)``; then
    :func:`~lossedu.training.fit` trains it. Its methods validate with :meth:`check_X` and
    :meth:`check_grad_out`.

    Attributes
    ----------
    n_features : int
    params : dict of str to numpy.ndarray
    squeeze : bool
        True when a single output is returned as shape (n,) rather than (n, 1).

    Examples
    --------
    >>> class Scale(Model):
    ...     def __init__(self):
    ...         self.n_features, self.params, self.squeeze = 1, {"W": np.ones((1, 1))}, True
    ...     def forward(self, X):
    ...         return (self.check_X(X) @ self.params["W"])[:, 0]
    >>> Scale().set_params(W=[[3.0]]).forward([[2.0]])
    array([6.])
    """

    n_features: int
    params: dict[str, np.ndarray]
    squeeze: bool = False

    @property
    def weight_names(self) -> tuple[str, ...]:
        """The parameters a penalty applies to (the weights, not the biases)."""
        return tuple(name for name in self.params if name.startswith("W"))

    def set_params(self, **params: npt.ArrayLike) -> Model:
        """Replace some parameters (same names and shapes) with copies; return the model."""
        for name, value in params.items():
            if name not in self.params:
                raise ValueError(f"unknown parameter {name!r}; this model has {list(self.params)}.")
            array = as_float_array(value, name)
            if array.shape != self.params[name].shape:
                raise ValueError(
                    f"{name} must have shape {self.params[name].shape}, got {array.shape}."
                )
            self.params[name] = array.copy()
        return self

    def check_X(self, X: npt.ArrayLike) -> np.ndarray:
        """X as a float64 array of shape (n, n_features), or a ValueError that says the fix."""
        X = as_float_array(X, "X")
        if X.ndim != 2 or X.shape[1] != self.n_features:
            fix = " Reshape it with X.reshape(-1, 1)." if X.ndim == 1 else ""
            raise ValueError(
                f"X must have shape (n, {self.n_features}) for this model "
                f"(n_features={self.n_features}), got {X.shape}.{fix}"
            )
        return X

    def check_grad_out(self, grad_out: npt.ArrayLike, X: np.ndarray, n_out: int) -> np.ndarray:
        """The gradient as (n, n_out), whether the output is (n,) or (n, n_out)."""
        grad_out = as_float_array(grad_out, "grad_out")
        shape = (X.shape[0],) if self.squeeze else (X.shape[0], n_out)
        if grad_out.shape != shape:
            raise ValueError(
                f"grad_out must have the shape of forward(X), {shape}, got {grad_out.shape}."
            )
        return grad_out.reshape(X.shape[0], n_out)

    def _output(self, Z: np.ndarray) -> np.ndarray:
        return Z[:, 0] if self.squeeze else Z

    def __repr__(self) -> str:
        return f"{type(self).__name__}({getattr(self, '_signature', '')})"


class _Linear(Model):
    """Affine map ``X @ W + b``: W (n_features, n_outputs), b (n_outputs,)."""

    def __init__(self, n_features: int, n_outputs: int, squeeze: bool):
        self.n_features = check_int(n_features, "n_features")
        self._n_out = n_outputs
        self.squeeze = squeeze
        self.params = {"W": np.zeros((self.n_features, n_outputs)), "b": np.zeros(n_outputs)}

    def forward(self, X: npt.ArrayLike) -> np.ndarray:
        """Return the output ``X @ W + b``: shape (n,) for one output, else (n, n_outputs)."""
        X = self.check_X(X)
        return self._output(X @ self.params["W"] + self.params["b"])

    def backward(self, X: npt.ArrayLike, grad_out: npt.ArrayLike) -> dict[str, np.ndarray]:
        """Gradients of a loss with respect to W and b, given d(loss)/d(output).

        ``dW = X.T @ grad_out`` and ``db = grad_out.sum(axis=0)``.
        """
        X = self.check_X(X)
        G = self.check_grad_out(grad_out, X, self._n_out)
        return {"W": X.T @ G, "b": G.sum(axis=0)}


class LinearRegression(_Linear):
    """Linear regression, ``y_hat = X @ W + b``, starting from zero weights.

    Parameters
    ----------
    n_features : int
    n_outputs : int, default 1
        With one output, ``forward`` returns shape (n,), else (n, n_outputs).

    Examples
    --------
    >>> model = LinearRegression(1).set_params(W=[[2.0]], b=[1.0])
    >>> model.forward([[0.0], [1.0]])
    array([1., 3.])
    """

    def __init__(self, n_features: int, n_outputs: int = 1):
        n_outputs = check_int(n_outputs, "n_outputs")
        super().__init__(n_features, n_outputs, squeeze=n_outputs == 1)
        self._signature = f"n_features={self.n_features}, n_outputs={n_outputs}"

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """The predicted values (the same as ``forward``)."""
        return self.forward(X)


class LogisticRegression(_Linear):
    """Binary logistic regression; ``forward`` returns logits, shape (n,).

    Pair it with ``binary_cross_entropy_with_logits``; ``predict_proba`` applies the
    sigmoid. Starts from zero weights (every probability 0.5).

    Examples
    --------
    >>> model = LogisticRegression(2)
    >>> model.predict_proba([[1.0, 2.0]])
    array([0.5])
    """

    def __init__(self, n_features: int):
        super().__init__(n_features, 1, squeeze=True)
        self._signature = f"n_features={self.n_features}"

    def predict_proba(self, X: npt.ArrayLike) -> np.ndarray:
        """The probability of class 1, ``sigmoid(forward(X))``, shape (n,)."""
        return losses.sigmoid(self.forward(X))

    def predict(self, X: npt.ArrayLike, *, threshold: float = 0.5) -> np.ndarray:
        """Class labels: 1 where the probability is at least ``threshold``, else 0."""
        threshold = check_in_interval(threshold, "threshold", 0.0, 1.0)
        return (self.predict_proba(X) >= threshold).astype(np.int64)


class SoftmaxRegression(_Linear):
    """Multinomial logistic regression; ``forward`` returns logits, shape (n, n_classes).

    Pair it with ``categorical_cross_entropy_with_logits``; ``predict_proba`` applies the
    softmax to each row. Starts from zero weights (uniform probabilities).
    """

    def __init__(self, n_features: int, n_classes: int):
        n_classes = check_int(n_classes, "n_classes", low=2)
        super().__init__(n_features, n_classes, squeeze=False)
        self.n_classes = n_classes
        self._signature = f"n_features={self.n_features}, n_classes={n_classes}"

    def predict_proba(self, X: npt.ArrayLike) -> np.ndarray:
        """Class probabilities, the softmax of each row of logits, shape (n, n_classes)."""
        return losses.softmax(self.forward(X), axis=1)

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """The most probable class of each row, shape (n,)."""
        return np.argmax(self.forward(X), axis=1)


class MLP(Model):
    """A multilayer perceptron with one hidden layer: ``act(X @ W1 + b1) @ W2 + b2``.

    Parameters
    ----------
    n_in, n_hidden, n_out : int
        Sizes of the input, the hidden layer and the output. With ``n_out == 1``,
        ``forward`` returns shape (n,), else (n, n_out). The output is linear: values, or
        logits for a ``*_with_logits`` loss.
    activation : {"tanh", "relu"}
    rng : int, Generator or None
        Draws the initial weights: Glorot uniform for tanh (Glorot & Bengio 2010), He
        normal for ReLU (He et al. 2015); biases start at zero.

    Examples
    --------
    >>> model = MLP(2, 8, 1, rng=0)
    >>> model.forward(np.zeros((3, 2))).shape
    (3,)
    """

    def __init__(
        self,
        n_in: int,
        n_hidden: int,
        n_out: int,
        *,
        activation: str = "tanh",
        rng: int | np.random.Generator | None = None,
    ):
        self.n_features = check_int(n_in, "n_in")
        n_hidden = check_int(n_hidden, "n_hidden")
        self._n_out = check_int(n_out, "n_out")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be 'tanh' or 'relu'; got {activation!r}.")
        self.activation = activation
        self.squeeze = self._n_out == 1
        self._signature = (
            f"n_in={self.n_features}, n_hidden={n_hidden}, n_out={self._n_out}, "
            f"activation={activation!r}"
        )
        rng = as_rng(rng)
        self.params = {}
        for i, (fan_in, fan_out) in enumerate(
            [(self.n_features, n_hidden), (n_hidden, self._n_out)], start=1
        ):
            if activation == "tanh" or i == 2:
                limit = np.sqrt(6.0 / (fan_in + fan_out))
                self.params[f"W{i}"] = rng.uniform(-limit, limit, (fan_in, fan_out))
            else:
                self.params[f"W{i}"] = rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_in, fan_out))
            self.params[f"b{i}"] = np.zeros(fan_out)

    def _hidden(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        pre = X @ self.params["W1"] + self.params["b1"]
        return pre, np.tanh(pre) if self.activation == "tanh" else np.maximum(pre, 0.0)

    def forward(self, X: npt.ArrayLike) -> np.ndarray:
        """The network's output for each row of X."""
        _, H = self._hidden(self.check_X(X))
        return self._output(H @ self.params["W2"] + self.params["b2"])

    def backward(self, X: npt.ArrayLike, grad_out: npt.ArrayLike) -> dict[str, np.ndarray]:
        """Gradients with respect to W1, b1, W2, b2 by the chain rule (backpropagation)."""
        X = self.check_X(X)
        G = self.check_grad_out(grad_out, X, self._n_out)
        pre, H = self._hidden(X)
        # tanh' = 1 - tanh^2; relu' = 1 for a positive input, else 0 (0 at the kink).
        slope = 1.0 - H**2 if self.activation == "tanh" else (pre > 0.0).astype(np.float64)
        G_pre = (G @ self.params["W2"].T) * slope
        return {
            "W1": X.T @ G_pre,
            "b1": G_pre.sum(axis=0),
            "W2": H.T @ G,
            "b2": G.sum(axis=0),
        }

    def predict(self, X: npt.ArrayLike) -> np.ndarray:
        """The raw output (the same as ``forward``)."""
        return self.forward(X)


#: The losses whose mean :func:`fit_line` minimises.
LINE_LOSSES = ("mse", "mae", "huber")


def fit_line(
    x: npt.ArrayLike, y: npt.ArrayLike, *, loss: str = "mse", delta: float = 1.0
) -> tuple[float, float]:
    r"""The line :math:`\hat y = a + b x` with the least mean ``loss`` of its residuals.

    .. math::

        (a, b) = \arg\min_{a, b} \frac1n \sum_i \rho\big(y_i - a - b x_i\big), \qquad
        \rho(r) = r^2, \quad |r| \quad\text{or}\quad
        \begin{cases} \tfrac12 r^2 & |r| \le \delta \\
        \delta (|r| - \tfrac12 \delta) & \text{otherwise} \end{cases}

    for ``loss="mse"``, ``"mae"`` and ``"huber"``: the minimisers of
    :func:`lossedu.losses.mse`, :func:`~lossedu.losses.mae` and
    :func:`~lossedu.losses.huber` over lines, solved directly rather than by gradient
    descent.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data; ``x`` needs at least two distinct values.
    loss : {"mse", "mae", "huber"}, default "mse"
    delta : float, default 1.0
        Huber's threshold :math:`\delta > 0` between the quadratic and the linear zone.

    Returns
    -------
    (intercept, slope) : tuple of float

    Notes
    -----
    - ``"mse"``: ordinary least squares, by ``numpy.linalg.lstsq``.
    - ``"mae"``: exact least absolute deviations. Some optimal line passes through two
      data points (a vertex of the linear program); the best line through a pivot point
      :math:`i` has the weighted median of the slopes :math:`(y_j - y_i) / (x_j - x_i)`,
      weights :math:`|x_j - x_i|`, as slope (Karst 1958). Trying every pivot costs
      :math:`O(n^2 \log n)` time and :math:`O(n)` memory. The LAD line need not be
      unique; among equally good lines the first pivot's (lowest slope) is returned.
    - ``"huber"``: iteratively reweighted least squares from the least-squares line, with
      weights :math:`\min(1, \delta / |r_i|)` (Holland & Welsch 1977); each step lowers
      the Huber loss, and the loop stops when the coefficients move less than
      :math:`10^{-12}` relative to their size (at most 500 steps).

    References
    ----------
    Karst, O. J. (1958). Linear curve fitting using least deviations. *Journal of the
    American Statistical Association*, 53(281), 118-132.
    Huber, P. J. (1964). Robust estimation of a location parameter. *The Annals of
    Mathematical Statistics*, 35(1), 73-101.
    Holland, P. W., & Welsch, R. E. (1977). Robust regression using iteratively reweighted
    least-squares. *Communications in Statistics - Theory and Methods*, 6(9), 813-827.
    Bloomfield, P., & Steiger, W. L. (1983). *Least Absolute Deviations: Theory,
    Applications, and Algorithms*. Birkhäuser.

    Examples
    --------
    One outlier (at x = 3) pulls the least-squares line; the LAD line passes through the
    other three points:

    >>> x, y = [0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 10.0]
    >>> fit_line(x, y)
    (-0.2, 2.8)
    >>> fit_line(x, y, loss="mae")
    (1.0, 1.0)
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    if x.ndim != 1:
        raise ValueError(f"x and y must be 1-D, one value per point; got shape {x.shape}.")
    if np.ptp(x) == 0:
        raise ValueError(
            f"x must have at least two distinct values to fit a line, got {x.size} point(s) "
            f"at x = {x[0]:g}."
        )
    loss = check_choice(loss, "loss", LINE_LOSSES)
    delta = check_positive(delta, "delta")
    design = np.column_stack([np.ones_like(x), x])
    coef = np.linalg.lstsq(design, y, rcond=None)[0]
    if loss == "mae":
        coef = _least_absolute_deviations_line(x, y)
    elif loss == "huber":
        for _ in range(500):
            r = np.abs(y - design @ coef)
            w = np.minimum(1.0, delta / np.maximum(r, 1e-300))  # Huber's psi(r) / r
            new = np.linalg.solve(design.T @ (w[:, None] * design), design.T @ (w * y))
            done = np.max(np.abs(new - coef)) <= 1e-12 * (1.0 + np.max(np.abs(new)))
            coef = new
            if done:
                break
    return float(coef[0]), float(coef[1])


def fit_mean_variance_line(x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[float, float, float, float]:
    r"""A line for the mean and a line for the log-variance, by Gaussian maximum likelihood.

    .. math::

        \mu(x) = a + b x, \qquad \log \sigma^2(x) = c + d x, \qquad
        (a, b, c, d) = \arg\min \frac1n \sum_i \tfrac12 \left( \log \sigma^2(x_i)
        + \frac{(y_i - \mu(x_i))^2}{\sigma^2(x_i)} \right)

    the mean of :func:`lossedu.losses.gaussian_nll` with ``var=exp(c + d x)``: a
    heteroscedastic regression, whose noise level changes with ``x``.

    Parameters
    ----------
    x, y : array-like, shape (n,)
        The data; ``x`` needs at least two distinct values and ``y`` must not lie on a line.

    Returns
    -------
    (a, b, c, d) : tuple of float
        Intercept and slope of the mean, intercept and slope of the log-variance.

    Notes
    -----
    Block coordinate descent, each block solved or improved exactly: for fixed variances
    the best mean line is weighted least squares with weights :math:`1/\sigma^2(x_i)`
    (points in noisy regions count less); for a fixed mean the loss is convex in
    :math:`(c, d)` and one Newton step with step halving lowers it. Both steps lower the
    loss; the loop stops when the parameters move less than :math:`10^{-10}` relative to
    their size (at most 1000 rounds). With :math:`d = 0` forced this would be ordinary
    least squares, whatever :math:`c`.

    References
    ----------
    Nix, D. A. & Weigend, A. S. (1994). Estimating the mean and variance of the target
    probability distribution. *Proceedings of ICNN'94*, 55-60.

    Examples
    --------
    Noise that grows with x: the fitted log-variance slope is positive.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = rng.uniform(0.0, 4.0, 2000)
    >>> y = 1.0 + 0.5 * x + np.exp(0.5 * (-2.0 + 1.0 * x)) * rng.normal(size=2000)
    >>> a, b, c, d = fit_mean_variance_line(x, y)
    >>> [round(v, 1) for v in (a, b, c, d)]
    [1.0, 0.5, -2.0, 1.0]
    """
    x, y = as_float_array(x, "x"), as_float_array(y, "y")
    check_same_shape(x, y, "x", "y")
    if x.ndim != 1:
        raise ValueError(f"x and y must be 1-D, one value per point; got shape {x.shape}.")
    if np.ptp(x) == 0:
        raise ValueError(
            f"x must have at least two distinct values to fit a line, got {x.size} point(s) "
            f"at x = {x[0]:g}."
        )
    design = np.column_stack([np.ones_like(x), x])
    mean_coef = np.linalg.lstsq(design, y, rcond=None)[0]
    r2 = (y - design @ mean_coef) ** 2
    if np.mean(r2) <= 1e-12 * (1.0 + np.mean(y**2)):
        raise ValueError(
            "y lies on a line, so the variance would shrink to 0 and the likelihood grow "
            "without bound; fit_line(x, y) gives that line."
        )
    var_coef = np.array([np.log(np.mean(r2)), 0.0])

    def nll(var_c: np.ndarray, r2: np.ndarray) -> float:
        eta = design @ var_c
        return float(np.mean(0.5 * (eta + r2 * np.exp(-eta))))

    for _ in range(1000):
        w = np.exp(-(design @ var_coef))  # 1 / sigma^2: noisy points weigh less
        new_mean = np.linalg.solve(design.T @ (w[:, None] * design), design.T @ (w * y))
        r2 = (y - design @ new_mean) ** 2
        u = r2 * np.exp(-(design @ var_coef))
        grad = design.T @ (0.5 * (1.0 - u)) / x.size
        hess = (design.T * (0.5 * u)) @ design / x.size
        step = np.linalg.solve(hess + 1e-12 * np.eye(2), grad)
        old, t = nll(var_coef, r2), 1.0
        while t > 1e-8 and nll(var_coef - t * step, r2) > old:
            t /= 2
        new_var = var_coef - t * step if t > 1e-8 else var_coef
        new = np.concatenate([new_mean, new_var])
        done = np.max(np.abs(new - np.concatenate([mean_coef, var_coef]))) <= 1e-10 * (
            1.0 + np.max(np.abs(new))
        )
        mean_coef, var_coef = new_mean, new_var
        if done:
            break
    return float(mean_coef[0]), float(mean_coef[1]), float(var_coef[0]), float(var_coef[1])


def _least_absolute_deviations_line(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Intercept and slope of an exact LAD line: the best line through each pivot point."""
    best_cost, best = np.inf, None
    for i in range(x.size):
        dx, dy = x - x[i], y - y[i]
        other = dx != 0
        slopes, weights = dy[other] / dx[other], np.abs(dx[other])
        order = np.argsort(slopes, kind="stable")
        cumulative = np.cumsum(weights[order])
        # the weighted median: the first slope with at least half of the weight at or below it
        slope = slopes[order][np.searchsorted(cumulative, 0.5 * cumulative[-1])]
        intercept = y[i] - slope * x[i]
        cost = np.abs(y - intercept - slope * x).sum()
        if cost < best_cost:
            best_cost, best = cost, np.array([intercept, slope])
    return best
