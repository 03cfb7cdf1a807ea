"""Losses that adapt during training: Barron's likelihood, focal weights, self-paced weights.

:func:`lossedu.losses.barron` is Barron's (2019) robust loss for a *fixed* shape. To learn the
shape ``alpha`` and the scale ``c`` together with a model, Barron minimises the negative
log-likelihood of the matching probability density instead,

.. math::

    -\\log p(x \\mid \\alpha, c) = \\rho(x, \\alpha, c) + \\log c + \\log Z(\\alpha),
    \\qquad Z(\\alpha) = \\int_{-\\infty}^{\\infty} e^{-\\rho(x, \\alpha, 1)}\\, dx,

whose last two terms charge the model for a flat, forgiving loss. :func:`barron_log_partition`
computes :math:`\\log Z(\\alpha)` by quadrature (it has no closed form in general),
:func:`barron_nll` the whole expression, :func:`barron_nll_grads` its gradients, and
:func:`fit_adaptive_barron` fits a line with all three learned at once.

:func:`focal_weights` is the factor :math:`(1 - p_t)^\\gamma` by which the focal loss
(Lin et al. 2017) scales the cross-entropy, and :func:`self_paced_weights` the hard 0/1
weights of self-paced learning (Kumar, Packer & Koller 2010).

One module per concept, every name re-exported here: :mod:`lossedu.adaptive.likelihood`
(Barron's density), :mod:`lossedu.adaptive.fitting` (the fit that learns its shape and scale) and
:mod:`lossedu.adaptive.weights` (per-example weights). The adaptive losses themselves,
:func:`~lossedu.losses.focal` and :func:`~lossedu.losses.barron`, live in
:mod:`lossedu.losses.adaptive`.
"""

from lossedu.adaptive.fitting import AdaptiveFit, fit_adaptive_barron
from lossedu.adaptive.likelihood import barron_log_partition, barron_nll, barron_nll_grads
from lossedu.adaptive.weights import focal_weights, self_paced_weights

__all__ = [
    "AdaptiveFit",
    "barron_log_partition",
    "barron_nll",
    "barron_nll_grads",
    "fit_adaptive_barron",
    "focal_weights",
    "self_paced_weights",
]
