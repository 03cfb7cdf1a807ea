"""Checks and numerics shared by the modules of :mod:`lossedu.adaptive` (private to it)."""

from __future__ import annotations

from collections.abc import Callable

from lossedu._validation import check_real

ALPHA_STEP = 1e-5  # step of the central differences in alpha


def check_alpha_for_density(alpha) -> float:
    """Return alpha as a float if Barron's density exists for it (alpha >= 0), else raise."""
    alpha = check_real(alpha, "alpha")
    if alpha < 0.0:
        raise ValueError(
            f"alpha must be >= 0 for Barron's probability density, got {alpha!r}. For "
            "alpha < 0 the loss is bounded, so exp(-rho) does not decay and its integral "
            "Z(alpha) is infinite (Barron 2019, section 2)."
        )
    return alpha


def alpha_derivative(f: Callable[[float], float], alpha: float) -> float:
    """Central difference of f in alpha; forward near 0, where the density ends."""
    h = ALPHA_STEP
    if alpha < h:
        return (f(alpha + h) - f(alpha)) / h
    return (f(alpha + h) - f(alpha - h)) / (2.0 * h)
