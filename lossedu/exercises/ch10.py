"""Exercises of chapter 10, "Losses in reinforcement learning": returns, REINFORCE, TD(0)."""

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

EXERCISES = [_RETURNS, _REINFORCE, _TD0]
