"""Exercises of chapter 10, "Losses in reinforcement learning": returns, REINFORCE, TD(0),
PPO's clipped loss, the entropy of a policy and the Bradley-Terry loss."""

import numpy as np

from lossedu import rl
from lossedu.exercises._core import Exercise


def _returns_case(rng: np.random.Generator) -> dict:
    return {
        "rewards": np.round(rng.normal(0.0, 1.0, int(rng.integers(1, 9))), 2),
        "gamma": float(rng.choice([0.0, 0.5, 0.9, 0.99, 1.0])),
    }


def _forward_sum(rewards, gamma):
    out, running = np.empty(len(rewards)), 0.0
    for t, r in enumerate(rewards):  # accumulates the past, not the future
        running = r + gamma * running
        out[t] = running
    return out


_RETURNS = Exercise(
    id="10.1",
    title="Discounted returns",
    kind="function",
    prompt=(
        "Write `discounted_returns(rewards, gamma)` that returns, for every step $t$ of one "
        "episode, the return $G_t = r_t + \\gamma r_{t+1} + \\gamma^2 r_{t+2} + \\dots$ up to "
        "the last reward, as an array with the shape of `rewards`."
    ),
    function_name="discounted_returns",
    args=("rewards", "gamma"),
    reference=lambda rewards, gamma: rl.discounted_returns(rewards, gamma=gamma),
    cases=(
        {"rewards": np.array([0.0, 0.0, 1.0]), "gamma": 0.9},
        {"rewards": np.array([1.0, 2.0, 3.0, 4.0]), "gamma": 0.5},
    ),
    generate=_returns_case,
    n_random=20,
    seed=10,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "Work backwards: the last return is the last reward, and "
            "$G_t = r_t + \\gamma\\,G_{t+1}$."
        ),
        (
            "Loop `for t in reversed(range(len(rewards)))`, keep a running total "
            "`running = rewards[t] + gamma * running`, and store it in `out[t]`."
        ),
    ),
    solution=(
        "def discounted_returns(rewards, gamma):\n"
        "    out = np.zeros(len(rewards))\n"
        "    running = 0.0\n"
        "    for t in reversed(range(len(rewards))):\n"
        "        running = rewards[t] + gamma * running\n"
        "        out[t] = running\n"
        "    return out\n\n\n"
        'exercises.check("10.1", discounted_returns)'
    ),
    explanation=(
        "The recursion $G_t = r_t + \\gamma G_{t+1}$ turns a double sum into one backward "
        "pass. With $\\gamma = 0$ each return is its own reward; with $\\gamma = 1$ it is "
        "the sum of all rewards still to come."
    ),
    mistakes=(
        _forward_sum,
        lambda rewards, gamma: np.cumsum(rewards[::-1])[::-1],  # no discount
        lambda rewards, gamma: np.array(
            [
                sum(gamma ** (k + 1) * r for k, r in enumerate(rewards[t:]))
                for t in range(len(rewards))
            ]
        ),  # discounts the first reward too
    ),
)


def _pull_case(rng: np.random.Generator) -> dict:
    k = int(rng.integers(2, 6))
    return {
        "action": int(rng.integers(0, k)),
        "reward": float(np.round(rng.normal(1.0, 2.0), 2)),
        "logits": rng.normal(0.0, 1.0, k),
        "baseline": float(np.round(rng.normal(0.5, 1.0), 2)),
    }


def _softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


