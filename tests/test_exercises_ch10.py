"""Chapter 10's exercises and quiz questions: the data behind them, checked from outside.

The generic checker tests live in tests/test_exercises.py; here each exercise's anticipated
mistakes are shown to be real wrong answers, the delicate cases (integer inputs, large
logits) are shown to reject the naive answers, and the closed form of exercise 10.8 is
compared with a simulation of single-pull REINFORCE gradients.
"""

import numpy as np
import pytest

from lossedu import exercises, rl
from lossedu.exercises import ch10
from lossedu.exercises._core import get_exercise

IDS = [e.id for e in ch10.EXERCISES]


@pytest.mark.parametrize("exercise_id", IDS)
def test_every_prompt_states_its_tolerance(exercise_id):
    assert "tolerance" in get_exercise(exercise_id).prompt


def test_integer_rewards_reject_a_truncating_answer():
    # [0, 0, 1] with gamma 0.9: G = (0.81, 0.9, 1) by hand; an integer output gives (0, 0, 1).
    first = get_exercise("10.1").cases[0]
    assert first["rewards"].dtype.kind == "i"
    np.testing.assert_allclose(get_exercise("10.1").reference(**first), [0.81, 0.9, 1.0])
    np.testing.assert_array_equal(ch10._returns_truncated(**first), [0, 0, 1])
    assert exercises.check("10.1", ch10._returns_truncated).outcome == "incorrect"


def test_integer_value_table_rejects_a_truncating_copy():
    ex = get_exercise("10.3")
    integer_case = next(c for c in ex.cases if c["values"].dtype.kind == "i")
    kwargs = {k: v for k, v in integer_case.items() if k not in ex.args}
    expected = ex.reference(*(integer_case[a] for a in ex.args), **kwargs)
    # delta = 1 + 0.9 * 0 - 0 = 1, so V(1) moves to 0.1 (by hand)
    np.testing.assert_allclose(expected, [0.0, 0.1, 0.0, 0.0])
    assert exercises.check("10.3", ch10._td_integer_copy).outcome == "incorrect"


def test_large_logits_reject_the_naive_softmax():
    # At logits [1000, 0] the policy is (1, 0) to double precision, so for action 1, reward 1
    # and baseline 0 the gradient -(e_1 - pi) is (1, -1); exp(1000) overflows in the naive form.
    ex = get_exercise("10.2")
    case = next(c for c in ex.cases if np.max(c["logits"]) >= 1000)
    np.testing.assert_allclose(ex.reference(**case), [1.0, -1.0])
    with np.errstate(over="ignore", invalid="ignore"):
        assert not np.all(np.isfinite(ch10._reinforce_naive_softmax(**case)))
    assert exercises.check("10.2", ch10._reinforce_naive_softmax).outcome == "incorrect"


def test_bradley_terry_example_is_the_first_case():
    # log(1 + e^1000) = 1000 + log(1 + e^-1000) = 1000 to double precision
    first = get_exercise("10.6").cases[0]
    assert get_exercise("10.6").reference(**first) == pytest.approx(1000.0)


def test_gradient_variance_examples_by_hand():
    ref = get_exercise("10.8").reference
    # Two arms, pi = (0.5, 0.5), means (1, 0), no noise: ||e_a - pi||^2 = 0.5 for both arms,
    # E||g||^2 = 0.5 * 1 * 0.5 = 0.25, E g = (-0.25, 0.25), so the variance is 0.125; with
    # b = 0.5 every pull gives g = (-0.25, 0.25) exactly, variance 0.
    pi, mu = np.array([0.5, 0.5]), np.array([1.0, 0.0])
    assert ref(pi, mu, 0.0, 0.0) == pytest.approx(0.125)
    assert ref(pi, mu, 0.0, 0.5) == pytest.approx(0.0, abs=1e-15)


