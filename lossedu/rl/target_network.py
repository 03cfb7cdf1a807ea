"""The DQN fixes for TD's moving target: a frozen target copy and the Huber loss.

With shared features one TD update moves many values, including the one inside the target
:math:`r + \\gamma V(s')`. Mnih et al. (2015) computed the target from a copy of the weights
refreshed every :math:`C` steps and bounded the step of a large TD error by clipping it,
which is the gradient of the Huber loss; semi-gradient TD with function approximation is
not guaranteed to be stable (Sutton & Barto 2018, chapter 11).
:func:`~lossedu.rl.linear_td_random_walk` runs semi-gradient TD(0) with linear values on coarse,
overlapping features of a random-walk chain with noisy rewards, with or without these fixes.
"""

from __future__ import annotations

import numpy as np

from lossedu._validation import check_in_interval, check_int, check_positive
from lossedu.losses import huber_grad

__all__ = ["coarse_chain_features", "linear_td_random_walk", "random_walk_values"]


def coarse_chain_features(n_states: int, *, width: int = 4) -> np.ndarray:
    r"""Coarse-coded features of a chain: a bias and overlapping intervals of ``width`` states.

    Intervals start every ``width // 2`` states (from ``-width // 2``), so each state lies in
    two of them and one update moves the values of about ``2 * width`` states. Rows are
    scaled so that the mean squared feature norm is 1.

    Examples
    --------
    >>> x = coarse_chain_features(5, width=2)
    >>> x.shape, round(float((x**2).sum(1).mean()), 6)
    ((5, 7), 1.0)
    """
    n_states = check_int(n_states, "n_states", low=2)
    width = check_int(width, "width", low=2)
    s = np.arange(n_states)
    stride = width // 2
    cols = [np.ones(n_states)]
    cols += [((s >= a) & (s < a + width)).astype(float) for a in range(-stride, n_states, stride)]
    x = np.stack(cols, axis=1)
    return x / np.sqrt((x**2).sum(axis=1).mean())


def random_walk_values(n_states: int, *, gamma: float) -> np.ndarray:
    r"""True values of the random walk: step left or right with probability 1/2 each,
    reward 1 (in expectation) on leaving the right end, 0 on leaving the left end.

    Solves :math:`V = r + \gamma P V` exactly.

    Examples
    --------
    >>> random_walk_values(3, gamma=1.0).round(3).tolist()
    [0.25, 0.5, 0.75]
    """
    n_states = check_int(n_states, "n_states", low=2)
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0)
    p = np.zeros((n_states, n_states))
    idx = np.arange(n_states - 1)
    p[idx, idx + 1] = 0.5
    p[idx + 1, idx] = 0.5
    r = np.zeros(n_states)
    r[-1] = 0.5
    return np.linalg.solve(np.eye(n_states) - gamma * p, r)


def linear_td_random_walk(
    features,
    *,
    lr: float,
    steps: int,
    gamma: float = 0.9,
    target_every: int = 0,
    huber_delta: float | None = None,
    noise: float = 1.0,
    seeds: int = 10,
    rng: int = 0,
) -> np.ndarray:
    r"""Semi-gradient TD(0) with linear values :math:`V(s) = \phi(s)^\top w` on the random walk.

    Each step: :math:`\delta = r + \gamma \phi(s')^\top w^- - \phi(s)^\top w` and
    :math:`w \leftarrow w - \mathrm{lr}\, g\, \phi(s)` with :math:`g` the gradient, with
    respect to :math:`V(s)`, of :math:`\tfrac12\delta^2` (``huber_delta=None``, :math:`g =
    -\delta`) or of the Huber loss (:func:`lossedu.losses.huber_grad`, :math:`g =
    -\operatorname{clip}(\delta, -\kappa, \kappa)`). :math:`w^- = w` (the online, moving
    target) when ``target_every=0``; otherwise :math:`w^-` is a copy of :math:`w` refreshed
    every ``target_every`` steps (Mnih et al. 2015). Rewards carry Gaussian noise of standard
    deviation ``noise``; an episode starts in the middle and ends off either end.

    Parameters
    ----------
    features : array, shape (n_states, d)
        For instance :func:`coarse_chain_features`.
    lr : float > 0
    steps : int >= 4
    gamma : float in [0, 1), default 0.9
    target_every : int >= 0, default 0
    huber_delta : float > 0 or None, default None
    noise : float >= 0, default 1.0
    seeds : int >= 1, default 10
        Independent runs, simulated side by side from one generator.
    rng : int, default 0

    Returns
    -------
    numpy.ndarray, shape (seeds,)
        Per run, the root-mean-square error of the values against
        :func:`random_walk_values`, averaged over the last quarter of the steps; ``inf`` for
        a run whose weights exceeded 1e3 in size (divergence: the true values lie in
        [0, 1]; that run is stopped there).

    Examples
    --------
    >>> x = coarse_chain_features(7)
    >>> err = linear_td_random_walk(x, lr=0.01, steps=400, seeds=3)
    >>> err.shape, bool(np.all(np.isfinite(err)))
    ((3,), True)
    """
    x = np.asarray(features, dtype=float)
    if x.ndim != 2 or x.shape[0] < 2 or not np.all(np.isfinite(x)):
        raise ValueError(
            "features must be a finite 2-D array (n_states >= 2, d); "
            "build one with coarse_chain_features."
        )
    lr = check_positive(lr, "lr")
    steps = check_int(steps, "steps", low=4)
    gamma = check_in_interval(gamma, "gamma", 0.0, 1.0, high_open=True)
    target_every = check_int(target_every, "target_every", low=0)
    if huber_delta is not None:
        huber_delta = check_positive(huber_delta, "huber_delta")
    noise = check_in_interval(noise, "noise", 0.0, np.inf, high_open=True)
    seeds = check_int(seeds, "seeds", low=1)
    n = x.shape[0]
    v_true = random_walk_values(n, gamma=gamma)
    gen = np.random.default_rng(rng)
    w = np.zeros((seeds, x.shape[1]))
    w_target = w.copy()
    s = np.full(seeds, n // 2)
    alive = np.ones(seeds, dtype=bool)
    total = np.zeros(seeds)
    start = steps - steps // 4
    for t in range(steps):
        if target_every and t % target_every == 0:
            w_target = w.copy()
        wt = w_target if target_every else w
        s2 = s + gen.choice((-1, 1), size=seeds)
        right, done = s2 >= n, (s2 < 0) | (s2 >= n)
        r = right + noise * gen.standard_normal(seeds)
        v_next = np.where(done, 0.0, np.einsum("ij,ij->i", x[np.clip(s2, 0, n - 1)], wt))
        target = r + gamma * v_next
        v_s = np.einsum("ij,ij->i", x[s], w)
        if huber_delta is None:
            g = v_s - target
        else:
            g = huber_grad(target, v_s, delta=huber_delta, reduction="none")
        w = np.where(alive[:, None], w - lr * g[:, None] * x[s], w)
        alive &= np.abs(w).max(axis=1) <= 1e3
        s = np.where(done, n // 2, s2)
        if t >= start:
            total += np.sqrt(((w @ x.T - v_true) ** 2).mean(axis=1))
    return np.where(alive, total / (steps - start), np.inf)
