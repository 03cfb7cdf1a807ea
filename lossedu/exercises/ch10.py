"""Exercises of chapter 10, "Losses in reinforcement learning": returns, REINFORCE, TD(0),
PPO's clipped loss, the entropy of a policy and the Bradley-Terry loss."""

import numpy as np

from lossedu import rl
from lossedu.exercises._core import Exercise, Mistake


def _returns_case(rng: np.random.Generator) -> dict:
    return {
        "rewards": np.round(rng.normal(0.0, 1.0, int(rng.integers(1, 9))), 2),
        "gamma": float(rng.choice([0.0, 0.5, 0.9, 0.99, 1.0])),
    }


def _returns_truncated(rewards, gamma):
    out, running = np.zeros_like(rewards), 0.0  # integer rewards give an integer array
    for t in reversed(range(len(rewards))):
        running = rewards[t] + gamma * running
        out[t] = running  # truncated to an integer
    return out


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
        "the last reward, as a float array with the shape of `rewards`. `rewards` may be an "
        "integer array: with rewards `[0, 0, 1]` and gamma 0.9 it gives `[0.81, 0.9, 1.0]`. "
        "Checked to a relative tolerance of $10^{-9}$."
    ),
    function_name="discounted_returns",
    args=("rewards", "gamma"),
    reference=lambda rewards, gamma: rl.discounted_returns(rewards, gamma=gamma),
    cases=(
        {"rewards": np.array([0, 0, 1]), "gamma": 0.9},  # integers: a float result is needed
        {"rewards": np.array([0.0, 0.0, 1.0]), "gamma": 0.9},
        {"rewards": np.array([1.0, 2.0, 3.0, 4.0]), "gamma": 0.5},
        {"rewards": np.array([1, 1, 1, 1]), "gamma": 0.5},
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
            "Loop over the steps from the last to the first, update a running total with that "
            "recursion, and store it in a float array of the rewards' length "
            "(`np.zeros(len(rewards))`: `np.zeros_like(rewards)` would keep an integer type)."
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
        Mistake(
            _forward_sum,
            "Your returns accumulate the rewards *before* each step: $G_t$ collects the "
            "rewards from step $t$ to the end, so the loop runs backwards.",
        ),
        Mistake(
            lambda rewards, gamma: np.cumsum(rewards[::-1])[::-1],
            "These are undiscounted sums of the rewards still to come: is $\\gamma$ applied?",
        ),
        Mistake(
            lambda rewards, gamma: np.array(
                [
                    sum(gamma ** (k + 1) * r for k, r in enumerate(rewards[t:]))
                    for t in range(len(rewards))
                ]
            ),
            "Off by a factor $\\gamma$: the first reward $r_t$ of $G_t$ is not discounted.",
        ),
        Mistake(
            _returns_truncated,
            "With integer rewards your returns are whole numbers: an output array made with "
            "`np.zeros_like(rewards)` has the rewards' integer type and truncates "
            "$0.81$ to $0$. Make the output a float array.",
        ),
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


def _reinforce_naive_softmax(action, reward, logits, baseline):
    with np.errstate(over="ignore", invalid="ignore"):
        pi = np.exp(logits) / np.sum(np.exp(logits))  # inf / inf = nan at logit 1000
    return -(reward - baseline) * (np.eye(len(logits))[action] - pi)


_REINFORCE = Exercise(
    id="10.2",
    title="The REINFORCE gradient of one pull",
    kind="function",
    prompt=(
        "Write `reinforce_grad(action, reward, logits, baseline)` that returns the gradient, "
        "with respect to the logits $\\theta$ of a softmax policy, of the loss "
        "$-\\log \\pi_\\theta(a)\\,(r - b)$ for one pull of arm `action` that paid `reward`. "
        "The result has the shape of `logits`. With action 0, reward 1, logits `[0, 0]` "
        "and baseline 0 it gives `[-0.5, 0.5]`. Logits can be large (1000): the result must "
        "stay finite. Checked to a relative tolerance of $10^{-8}$."
    ),
    function_name="reinforce_grad",
    args=("action", "reward", "logits"),
    reference=lambda action, reward, logits, baseline: rl.reinforce_grad(
        action, reward, logits, baseline=baseline
    ),
    cases=(
        {"action": 0, "reward": 1.0, "logits": np.array([0.0, 0.0]), "baseline": 0.0},
        {"action": 2, "reward": 3.0, "logits": np.array([0.5, -0.5, 0.0]), "baseline": 1.0},
        # large logits: a softmax that does not subtract the largest logit gives inf / inf
        {"action": 1, "reward": 1.0, "logits": np.array([1000.0, 0.0]), "baseline": 0.0},
        {"action": 0, "reward": 2.0, "logits": np.array([800.0, 799.0, 0.0]), "baseline": 1.0},
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
            "Multiply by $-(r - b)$. Build $\\pi_\\theta$ with a softmax that subtracts the "
            "largest logit first (`np.exp(1000)` overflows), and $e_a$ as zeros with a 1 at "
            "`action`."
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
        Mistake(
            lambda action, reward, logits, baseline: (
                (reward - baseline) * (np.eye(len(logits))[action] - _softmax(logits))
            ),
            "The sign is flipped: this is the gradient of $\\log \\pi(a)\\,(r - b)$, the "
            "objective. The loss has a minus sign, so that *descent* on it raises good actions.",
        ),
        Mistake(
            lambda action, reward, logits, baseline: (
                -(reward - baseline) * np.eye(len(logits))[action]
            ),
            "The $-\\pi_\\theta$ term is missing: $\\log \\pi(a)$ depends on every logit "
            "through the softmax's normaliser, not only on $\\theta_a$.",
        ),
        Mistake(
            lambda action, reward, logits, baseline: (
                -reward * (np.eye(len(logits))[action] - _softmax(logits))
            ),
            "The baseline is ignored: the loss weighs $\\log \\pi(a)$ by $r - b$, not by $r$.",
        ),
        Mistake(
            _reinforce_naive_softmax,
            "Your softmax overflows for large logits: `np.exp(1000)` is inf, and inf / inf is "
            "NaN. Subtract the largest logit before exponentiating (it cancels in the ratio).",
        ),
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


def _td_integer_copy(values, state, reward, next_state, lr, gamma):
    new = values.copy()  # keeps an integer dtype: the step is truncated
    new[state] += np.asarray(lr * (reward + gamma * values[next_state] - values[state]))
    return new.astype(values.dtype)


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
        "$\\delta = r + \\gamma V(s') - V(s)$. Do not modify `values`, which may be an "
        "integer array (the new table is a float array). With values `[0, 0.5, 0.5, 0]`, "
        "state 2, reward 1, next state 3, lr 0.1 and gamma 1 it gives "
        "`[0, 0.5, 0.55, 0]`. Checked to a relative tolerance of $10^{-9}$."
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
        {  # an integer table: a copy made with values.copy() would truncate 0.1 to 0
            "values": np.array([0, 0, 0, 0]),
            "state": 1,
            "reward": 1.0,
            "next_state": 2,
            "lr": 0.1,
            "gamma": 0.9,
        },
    ),
    generate=_td_case,
    n_random=20,
    seed=12,
    rtol=1e-9,
    atol=1e-12,
    hints=(
        (
            "Make a float copy first, `new = values.astype(float)`, so that an integer table "
            "does not round the update away; then compute "
            "`delta = reward + gamma * values[next_state] - values[state]`."
        ),
        (
            "Move only the entry `state` of the copy, by `lr` times the TD error, and return "
            "the copy. The target `reward + gamma * values[next_state]` is held fixed: it is "
            "not updated."
        ),
    ),
    solution=(
        "def td0_update(values, state, reward, next_state, lr, gamma):\n"
        "    new = values.astype(float)  # a float copy: the caller's table stays intact\n"
        "    delta = reward + gamma * values[next_state] - values[state]\n"
        "    new[state] += lr * delta\n"
        "    return new\n\n\n"
        'exercises.check("10.3", td0_update)'
    ),
    explanation=(
        "The step is minus the learning rate times the semi-gradient of "
        "$\\tfrac12(r + \\gamma V(s') - V(s))^2$ with respect to $V(s)$, the target held "
        "fixed. Copying first keeps the caller's table intact, and a float copy keeps an "
        "integer table from truncating the step."
    ),
    mistakes=(
        Mistake(
            _td_wrong_state,
            "The value of the *next* state moved: the update changes $V(s)$, the state the "
            "step started from, towards its target.",
        ),
        Mistake(
            lambda values, state, reward, next_state, lr, gamma: np.where(
                np.arange(len(values)) == state,
                values - lr * (reward + gamma * values[next_state] - values[state]),
                values,
            ),
            "The step goes the wrong way: $V(s)$ should move *towards* the target "
            "$r + \\gamma V(s')$, by $+\\eta\\,\\delta$.",
        ),
        Mistake(
            lambda values, state, reward, next_state, lr, gamma: np.where(
                np.arange(len(values)) == state,
                values + lr * (reward + values[next_state] - values[state]),
                values,
            ),
            "The discount is missing: the target is $r + \\gamma V(s')$.",
        ),
        Mistake(
            _td_integer_copy,
            "With an integer table the step was rounded away: `values.copy()` keeps the "
            "integer type. Make a float copy.",
        ),
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
        "`advantage` ($A$) are 1-D arrays with one value per sample; `clip` is $\\epsilon$. "
        "With ratio `[1.5]`, advantage `[1.0]` and clip 0.2 it gives $-1.2$. Checked to a "
        "relative tolerance of $10^{-9}$."
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
            "`np.clip` clips the ratio to the band; multiply both ratios by the advantage, "
            "keep the element-wise minimum (`np.minimum`), and take minus the mean. Clip the "
            "ratio, not the advantage."
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
        Mistake(
            lambda ratio, advantage, clip: float(
                -np.mean(
                    np.maximum(ratio * advantage, np.clip(ratio, 1 - clip, 1 + clip) * advantage)
                )
            ),
            "This keeps the *larger* of the two gains: PPO keeps the more pessimistic one "
            "(the minimum), so that moving the ratio out of the band earns nothing.",
        ),
        Mistake(
            lambda ratio, advantage, clip: float(
                -np.mean(
                    np.minimum(ratio * advantage, ratio * np.clip(advantage, 1 - clip, 1 + clip))
                )
            ),
            "This clips the advantage; PPO clips the probability ratio $\\rho$ to "
            "$[1 - \\epsilon, 1 + \\epsilon]$.",
        ),
        Mistake(
            lambda ratio, advantage, clip: float(
                np.mean(
                    np.minimum(ratio * advantage, np.clip(ratio, 1 - clip, 1 + clip) * advantage)
                )
            ),
            "The sign is flipped: this is the clipped *objective*, which PPO maximises; the "
            "loss to minimise is minus it.",
        ),
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
        "Some probabilities may be exactly 0; they contribute 0 ($0 \\log 0 = 0$). "
        "`entropy(np.array([0.5, 0.5]))` is $\\log 2 \\approx 0.693$ and "
        "`entropy(np.array([1.0, 0.0]))` is 0. Checked to a relative tolerance of $10^{-9}$."
    ),
    function_name="entropy",
    args=("probs",),
    reference=lambda probs: rl.entropy(probs),
    cases=(
        {"probs": np.array([0.5, 0.5])},
        {"probs": np.array([1.0, 0.0])},
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
            "Leave the zero probabilities out (a boolean mask such as `probs > 0` selects the "
            "others) and use the natural log `np.log`, not `np.log2`."
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
        Mistake(
            lambda probs: float(-np.sum(probs[probs > 0] * np.log2(probs[probs > 0]))),
            "Off by a factor $1/\\ln 2$: did you use `np.log2`? That gives bits; the entropy "
            "bonus is written in nats, with the natural log.",
        ),
        Mistake(
            _entropy_nan,
            "NaN where a probability is 0: NumPy computes `0 * np.log(0)` as `0 * -inf = nan`, "
            "but its limit is 0. Leave the zero probabilities out.",
        ),
        Mistake(
            lambda probs: float(np.sum(probs[probs > 0] * np.log(probs[probs > 0]))),
            "The sign is flipped: $\\log p \\le 0$, so $-\\sum_a p_a \\log p_a \\ge 0$.",
        ),
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
        "answer wins, as a float. It must stay finite for reward differences of $\\pm 1000$: "
        "`bradley_terry_loss(np.array([0.0]), np.array([1000.0]))` is 1000. Checked to a "
        "relative tolerance of $10^{-9}$."
    ),
    function_name="bradley_terry_loss",
    args=("r_chosen", "r_rejected"),
    reference=lambda r_chosen, r_rejected: rl.bradley_terry_loss(r_chosen, r_rejected),
    cases=(
        {"r_chosen": np.array([0.0]), "r_rejected": np.array([1000.0])},
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
            "overflow. Which $x$ gives the loss of one pair?"
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
        Mistake(
            _bt_naive,
            "inf for a large reward gap: `np.exp(1000)` overflows. Compute "
            "$\\log(1 + e^{x})$ with `np.logaddexp(0, x)`.",
        ),
        Mistake(
            lambda r_chosen, r_rejected: float(np.mean(np.logaddexp(0.0, r_chosen - r_rejected))),
            "The sign of the margin is flipped: this is the loss of preferring the *rejected* "
            "answer. The exponent is $-(r_c - r_r)$.",
        ),
        Mistake(
            lambda r_chosen, r_rejected: float(np.sum(np.logaddexp(0.0, -(r_chosen - r_rejected)))),
            "This is $n$ times the loss: it sums over the pairs; the loss is the mean.",
        ),
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
        "and gamma 0.9 it gives `[2.8, 0.0]`. Checked to a relative tolerance of $10^{-6}$."
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
            "Multiply the bootstrap term $\\gamma V_{\\text{frozen}}(s')$ by a factor that is 1 "
            "while the episode goes on and 0 where it ended; `done` gives that factor almost "
            "directly."
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
        "$V(s) - \\text{target}$, whose gradient is that error clipped to the Huber "
        "threshold ($[-1, 1]$ in section 13)."
    ),
    mistakes=(
        Mistake(
            lambda rewards, next_values, done, gamma: rewards + gamma * next_values,
            "`done` is ignored: where the episode ended there is no next state, so the target "
            "is the reward alone.",
        ),
        Mistake(
            lambda rewards, next_values, done, gamma: gamma * (rewards + (1 - done) * next_values),
            "The reward is discounted too: the reward of this step counts in full, only the "
            "bootstrap term is multiplied by $\\gamma$.",
        ),
        lambda rewards, next_values, done, gamma: rewards + (1 - gamma) * (1 - done) * next_values,
    ),
)


def _gradient_variance(probs, means, noise_std, baseline):
    """Total variance of the one-pull REINFORCE gradient w.r.t. the logits, in closed form.

    g = -(r - b)(e_a - pi) with a ~ pi and r = means[a] + noise_std * N(0, 1), so
    E||g||^2 = sum_a pi_a (noise_std^2 + (means_a - b)^2) ||e_a - pi||^2 and
    E g = -pi * (means - pi @ means); the total variance is E||g||^2 - ||E g||^2.
    """
    pi, mu = np.asarray(probs, dtype=float), np.asarray(means, dtype=float)
    sq_norm = np.sum((np.eye(pi.size) - pi) ** 2, axis=1)  # ||e_a - pi||^2 for each arm
    second_moment = np.sum(pi * (noise_std**2 + (mu - baseline) ** 2) * sq_norm)
    mean_gradient = -pi * (mu - pi @ mu)
    return float(second_moment - mean_gradient @ mean_gradient)


def _variance_case(rng: np.random.Generator) -> dict:
    k = int(rng.integers(2, 6))
    means = np.round(rng.normal(float(rng.choice([0.0, 4.0])), 1.0, k), 2)
    return {
        "probs": rng.dirichlet(np.ones(k)),
        "means": means,
        "noise_std": float(rng.choice([0.0, 0.5, 1.0, 2.0])),
        "baseline": float(rng.choice([0.0, 1.0, np.round(means.mean(), 2)])),
    }


def _second_moment_only(probs, means, noise_std, baseline):
    sq_norm = np.sum((np.eye(probs.size) - probs) ** 2, axis=1)
    return float(np.sum(probs * (noise_std**2 + (means - baseline) ** 2) * sq_norm))


def _without_noise(probs, means, noise_std, baseline):
    return _gradient_variance(probs, means, 0.0, baseline)


def _per_component_mean(probs, means, noise_std, baseline):
    return _gradient_variance(probs, means, noise_std, baseline) / probs.size


_BASELINE_VARIANCE = Exercise(
    id="10.8",
    title="How much a baseline lowers the variance",
    kind="function",
    prompt=(
        "A softmax policy pulls arm $a$ with probability $\\pi_a$ (`probs`); arm $a$ pays "
        "`means[a]` plus Gaussian noise of standard deviation `noise_std`. One pull gives the "
        "REINFORCE gradient $g = -(r - b)(e_a - \\pi)$ with respect to the logits. Write "
        "`gradient_variance(probs, means, noise_std, baseline)` that returns the total "
        "variance of $g$ (the sum of the variances of its components), exactly: "
        "$\\mathbb E\\|g\\|^2 - \\|\\mathbb E g\\|^2$, summing over the arms with their "
        "probabilities. With probs `[0.5, 0.5]`, means `[1, 0]` and noise_std 0 it gives "
        "0.125 for baseline 0 and 0 for baseline 0.5. Checked to a relative tolerance of "
        "$10^{-6}$, so compute it exactly, not by simulation."
    ),
    function_name="gradient_variance",
    args=("probs", "means", "noise_std", "baseline"),
    reference=_gradient_variance,
    cases=(
        {
            "probs": np.array([0.5, 0.5]),
            "means": np.array([1.0, 0.0]),
            "noise_std": 0.0,
            "baseline": 0.0,
        },
        {
            "probs": np.array([0.5, 0.5]),
            "means": np.array([1.0, 0.0]),
            "noise_std": 0.0,
            "baseline": 0.5,
        },
        {
            "probs": np.array([0.25, 0.25, 0.5]),
            "means": np.array([4, 5, 3]),
            "noise_std": 1.0,
            "baseline": 0.0,
        },
        {
            "probs": np.array([0.25, 0.25, 0.5]),
            "means": np.array([4, 5, 3]),
            "noise_std": 1.0,
            "baseline": 3.75,
        },
    ),
    generate=_variance_case,
    n_random=20,
    seed=18,
    hints=(
        (
            "Arm $a$ is pulled with probability $\\pi_a$, and then "
            "$\\|g\\|^2 = (r - b)^2 \\|e_a - \\pi\\|^2$. What is the mean of $(r - b)^2$ when "
            "$r$ has mean $\\mu_a$ and standard deviation $\\sigma$?"
        ),
        (
            "$\\mathbb E[(r - b)^2] = \\sigma^2 + (\\mu_a - b)^2$, so "
            "$\\mathbb E\\|g\\|^2 = \\sum_a \\pi_a (\\sigma^2 + (\\mu_a - b)^2)"
            "\\|e_a - \\pi\\|^2$. "
            "The mean gradient is the same for every baseline (section 2): "
            "$\\mathbb E g = -\\pi \\odot (\\mu - \\pi \\cdot \\mu)$."
        ),
        (
            "`sq_norm = np.sum((np.eye(len(probs)) - probs) ** 2, axis=1)` holds "
            "$\\|e_a - \\pi\\|^2$ for every arm; subtract `mean_g @ mean_g` at the end."
        ),
    ),
    solution=(
        "def gradient_variance(probs, means, noise_std, baseline):\n"
        "    sq_norm = np.sum((np.eye(len(probs)) - probs) ** 2, axis=1)  # ||e_a - pi||^2\n"
        "    second_moment = np.sum(probs * (noise_std**2 + (means - baseline) ** 2) * sq_norm)\n"
        "    mean_g = -probs * (means - probs @ means)  # the same for every baseline\n"
        "    return float(second_moment - mean_g @ mean_g)\n\n\n"
        'exercises.check("10.8", gradient_variance)'
    ),
    explanation=(
        "Only the second moment depends on $b$, through $(\\mu_a - b)^2$: a baseline near the "
        "rewards removes the part of every push that all arms share. On the chapter's bandit, "
        "whose rewards sit near 4, the expected reward as baseline divides the variance by "
        "about 12 (section 3). The variance is a quadratic in $b$, smallest at "
        "$b^\\ast = \\sum_a \\pi_a \\|e_a - \\pi\\|^2 \\mu_a / \\sum_a \\pi_a \\|e_a - \\pi\\|^2$, "
        "a weighted mean of the arms' rewards; at the uniform policy that is exactly the "
        "expected reward."
    ),
    mistakes=(
        Mistake(
            _second_moment_only,
            "This looks like the second moment $\\mathbb E\\|g\\|^2$: the variance subtracts "
            "the squared norm of the mean gradient, $\\|\\mathbb E g\\|^2$.",
        ),
        Mistake(
            _without_noise,
            "The reward noise is missing: $\\mathbb E[(r - b)^2] = \\sigma^2 + (\\mu_a - b)^2$, "
            "not only $(\\mu_a - b)^2$.",
        ),
        Mistake(
            _per_component_mean,
            "This is the total variance divided by the number of arms: the question asks for "
            "the *sum* of the components' variances.",
        ),
    ),
)


EXERCISES = [
    _RETURNS,
    _REINFORCE,
    _TD0,
    _PPO,
    _ENTROPY,
    _BRADLEY_TERRY,
    _FROZEN_TARGET,
    _BASELINE_VARIANCE,
]

# Every learning objective of the chapter, as written in its notebook, and the exercises and
# quiz questions that check it.
OBJECTIVES = (
    (
        "learn a {term}`multi-armed bandit` with a {term}`softmax` {term}`policy` and the "
        "{term}`policy-gradient <policy gradient>` ({term}`REINFORCE`) loss "
        "$-\\log \\pi(a)\\,(r - b)$, compute its gradient, and explain why a {term}`baseline` "
        "$b$, fixed or learned by a critic, leaves the expected gradient unchanged but lowers "
        "its variance;",
        ("10.2", "10.8", "10.q1", "10.q2"),
    ),
    (
        "compute discounted {term}`returns <return>` and the effective horizon "
        "$1/(1 - \\gamma)$ of a {term}`discount <discount factor>`, estimate state values with "
        "the {term}`temporal-difference <temporal difference>` loss (TD(0)), and use the TD "
        "error as the advantage of an actor-critic;",
        ("10.1", "10.3", "10.q4"),
    ),
    (
        "compute the DQN target from a frozen copy of the weights and bound the TD step with "
        "the Huber loss, and say from a fair learning-rate grid what each does (and does not "
        "do) for semi-gradient TD with shared features;",
        ("10.7", "10.q5"),
    ),
    (
        "add an entropy bonus to a policy loss and measure what it buys and costs, and explain "
        "what PPO's clipped surrogate prevents when one batch is used for several updates;",
        ("10.4", "10.5", "10.q6", "10.q7"),
    ),
    (
        "fit a reward model to pairwise preferences with the Bradley-Terry loss, a binary "
        "cross-entropy on a reward difference;",
        ("10.6", "10.q8"),
    ),
    (
        "explain why these losses move as the agent's data change, unlike a fixed supervised loss.",
        ("10.q3",),
    ),
)