_REINFORCE = Exercise(
    id="10.2",
    title="The REINFORCE gradient of one pull",
    kind="function",
    prompt=(
        "Write `reinforce_grad(action, reward, logits, baseline)` that returns the gradient, "
        "with respect to the logits $\\theta$ of a softmax policy, of the loss "
        "$-\\log \\pi_\\theta(a)\\,(r - b)$ for one pull of arm `action` that paid `reward`. "
        "The result has the shape of `logits`."
    ),
    function_name="reinforce_grad",
    args=("action", "reward", "logits"),
    reference=lambda action, reward, logits, baseline: rl.reinforce_grad(
        action, reward, logits, baseline=baseline
    ),
    cases=(
        {"action": 0, "reward": 1.0, "logits": np.array([0.0, 0.0]), "baseline": 0.0},
        {"action": 2, "reward": 3.0, "logits": np.array([0.5, -0.5, 0.0]), "baseline": 1.0},
    ),
    generate=_pull_case,
    n_random=20,
    seed=11,
    rtol=1e-8,
    atol=1e-12,
    hints=(
        (
            "$\\partial \\log \\pi_\\theta(a) / \\partial \\theta = e_a - \\pi_\\theta$, where "
            "$e_a$ is the one-hot vector of the action and $\\pi_\\theta$ the softmax of the "
            "logits."
        ),
        (
            "Multiply by $-(r - b)$: `-(reward - baseline) * (one_hot - pi)`, with "
            "`one_hot = np.zeros(len(logits)); one_hot[action] = 1`."
        ),
    ),
    solution=(
        "def reinforce_grad(action, reward, logits, baseline=0.0):\n"
        "    pi = np.exp(logits - logits.max())\n"
        "    pi = pi / pi.sum()\n"
        "    one_hot = np.zeros(len(logits))\n"
        "    one_hot[action] = 1.0\n"
        "    return -(reward - baseline) * (one_hot - pi)\n\n\n"
        'exercises.check("10.2", reinforce_grad)'
    ),
    explanation=(
        "The softmax (shifted by the largest logit so that `exp` cannot overflow), the "
        "one-hot vector of the action, and the chain rule. When the reward beats the "
        "baseline, the gradient is negative for the chosen action's logit and positive for "
        "the others, so a descent step $\\theta - \\eta g$ makes better-than-expected "
        "actions more likely."
    ),
    mistakes=(
        lambda action, reward, logits, baseline: (
            (reward - baseline) * (np.eye(len(logits))[action] - _softmax(logits))
        ),  # sign flipped (ascent direction)
        lambda action, reward, logits, baseline: (
            -(reward - baseline) * np.eye(len(logits))[action]
        ),  # forgot the - pi term
        lambda action, reward, logits, baseline: (
            -reward * (np.eye(len(logits))[action] - _softmax(logits))
        ),  # ignored the baseline
    ),
)


def _td_case(rng: np.random.Generator) -> dict:
    n = int(rng.integers(3, 8))
    state = int(rng.integers(1, n - 1))
    return {
        "values": np.round(rng.uniform(0.0, 1.0, n), 2),
        "state": state,
        "reward": float(rng.choice([0.0, 1.0])),
        "next_state": state + int(rng.choice([-1, 1])),
        "lr": float(rng.choice([0.05, 0.1, 0.5])),
        "gamma": float(rng.choice([0.5, 0.9, 1.0])),
    }


def _td_wrong_state(values, state, reward, next_state, lr, gamma):
    new = values.copy()  # moves the value of the next state instead of this one
    new[next_state] += lr * (reward + gamma * values[next_state] - values[state])
    return new


_TD0 = Exercise(
    id="10.3",
    title="One TD(0) update",
    kind="function",
    prompt=(
        "Write `td0_update(values, state, reward, next_state, lr, gamma)` that returns a "
        "*new* value table in which only `values[state]` has moved by `lr` times the TD error "
        "$\\delta = r + \\gamma V(s') - V(s)$. Do not modify `values`."
    ),
    function_name="td0_update",
    args=("values", "state", "reward", "next_state"),
    reference=lambda values, state, reward, next_state, lr, gamma: rl.td0_update(
        values, state, reward, next_state, lr=lr, gamma=gamma
    ),
    cases=(
        {
            "values": np.array([0.0, 0.5, 0.5, 0.0]),
            "state": 2,
            "reward": 1.0,
            "next_state": 3,
            "lr": 0.1,
            "gamma": 1.0,
        },
    ),
    generate=_td_case,
    n_random=20,
    seed=12,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "Copy first: `new = values.copy()`; then compute "
            "`delta = reward + gamma * values[next_state] - values[state]`."
        ),
        (
            "`new[state] += lr * delta` and return `new`. The target "
            "`reward + gamma * values[next_state]` is held fixed: it is not updated."
        ),
    ),
    solution=(
        "def td0_update(values, state, reward, next_state, lr, gamma):\n"
        "    new = values.copy()\n"
        "    delta = reward + gamma * values[next_state] - values[state]\n"
        "    new[state] += lr * delta\n"
        "    return new\n\n\n"
        'exercises.check("10.3", td0_update)'
    ),
    explanation=(
        "The step is minus the learning rate times the semi-gradient of "
        "$\\tfrac12(r + \\gamma V(s') - V(s))^2$ with respect to $V(s)$, the target held "
        "fixed. Copying first keeps the caller's table intact."
    ),
    mistakes=(
        _td_wrong_state,
        lambda values, state, reward, next_state, lr, gamma: np.where(
            np.arange(len(values)) == state,
            values - lr * (reward + gamma * values[next_state] - values[state]),
            values,
        ),  # wrong sign
        lambda values, state, reward, next_state, lr, gamma: np.where(
            np.arange(len(values)) == state,
            values + lr * (reward + values[next_state] - values[state]),
            values,
        ),  # forgot gamma
    ),
)


