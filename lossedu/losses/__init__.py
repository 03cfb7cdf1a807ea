"""Loss functions, each beside its gradient, and the stable activations they rest on.

Every loss has the signature ``NAME(y_true, <prediction>, *, <options>, reduction="mean")``
and a gradient ``NAME_grad`` with the same signature that returns d(loss)/d(prediction) in
the shape of the prediction. ``reduction`` is one of:

- ``"mean"``: a Python float, the sum divided by the number of elements (element-wise
  losses) or by the number of rows n (the two categorical losses, which take (n, k) arrays);
- ``"sum"``: a Python float, the plain sum;
- ``"none"``: an array, one value per element (shape of the input) or per row (shape (n,)).

The gradient of ``"none"`` is the gradient of the sum. All inputs are validated (an error names the
argument and the fix), computed in float64, and never modified.

One module per family holds the code, and this package re-exports every name, so
``losses.mse`` and ``from lossedu.losses import mse`` work as well as the full path:

- :mod:`lossedu.losses.regression`: mse, mae, huber, log_cosh, quantile (pinball);
- :mod:`lossedu.losses.classification`: binary and categorical cross-entropies (on
  probabilities and on logits), hinge, and :data:`PROB_EPS`;
- :mod:`lossedu.losses.adaptive`: focal and Barron's general robust loss;
- :mod:`lossedu.losses.likelihood`: negative log-likelihoods, Gaussian with a predicted
  variance (gaussian_nll) and Poisson counts (poisson_nll);
- :mod:`lossedu.losses.activations`: sigmoid, softmax, log_softmax.

A new loss goes into the module of its family, beside its gradient, and into :data:`LOSSES`.

Examples
--------
>>> from lossedu import losses
>>> losses.mse([0.0, 1.0], [0.5, 1.0])
0.125
>>> losses.mse_grad([0.0, 1.0], [0.5, 1.0])
array([0.5, 0. ])
"""

from lossedu.losses.activations import log_softmax, sigmoid, softmax
from lossedu.losses.adaptive import barron, barron_grad, focal, focal_grad
from lossedu.losses.classification import (
    PROB_EPS,
    binary_cross_entropy,
    binary_cross_entropy_grad,
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    categorical_cross_entropy,
    categorical_cross_entropy_grad,
    categorical_cross_entropy_with_logits,
    categorical_cross_entropy_with_logits_grad,
    hinge,
    hinge_grad,
)
from lossedu.losses.likelihood import (
    GAUSSIAN_VAR_EPS,
    MAX_LOG_RATE,
    gaussian_nll,
    gaussian_nll_grad,
    poisson_nll,
    poisson_nll_grad,
)
from lossedu.losses.regression import (
    huber,
    huber_grad,
    log_cosh,
    log_cosh_grad,
    mae,
    mae_grad,
    mse,
    mse_grad,
    quantile,
    quantile_grad,
)

#: The names of the fourteen losses; each ``NAME`` has a ``NAME_grad`` beside it.
LOSSES = (
    "mse",
    "mae",
    "huber",
    "log_cosh",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "categorical_cross_entropy",
    "categorical_cross_entropy_with_logits",
    "hinge",
    "focal",
    "barron",
    "quantile",
    "gaussian_nll",
    "poisson_nll",
)

__all__ = [
    "GAUSSIAN_VAR_EPS",
    "LOSSES",
    "MAX_LOG_RATE",
    "PROB_EPS",
    "barron",
    "barron_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "categorical_cross_entropy_with_logits",
    "categorical_cross_entropy_with_logits_grad",
    "focal",
    "focal_grad",
    "gaussian_nll",
    "gaussian_nll_grad",
    "hinge",
    "hinge_grad",
    "huber",
    "huber_grad",
    "log_cosh",
    "log_cosh_grad",
    "log_softmax",
    "mae",
    "mae_grad",
    "mse",
    "mse_grad",
    "poisson_nll",
    "poisson_nll_grad",
    "quantile",
    "quantile_grad",
    "sigmoid",
    "softmax",
]
