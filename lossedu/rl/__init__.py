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
:mod:`lossedu.environments`. The losses of modern policy optimisation and of learning from
human feedback:

- :func:`ppo_clip_loss` (with :func:`ppo_clip_loss_grad`), PPO's clipped surrogate
  :math:`-\\min(\\rho A, \\operatorname{clip}(\\rho, 1 - \\epsilon, 1 + \\epsilon) A)`
  (Schulman et al. 2017), and :func:`entropy` (with :func:`entropy_grad`), the entropy
  bonus that keeps a policy exploring;
- :func:`bradley_terry_loss` (with :func:`bradley_terry_loss_grad`), the reward-model loss
  :math:`\\log(1 + e^{-(r_c - r_r)})` of a preferred and a rejected answer (Bradley & Terry
  1952; Christiano et al. 2017).

One module per family of losses, every name re-exported here:
:mod:`lossedu.rl.policy_gradient` (REINFORCE on a softmax policy and its bandit run),
:mod:`lossedu.rl.ppo` (the terms of PPO's objective: clipped surrogate and entropy bonus;
the place for other losses that limit or regularise a policy update),
:mod:`lossedu.rl.values` (returns and value learning: TD(0), and the place for other critic
losses), :mod:`lossedu.rl.target_network` (DQN's frozen target copy and Huber loss for
semi-gradient TD with shared linear features) and :mod:`lossedu.rl.preferences` (reward
models learned from pairwise preferences).
A loss of another kind gets a module of its own here; :mod:`lossedu.rl.agents` holds the
small learners that combine them on the chapter's environments (actor-critic, PPO epochs on a
batch).
"""

from lossedu.rl.agents import (
    ActorCriticRuns,
    actor_critic_bandit,
    actor_critic_chain,
    chain_policy_value,
    ppo_bandit_epochs,
)
from lossedu.rl.policy_gradient import (
    BanditRuns,
    reinforce_bandit,
    reinforce_grad,
    reinforce_loss,
    softmax_policy,
)
from lossedu.rl.ppo import entropy, entropy_grad, ppo_clip_loss, ppo_clip_loss_grad
from lossedu.rl.preferences import bradley_terry_loss, bradley_terry_loss_grad
from lossedu.rl.target_network import (
    coarse_chain_features,
    linear_td_random_walk,
    random_walk_values,
)
from lossedu.rl.values import discounted_returns, td0_chain, td0_update, td_error

__all__ = [
    "ActorCriticRuns",
    "BanditRuns",
    "actor_critic_bandit",
    "actor_critic_chain",
    "bradley_terry_loss",
    "bradley_terry_loss_grad",
    "chain_policy_value",
    "coarse_chain_features",
    "discounted_returns",
    "entropy",
    "entropy_grad",
    "linear_td_random_walk",
    "ppo_bandit_epochs",
    "ppo_clip_loss",
    "ppo_clip_loss_grad",
    "random_walk_values",
    "reinforce_bandit",
    "reinforce_grad",
    "reinforce_loss",
    "softmax_policy",
    "td0_chain",
    "td0_update",
    "td_error",
]