def _ppo_case(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 6))
    return {
        "ratio": np.round(rng.uniform(0.0, 2.5, n), 2),
        "advantage": np.round(rng.normal(0.0, 2.0, n), 2),
        "clip": float(rng.choice([0.1, 0.2, 0.3])),
    }


_PPO = Exercise(
    id="10.4",
    title="PPO's clipped loss",
    kind="function",
    prompt=(
        "Write `ppo_clip_loss(ratio, advantage, clip)` that returns PPO's clipped surrogate "
        "loss, the mean over samples of $-\\min\\bigl(\\rho A,\\ \\operatorname{clip}(\\rho, "
        "1 - \\epsilon, 1 + \\epsilon)\\,A\\bigr)$, as a float. `ratio` ($\\rho$) and "
        "`advantage` ($A$) are 1-D arrays with one value per sample; `clip` is $\\epsilon$."
    ),
    function_name="ppo_clip_loss",
    args=("ratio", "advantage", "clip"),
    reference=lambda ratio, advantage, clip: rl.ppo_clip_loss(ratio, advantage, clip=clip),
    cases=(
        {"ratio": np.array([1.5]), "advantage": np.array([1.0]), "clip": 0.2},
        {"ratio": np.array([0.5, 0.5]), "advantage": np.array([1.0, -1.0]), "clip": 0.2},
        {"ratio": np.array([1.5, 1.0]), "advantage": np.array([-2.0, 3.0]), "clip": 0.1},
    ),
    generate=_ppo_case,
    n_random=20,
    seed=13,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "For each sample compute two gains, the plain one and the one with the ratio "
            "clipped to the band $[1 - \\epsilon, 1 + \\epsilon]$; PPO keeps the more "
            "pessimistic of the two, and the loss is minus the mean of that gain."
        ),
        (
            "`clipped = np.clip(ratio, 1 - clip, 1 + clip)`; return "
            "`-np.mean(np.minimum(ratio * advantage, clipped * advantage))`. Clip the ratio, "
            "not the advantage."
        ),
    ),
    solution=(
        "def ppo_clip_loss(ratio, advantage, clip):\n"
        "    clipped = np.clip(ratio, 1.0 - clip, 1.0 + clip)\n"
        "    return float(-np.mean(np.minimum(ratio * advantage, clipped * advantage)))\n\n\n"
        'exercises.check("10.4", ppo_clip_loss)'
    ),
    explanation=(
        "The minimum is what makes the clip one-sided: for $A > 0$ the gain stops growing "
        "once $\\rho > 1 + \\epsilon$, for $A < 0$ once $\\rho < 1 - \\epsilon$, so nothing "
        "pushes the ratio further out; on the other side of 1 the plain term is the smaller "
        "one and still pulls a wrong step back. A maximum would do the opposite and reward "
        "large ratios. The minus sign turns the gain PPO maximises into a loss to minimise."
    ),
    mistakes=(
        lambda ratio, advantage, clip: float(
            -np.mean(np.maximum(ratio * advantage, np.clip(ratio, 1 - clip, 1 + clip) * advantage))
        ),  # max instead of min
        lambda ratio, advantage, clip: float(
            -np.mean(np.minimum(ratio * advantage, ratio * np.clip(advantage, 1 - clip, 1 + clip)))
        ),  # clipped the advantage instead of the ratio
        lambda ratio, advantage, clip: float(
            np.mean(np.minimum(ratio * advantage, np.clip(ratio, 1 - clip, 1 + clip) * advantage))
        ),  # the objective, not the loss (wrong sign)
    ),
)


def _entropy_case(rng: np.random.Generator) -> dict:
    p = rng.dirichlet(np.ones(int(rng.integers(2, 7))))
    if rng.random() < 0.5:  # some distributions with exact zeros
        p[rng.integers(0, p.size)] = 0.0
        p = p / p.sum()
    return {"probs": p}


def _entropy_nan(probs):
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(-np.sum(probs * np.log(probs)))  # 0 * log 0 = 0 * -inf = nan


