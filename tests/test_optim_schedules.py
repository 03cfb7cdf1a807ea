"""Tests for lossedu.optim.schedules and the learning rate as a schedule: values by hand,
torch.optim.lr_scheduler (StepLR, CosineAnnealingLR) driving torch.optim when installed."""

import math

import numpy as np
import pytest

from lossedu import optim

# --- values by hand ---------------------------------------------------------------------------


def test_step_schedule_values():
    # lr * gamma ** (t // step_size) for lr = 0.1, step_size = 3, gamma = 0.5
    s = optim.step_schedule(0.1, 3, gamma=0.5)
    expected = {0: 0.1, 2: 0.1, 3: 0.05, 5: 0.05, 6: 0.025, 9: 0.0125, 30: 0.1 / 1024}
    for t, lr in expected.items():
        assert s(t) == pytest.approx(lr, rel=1e-15)
    assert optim.step_schedule(2.0, 1)(2) == pytest.approx(0.02, rel=1e-15)  # gamma 0.1, twice
    assert optim.step_schedule(0.3, 4, gamma=1.0)(100) == 0.3  # gamma = 1: constant


def test_cosine_schedule_values():
    # lr_min + (lr - lr_min) (1 + cos(pi t / T)) / 2 with lr = 1, lr_min = 0.2, T = 8
    s = optim.cosine_schedule(1.0, 8, lr_min=0.2)
    assert s(0) == 1.0
    assert s(2) == pytest.approx(0.2 + 0.4 * (1 + math.sqrt(0.5)), rel=1e-15)  # cos(pi/4)
    assert s(4) == pytest.approx(0.6, rel=1e-15)  # cos(pi/2) = 0: halfway
    assert s(6) == pytest.approx(0.2 + 0.4 * (1 - math.sqrt(0.5)), rel=1e-14)
    assert s(8) == pytest.approx(0.2, rel=1e-15)
    # after total_steps the rate holds lr_min (PyTorch's formula would climb back up)
    assert [s(t) for t in (9, 12, 16, 1000)] == [0.2] * 4
    zero = optim.cosine_schedule(0.5, 10)
    assert zero(10) == 0.0 and zero(11) == 0.0


def test_cosine_schedule_is_decreasing_and_symmetric():
    # properties of half a cosine: monotone, and eta_t + eta_{T-t} = lr + lr_min
    s = optim.cosine_schedule(0.4, 50, lr_min=0.1)
    rates = np.array([s(t) for t in range(51)])
    assert np.all(np.diff(rates) < 0)
    np.testing.assert_allclose(rates + rates[::-1], 0.5, rtol=1e-14)


def test_optimiser_calls_the_schedule_with_the_number_of_earlier_steps():
    seen = []

    def schedule(t):
        seen.append(t)
        return 0.1

    opt = optim.Adam(schedule)
    w = np.zeros(2)
    for _ in range(4):
        w = opt.step(w, [1.0, -1.0])
    opt.reset()
    opt.step(w, [1.0, -1.0])
    assert seen == [0, 1, 2, 3, 0]


def test_sgd_with_a_schedule_by_hand():
    # closed form: w_t = w_0 - g * sum of the first t rates; rates 1, 1, 0.5, 0.5, 0.25
    opt, w = optim.SGD(optim.step_schedule(1.0, 2, gamma=0.5)), np.array([10.0])
    for expected in (9.0, 8.0, 7.5, 7.0, 6.75):
        w = opt.step(w, [1.0])
        assert w[0] == expected


def test_a_zero_rate_leaves_the_weights_but_advances_the_state():
    # cosine to 0 reaches lr = 0 at t = total_steps: the step moves nothing (as torch.optim
    # does with lr = 0), and the schedule stays at 0 after it
    opt, w = optim.SGD(optim.cosine_schedule(0.1, 2), momentum=0.9), np.array([1.0])
    w = opt.step(opt.step(w, [1.0]), [1.0])
    assert opt.step(w, [1.0])[0] == w[0]


# --- torch.optim.lr_scheduler ------------------------------------------------------------------