@pytest.mark.parametrize("seed", range(3))
def test_gradient_variance_matches_a_simulation(seed):
    # Independent check of the closed form: draw 200 000 single pulls from the policy, compute
    # each gradient with rl.reinforce_grad, and compare the summed component variances.
    rng = np.random.default_rng(seed)
    k = 4
    logits = rng.normal(0.0, 1.0, k)
    pi = rl.softmax_policy(logits)
    means, noise = rng.normal(4.0, 1.0, k), 1.5
    for baseline in (0.0, float(pi @ means)):
        arms = rng.choice(k, size=200_000, p=pi)
        rewards = means[arms] + rng.normal(0.0, noise, arms.size)
        g = rl.reinforce_grad(arms, rewards, logits, baseline=baseline, reduction="none")
        simulated = g.var(axis=0).sum()
        exact = get_exercise("10.8").reference(pi, means, noise, baseline)
        assert simulated == pytest.approx(exact, rel=0.03)


def test_gradient_variance_on_the_chapter_bandit_matches_section_3():
    # The chapter prints 16.351 and 1.340 for the uniform policy over its ten arms.
    rng = np.random.default_rng(0)
    means = np.round(4.0 + rng.normal(0.0, 1.0, 10), 2)  # the chapter's first draw (SEED 0)
    pi0 = np.full(10, 0.1)
    ref = get_exercise("10.8").reference
    assert ref(pi0, means, 1.0, 0.0) == pytest.approx(16.351, abs=5e-4)
    assert ref(pi0, means, 1.0, pi0 @ means) == pytest.approx(1.340, abs=5e-4)


@pytest.mark.parametrize("seed", range(5))
def test_best_constant_baseline_is_a_weighted_mean_and_the_expected_reward_when_uniform(seed):
    # 10.q2: the variance is a quadratic in b with minimiser
    # sum_a pi_a w_a mu_a / sum_a pi_a w_a, w_a = ||e_a - pi||^2. The vertex of the parabola
    # through the closed form's values at b = -1, 0, 1 is found without that formula.
    rng = np.random.default_rng(seed)
    k = 5
    means = rng.normal(2.0, 2.0, k)
    ref = get_exercise("10.8").reference
    for pi in (np.full(k, 1 / k), rng.dirichlet(np.ones(k))):
        v_minus, v_0, v_plus = (ref(pi, means, 1.0, b) for b in (-1.0, 0.0, 1.0))
        vertex = (v_minus - v_plus) / (2 * (v_minus - 2 * v_0 + v_plus))
        w = np.sum((np.eye(k) - pi) ** 2, axis=1)
        assert vertex == pytest.approx(np.sum(pi * w * means) / np.sum(pi * w), rel=1e-9)
        assert ref(pi, means, 1.0, vertex) <= ref(pi, means, 1.0, float(pi @ means)) + 1e-12
    uniform = np.full(k, 1 / k)
    w = np.sum((np.eye(k) - uniform) ** 2, axis=1)
    assert np.sum(uniform * w * means) / np.sum(uniform * w) == pytest.approx(uniform @ means)


def test_discount_choice_of_question_4():
    # 10.q4: 5 * 0.9^20 < 1 < 5 * 0.95^20
    for gamma, later_wins in ((0.9, False), (0.95, True)):
        later = np.zeros(21)
        later[20] = 5.0
        assert bool(rl.discounted_returns(later, gamma=gamma)[0] > 1.0) is later_wins


def test_bradley_terry_loss_ignores_a_common_shift():
    # 10.q8, on random rewards
    rng = np.random.default_rng(3)
    r_c, r_r = rng.normal(0, 2, 50), rng.normal(0, 2, 50)
    assert rl.bradley_terry_loss(r_c + 5, r_r + 5) == pytest.approx(
        rl.bradley_terry_loss(r_c, r_r), rel=1e-12
    )


def test_ppo_clip_is_flat_beyond_the_band():
    # 10.q6: zero gradient for A > 0 and rho > 1 + eps
    grad = rl.ppo_clip_loss_grad(np.array([1.5]), np.array([1.0]), clip=0.2)
    np.testing.assert_array_equal(grad, [0.0])