_ENTROPY = Exercise(
    id="10.5",
    title="The entropy of a policy",
    kind="function",
    prompt=(
        "Write `entropy(probs)` that returns the entropy $H = -\\sum_a p_a \\log p_a$ (natural "
        "log, in nats) of one probability distribution given as a 1-D array, as a float. "
        "Some probabilities may be exactly 0; they contribute 0 ($0 \\log 0 = 0$)."
    ),
    function_name="entropy",
    args=("probs",),
    reference=lambda probs: rl.entropy(probs),
    cases=(
        {"probs": np.array([0.5, 0.5])},
        {"probs": np.array([1.0, 0.0, 0.0])},
        {"probs": np.array([0.25, 0.0, 0.75])},
        {"probs": np.full(10, 0.1)},
    ),
    generate=_entropy_case,
    n_random=20,
    seed=14,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "The uniform distribution over k actions has entropy $\\log k$ and a certain "
            "one has 0: check your function on both. What does NumPy give for `0 * np.log(0)`?"
        ),
        (
            "Keep only the positive probabilities, `p = probs[probs > 0]`, and return "
            "`-np.sum(p * np.log(p))` with the natural log `np.log`."
        ),
    ),
    solution=(
        "def entropy(probs):\n"
        "    p = probs[probs > 0]  # 0 log 0 = 0: leave the zeros out\n"
        "    return float(-np.sum(p * np.log(p)))\n\n\n"
        'exercises.check("10.5", entropy)'
    ),
    explanation=(
        "$p \\log p \\to 0$ as $p \\to 0$, so zero probabilities contribute nothing; NumPy "
        "computes `0 * np.log(0)` as `0 * -inf = nan`, so they must be left out (or "
        "replaced). The natural log gives nats, the unit in which the entropy bonus "
        "$-\\beta H$ of an actor-critic loss is written; `np.log2` would give bits, "
        "$\\log 2 \\approx 0.69$ times as many nats."
    ),
    mistakes=(
        lambda probs: float(-np.sum(probs[probs > 0] * np.log2(probs[probs > 0]))),  # bits
        _entropy_nan,
        lambda probs: float(np.sum(probs[probs > 0] * np.log(probs[probs > 0]))),  # sign
    ),
)


def _bt_case(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 6))
    scale = float(rng.choice([1.0, 10.0, 1000.0]))
    return {
        "r_chosen": np.round(rng.normal(0.0, scale, n), 2),
        "r_rejected": np.round(rng.normal(0.0, scale, n), 2),
    }


def _bt_naive(r_chosen, r_rejected):
    with np.errstate(over="ignore"):
        return float(np.mean(np.log(1.0 + np.exp(-(r_chosen - r_rejected)))))  # inf at -1000


_BRADLEY_TERRY = Exercise(
    id="10.6",
    title="The Bradley-Terry loss, stably",
    kind="function",
    prompt=(
        "Write `bradley_terry_loss(r_chosen, r_rejected)` that returns the mean over pairs of "
        "$\\log\\bigl(1 + e^{-(r_c - r_r)}\\bigr)$, minus the log-probability that the chosen "
        "answer wins, as a float. It must stay finite for reward differences of $\\pm 1000$."
    ),
    function_name="bradley_terry_loss",
    args=("r_chosen", "r_rejected"),
    reference=lambda r_chosen, r_rejected: rl.bradley_terry_loss(r_chosen, r_rejected),
    cases=(
        {"r_chosen": np.array([1.0, 2.0]), "r_rejected": np.array([1.0, 0.0])},
        {"r_chosen": np.array([0.0, 1000.0]), "r_rejected": np.array([1000.0, 0.0])},
    ),
    generate=_bt_case,
    n_random=20,
    seed=15,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "This is the binary cross-entropy with logits of chapter 4, with label 1 and the "
            "reward difference as the logit. What does `np.exp(1000)` give?"
        ),
        (
            "`np.logaddexp(0, x)` computes $\\log(e^0 + e^x) = \\log(1 + e^x)$ without "
            "overflow: return `np.mean(np.logaddexp(0.0, -(r_chosen - r_rejected)))`."
        ),
    ),
    solution=(
        "def bradley_terry_loss(r_chosen, r_rejected):\n"
        "    margin = r_chosen - r_rejected\n"
        "    return float(np.mean(np.logaddexp(0.0, -margin)))  # log(1 + e^-m), no overflow\n\n\n"
        'exercises.check("10.6", bradley_terry_loss)'
    ),
    explanation=(
        "For a margin $m = -1000$ (the rejected answer scored far higher), `np.exp(1000)` "
        "overflows to inf and the naive loss is inf, though the true value is about 1000. "
        "`np.logaddexp(0, -m)` computes the same $\\log(1 + e^{-m})$ as "
        "$\\max(0, -m) + \\log(1 + e^{-|m|})$, finite for every margin: the trick of "
        "`binary_cross_entropy_with_logits` in chapter 4."
    ),
    mistakes=(
        _bt_naive,
        lambda r_chosen, r_rejected: float(
            np.mean(np.logaddexp(0.0, r_chosen - r_rejected))
        ),  # wrong sign: rewards the rejected answer
        lambda r_chosen, r_rejected: float(
            np.sum(np.logaddexp(0.0, -(r_chosen - r_rejected)))
        ),  # sum instead of mean
    ),
)