SCHEDULES = {
    "step": (
        lambda lr: optim.step_schedule(lr, 7, gamma=0.5),
        lambda torch, opt: torch.optim.lr_scheduler.StepLR(opt, step_size=7, gamma=0.5),
    ),
    "step-default-gamma": (
        lambda lr: optim.step_schedule(lr, 10),
        lambda torch, opt: torch.optim.lr_scheduler.StepLR(opt, step_size=10),
    ),
    "cosine": (
        lambda lr: optim.cosine_schedule(lr, 45, lr_min=lr / 20),
        lambda torch, opt: torch.optim.lr_scheduler.CosineAnnealingLR(
            opt, T_max=45, eta_min=opt.defaults["lr"] / 20
        ),
    ),
    "cosine-to-zero": (
        lambda lr: optim.cosine_schedule(lr, 45),
        lambda torch, opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=45),
    ),
}
OPTIMISERS = [
    ("SGD", {"lr": 0.05, "momentum": 0.9}),
    ("SGD", {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.1}),
    ("AdamW", {"lr": 0.1, "weight_decay": 0.2}),
    ("RMSprop", {"lr": 0.02}),
    ("Adagrad", {"lr": 0.3}),
]
STEPS = 45  # t = 0 .. 44 <= total_steps of the cosines


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_schedule_values_equal_torch_lr_scheduler(schedule):
    torch = pytest.importorskip("torch")
    ours_of, torch_of = SCHEDULES[schedule]
    p = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.3)
    sched = torch_of(torch, opt)
    ref = []
    for _ in range(STEPS + 1):  # the rate each torch step uses, t = 0 .. 45
        ref.append(opt.param_groups[0]["lr"])
        p.grad = torch.ones(1, dtype=torch.float64)
        opt.step()
        sched.step()
    ours = [ours_of(0.3)(t) for t in range(STEPS + 1)]
    np.testing.assert_allclose(ours, ref, rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize(("name", "kwargs"), OPTIMISERS, ids=lambda x: str(x))
@pytest.mark.parametrize("schedule", SCHEDULES)
def test_scheduled_trajectory_equals_torch(rng, name, kwargs, schedule):
    torch = pytest.importorskip("torch")
    ours_of, torch_of = SCHEDULES[schedule]
    m = rng.normal(size=(5, 5))
    a, b = m @ m.T / 5 + np.eye(5), rng.normal(size=5)
    w0 = rng.normal(size=5)

    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, name)([p], **kwargs)
    sched = torch_of(torch, opt)
    ref = []
    for _ in range(STEPS):
        p.grad = torch.from_numpy(a @ p.detach().numpy() - b)
        opt.step()
        sched.step()
        ref.append(p.detach().numpy().copy())

    ours_opt = getattr(optim, name)(**{**kwargs, "lr": ours_of(kwargs["lr"])})
    w, got = w0, []
    for _ in range(STEPS):
        w = ours_opt.step(w, a @ w - b)
        got.append(w)
    assert not np.allclose(ref[-1], w0)  # it moved
    np.testing.assert_allclose(np.array(got), np.array(ref), rtol=1e-10, atol=1e-13)


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"])
def test_bad_schedule_values_are_refused_and_leave_the_state(name):
    for bad in (np.nan, np.inf, -0.1):
        rates = iter([0.1, bad])
        opt = getattr(optim, name)(lambda t, r=rates: next(r))
        w = opt.step([1.0, 2.0], [0.5, -0.5])
        with pytest.raises(ValueError, match=r"lr is a schedule, and lr\(1\).*step t = 1"):
            opt.step(w, [0.5, -0.5])
        assert opt._t == 1  # the refused step counted nothing
    for bad in ("0.1", None, [0.1], True):
        opt = getattr(optim, name)(lambda t, bad=bad: bad)
        with pytest.raises(TypeError, match=r"lr is a schedule, and lr\(0\).*must return a number"):
            opt.step([1.0], [1.0])
        assert opt._t == 0 and opt._shape is None


def test_a_refused_schedule_value_keeps_the_trajectory():
    # after a refused step, the next accepted one is the step a fresh run would take
    rates = iter([0.1, np.nan, 0.05])
    opt, twin = optim.SGD(lambda t: next(rates), momentum=0.9), optim.SGD(0.1, momentum=0.9)
    w = opt.step([1.0], [1.0])
    assert twin.step([1.0], [1.0])[0] == w[0]
    with pytest.raises(ValueError):
        opt.step(w, [2.0])
    # buffer 0.9 * 1 + 2 = 2.9, rate 0.05: w - 0.145
    assert opt.step(w, [2.0])[0] == pytest.approx(w[0] - 0.05 * 2.9, rel=1e-15)


def test_step_schedule_bad_input():
    for lr in (0.0, -1.0, np.nan):
        with pytest.raises(ValueError, match="lr must be a finite number > 0"):
            optim.step_schedule(lr, 5)
    for size in (0, -3):
        with pytest.raises(ValueError, match="step_size must be an integer >= 1"):
            optim.step_schedule(0.1, size)
    for size in (2.5, True, "5"):
        with pytest.raises(TypeError, match="step_size must be an integer"):
            optim.step_schedule(0.1, size)
    for gamma in (1.5, -0.1, np.nan):
        with pytest.raises(ValueError, match=r"gamma must lie in \[0, 1\]"):
            optim.step_schedule(0.1, 5, gamma=gamma)
    with pytest.raises(ValueError, match=r"gamma must lie in \(0, 1\], got 0.0"):
        optim.step_schedule(0.1, 5, gamma=0.0)


def test_cosine_schedule_bad_input():
    with pytest.raises(ValueError, match="lr must be a finite number > 0"):
        optim.cosine_schedule(0.0, 10)
    with pytest.raises(ValueError, match="total_steps must be an integer >= 1"):
        optim.cosine_schedule(0.1, 0)
    with pytest.raises(TypeError, match="total_steps must be an integer"):
        optim.cosine_schedule(0.1, 10.0)
    for lr_min in (-0.01, 0.2, np.inf):
        with pytest.raises(ValueError, match=r"lr_min must lie in \[0, 0.1\].*at most the initial"):
            optim.cosine_schedule(0.1, 10, lr_min=lr_min)


@pytest.mark.parametrize("schedule", [optim.step_schedule(0.1, 2), optim.cosine_schedule(0.1, 5)])
def test_schedule_step_index_must_be_a_whole_number(schedule):
    with pytest.raises(ValueError, match="t must be an integer >= 0, got -1"):
        schedule(-1)
    with pytest.raises(TypeError, match="t must be an integer, got float"):
        schedule(1.5)


def test_schedule_reprs_and_equality():
    assert repr(optim.cosine_schedule(1, 10)) == "cosine_schedule(1.0, 10, lr_min=0.0)"
    assert optim.step_schedule(0.1, 3) == optim.step_schedule(0.1, 3, gamma=0.1)
    assert optim.step_schedule(0.1, 3) != optim.step_schedule(0.1, 4)
