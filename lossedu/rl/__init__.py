"""Losses of reinforcement learning: policy gradients, discounted returns and TD(0).

A supervised loss compares predictions with fixed labels. Here the data come from the
agent's own behaviour, so the "loss" is a device whose gradient points the right way:

- :func:`reinforce_loss` is :math:`-\\log \\pi_\\theta(a)\\,(r - b)` for a softmax policy
  (REINFORCE, Williams 1992); its gradient :func:`reinforce_grad` is an unbiased estimate of
  minus the gradient of the expected reward, for any baseline :math:`b` that does not depend
  on the action taken;
- :func:`discounted_returns` sums future rewards with discount :math:`\\gamma`;
- :func:`td0_update` moves a value table along the semi-gradient of
  :math:`\\tfrac12 (r + \\gamma V(s') - V(s))^2`, holding the target fixed (Sutton 1988;
  Sutton & Barto 2018, chapter 6).

:func:`reinforce_bandit` and :func:`td0_chain` run these rules on the bandit and the chain of
:mod:`lossedu.environments`.

One module per family of losses, every name re-exported here:
:mod:`lossedu.rl.policy_gradient` (losses on the policy: REINFORCE, and the place for other
policy losses such as a clipped surrogate or an entropy bonus) and :mod:`lossedu.rl.values`
(returns and value learning: TD(0), and the place for other critic losses). A loss of another
kind (a reward model's, say) gets a module of its own here.
"""

from lossedu.rl.policy_gradient import (
    BanditRuns,
    reinforce_bandit,
    reinforce_grad,
    reinforce_loss,
    softmax_policy,
)
from lossedu.rl.values import discounted_returns, td0_chain, td0_update, td_error

__all__ = [
    "BanditRuns",
    "discounted_returns",
    "reinforce_bandit",
    "reinforce_grad",
    "reinforce_loss",
    "softmax_policy",
    "td0_chain",
    "td0_update",
    "td_error",
]