def _target_reference(rewards, next_values, done, gamma):
    """TD target from a frozen copy: r + gamma * V_frozen(s'), and no bootstrap at the end."""
    rewards, next_values = np.asarray(rewards, float), np.asarray(next_values, float)
    return rewards + gamma * (1.0 - np.asarray(done, float)) * next_values


def _target_case(rng: np.random.Generator) -> dict:
    n = int(rng.integers(1, 7))
    return {
        "rewards": np.round(rng.normal(0.0, 1.0, n), 2),
        "next_values": np.round(rng.normal(0.0, 2.0, n), 2),
        "done": rng.integers(0, 2, n).astype(float),
        "gamma": float(rng.choice([0.5, 0.9, 0.99])),
    }


_FROZEN_TARGET = Exercise(
    id="10.7",
    title="The TD target from a frozen copy",
    kind="function",
    prompt=(
        "Write `td_target(rewards, next_values, done, gamma)` for a batch of transitions: "
        "`rewards` $r$, `next_values` $V_{\\text{frozen}}(s')$ read from the frozen copy, "
        "`done` (1 where the episode ended at $s'$, else 0) and the discount `gamma`. Return "
        "the array of targets $r + \\gamma V_{\\text{frozen}}(s')$, with no bootstrap term "
        "where the episode ended. With rewards `[1, 0]`, next values `[2, 3]`, done `[0, 1]` "
        "and gamma 0.9 it gives `[2.8, 0.0]`."
    ),
    function_name="td_target",
    args=("rewards", "next_values", "done", "gamma"),
    reference=_target_reference,
    cases=(
        {
            "rewards": np.array([1.0, 0.0]),
            "next_values": np.array([2.0, 3.0]),
            "done": np.array([0.0, 1.0]),
            "gamma": 0.9,
        },
        {
            "rewards": np.array([0.5]),
            "next_values": np.array([-1.0]),
            "done": np.array([0.0]),
            "gamma": 0.5,
        },
    ),
    generate=_target_case,
    n_random=20,
    seed=17,
    hints=(
        (
            "The target is what the online value should have been: one real reward, then the "
            "frozen copy's guess for the rest. What should the rest be once the episode ended?"
        ),
        (
            "Multiply the bootstrap term by `(1 - done)`: "
            "`rewards + gamma * (1 - done) * next_values`."
        ),
    ),
    solution=(
        "def td_target(rewards, next_values, done, gamma):\n"
        "    # no future after the last step: the bootstrap term is switched off there\n"
        "    return rewards + gamma * (1 - np.asarray(done)) * next_values\n\n\n"
        'exercises.check("10.7", td_target)'
    ),
    explanation=(
        "The frozen copy supplies $V_{\\text{frozen}}(s')$, so the target stays put while "
        "the online weights move; only every $C$ steps is the copy refreshed. At the end of "
        "an episode there is no next state to bootstrap from, so the target is the reward "
        "alone. The loss is then the Huber loss of the TD error "
        "$V(s) - \\text{target}$, whose gradient is clipped to $\\pm\\delta$."
    ),
    mistakes=(
        lambda rewards, next_values, done, gamma: rewards + gamma * next_values,  # ignores done
        lambda rewards, next_values, done, gamma: gamma * (rewards + (1 - done) * next_values),
        lambda rewards, next_values, done, gamma: rewards + (1 - gamma) * (1 - done) * next_values,
    ),
)


EXERCISES = [_RETURNS, _REINFORCE, _TD0, _PPO, _ENTROPY, _BRADLEY_TERRY, _FROZEN_TARGET]
