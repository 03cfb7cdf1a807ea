"""Tests for lossedu.optim: what every optimiser shares (state, reset, bad input, overflow), and
every rule's trajectory against torch.optim step by step when it is installed. The options of
one rule and the schedules have tests of their own: tests/test_optim_sgd.py,
tests/test_optim_adaptive.py and tests/test_optim_schedules.py."""

import decimal
import inspect
import math

import numpy as np
import pytest

from lossedu import optim

# --- closed forms on f(w) = w**2 / 2, whose gradient is w --------------------------------------


def test_sgd_on_half_square_is_geometric():
    # w_t = w_{t-1} - lr * w_{t-1} = (1 - lr)^t w_0
    lr, w0 = 0.1, np.array([1.0, -3.0, 0.5])
    opt, w = optim.SGD(lr), w0
    for t in range(1, 51):
        w = opt.step(w, w)
        np.testing.assert_allclose(w, (1 - lr) ** t * w0, rtol=1e-12)


def test_sgd_momentum_first_three_steps_by_hand():
    # lr = 0.1, mu = 0.9, w0 = 1, g = w:
    #   step 1: buf = g = 1                       w1 = 1 - 0.1 * 1        = 0.9
    #   step 2: buf = 0.9 * 1 + 0.9 = 1.8         w2 = 0.9 - 0.1 * 1.8    = 0.72
    #   step 3: buf = 0.9 * 1.8 + 0.72 = 2.34     w3 = 0.72 - 0.1 * 2.34  = 0.486
    opt, w = optim.SGD(0.1, momentum=0.9), np.array([1.0])
    seen = []
    for _ in range(3):
        w = opt.step(w, w)
        seen.append(float(w[0]))
    np.testing.assert_allclose(seen, [0.9, 0.72, 0.486], rtol=1e-14)


def test_sgd_momentum_matches_heavy_ball_closed_form():
    # With g = w the rule gives w_{t+1} = (1 + mu - lr) w_t - mu w_{t-1}, started from
    # w_{-1} = w_0 (empty buffer). Its solution is A r1^t + B r2^t, r1, r2 the roots of
    # r^2 - (1 + mu - lr) r + mu = 0 (complex for lr = 0.1, mu = 0.9: a damped oscillation).
    lr, mu, w0 = 0.1, 0.9, 2.0
    r1, r2 = np.roots([1.0, -(1 + mu - lr), mu])
    a, b = np.linalg.solve([[1 / r1, 1 / r2], [1.0, 1.0]], [w0, w0])  # t = -1 and t = 0
    opt, w = optim.SGD(lr, momentum=mu), np.array([w0])
    for t in range(1, 51):
        w = opt.step(w, w)
        expected = (a * r1**t + b * r2**t).real
        assert w[0] == pytest.approx(expected, rel=1e-10, abs=1e-12)


def test_adam_first_step_is_lr_times_sign():
    # m1 = (1 - b1) g, v1 = (1 - b2) g^2, so after bias correction m/sqrt(v) = g / |g|
    g = np.array([3.0, -0.5, 1e-3, -200.0])
    w0 = np.zeros(4)
    lr, eps = 0.01, 1e-8
    w1 = optim.Adam(lr, eps=eps).step(w0, g)
    np.testing.assert_allclose(w1, -lr * g / (np.abs(g) + eps), rtol=1e-13)
    np.testing.assert_allclose(w1, -lr * np.sign(g), rtol=1e-5)  # up to eps / |g|


def test_adam_constant_gradient_moves_lr_per_step():
    # a constant g gives bias-corrected moments g and g^2 at every step, so each step is
    # lr * g / (|g| + eps) and w_t = w_0 - t * lr * g / (|g| + eps)
    g, w = np.array([0.7, -2.0]), np.array([1.0, 1.0])
    opt = optim.Adam(0.05, betas=(0.8, 0.95))
    for t in range(1, 51):
        w = opt.step(w, g)
        expected = 1.0 - t * 0.05 * g / (np.abs(g) + 1e-8)
        np.testing.assert_allclose(w, expected, rtol=1e-12, atol=1e-14)  # w[0] passes near 0


def test_rmsprop_constant_gradient_closed_form():
    # v_t = (1 - alpha^t) g^2 (no bias correction), step_t = lr g / (sqrt(1 - alpha^t)|g| + eps)
    g, lr, alpha, eps = np.array([0.3, -4.0]), 0.01, 0.9, 1e-8
    opt, w, expected = optim.RMSprop(lr, alpha=alpha, eps=eps), np.zeros(2), np.zeros(2)
    for t in range(1, 51):
        w = opt.step(w, g)
        expected = expected - lr * g / (math.sqrt(1 - alpha**t) * np.abs(g) + eps)
        np.testing.assert_allclose(w, expected, rtol=1e-12)


def test_adagrad_constant_gradient_closed_form():
    # s_t = t g^2, step_t = lr g / (sqrt(t)|g| + eps)
    g, lr, eps = np.array([0.3, -4.0]), 0.1, 1e-10
    opt, w, expected = optim.Adagrad(lr, eps=eps), np.zeros(2), np.zeros(2)
    for t in range(1, 51):
        w = opt.step(w, g)
        expected = expected - lr * g / (math.sqrt(t) * np.abs(g) + eps)
        np.testing.assert_allclose(w, expected, rtol=1e-12)


# --- torch.optim, step by step ------------------------------------------------------------------

# the same keyword arguments build both optimisers
CONFIGS = [
    ("SGD", {"lr": 0.02}),
    ("SGD", {"lr": 0.01, "momentum": 0.9}),
    ("SGD", {"lr": 0.02, "weight_decay": 0.1}),
    ("SGD", {"lr": 0.01, "momentum": 0.9, "weight_decay": 0.05}),
    ("SGD", {"lr": 0.01, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.01, "momentum": 0.5, "weight_decay": 0.3, "nesterov": True}),
    ("Adam", {"lr": 0.05}),
    ("Adam", {"lr": 0.01, "betas": (0.5, 0.9), "eps": 1e-6}),
    ("AdamW", {"lr": 0.05}),
    ("AdamW", {"lr": 0.05, "weight_decay": 0.0}),
    ("AdamW", {"lr": 0.02, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.5}),
    ("AdamW", {"lr": 0.01, "weight_decay": 2.0}),
    ("RMSprop", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.003, "alpha": 0.5}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.3, "eps": 1e-3}),
]


def quadratic(rng):
    """f(w) = w.A w / 2 - b.w with A symmetric positive definite; gradient A w - b."""
    m = rng.normal(size=(5, 5))
    a, b = m @ m.T / 5 + np.eye(5), rng.normal(size=5)
    return (lambda w: a @ w - b), (lambda t: 0.5 * t @ t.new_tensor(a) @ t - t.new_tensor(b) @ t)


def rosenbrock():
    """f(x, y) = (1 - x)^2 + 100 (y - x^2)^2 and its hand-derived gradient."""

    def grad(w):
        x, y = w
        return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])

    return grad, lambda t: (1 - t[0]) ** 2 + 100 * (t[1] - t[0] ** 2) ** 2


def torch_trajectory(torch, name, kwargs, grad, w0, steps):
    """torch.optim's trajectory, fed the same gradient function at torch's own iterate."""
    p = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = getattr(torch.optim, name)([p], **kwargs)
    out = []
    for _ in range(steps):
        p.grad = torch.from_numpy(grad(p.detach().numpy().copy()))
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out)


def ours_trajectory(name, kwargs, grad, w0, steps):
    opt, w, out = getattr(optim, name)(**kwargs), np.array(w0), []
    for _ in range(steps):
        w = opt.step(w, grad(w))
        out.append(w)
    return np.array(out)


@pytest.mark.parametrize("problem", ["quadratic", "rosenbrock"])
def test_hand_gradients_equal_torch_autograd(rng, problem):
    torch = pytest.importorskip("torch")
    grad, torch_f = quadratic(rng) if problem == "quadratic" else rosenbrock()
    for _ in range(5):
        w = rng.normal(size=5 if problem == "quadratic" else 2)
        t = torch.tensor(w, requires_grad=True)
        torch_f(t).backward()
        np.testing.assert_allclose(grad(w), t.grad.numpy(), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(("name", "kwargs"), CONFIGS)
@pytest.mark.parametrize("problem", ["quadratic", "rosenbrock"])
def test_trajectory_equals_torch(rng, name, kwargs, problem):
    torch = pytest.importorskip("torch")
    if problem == "quadratic":
        grad, _ = quadratic(rng)
        w0 = rng.normal(size=5)
    else:
        grad, _ = rosenbrock()
        w0 = np.array([-1.2, 1.0])
        if name == "SGD":  # Rosenbrock's gradients reach 1e2: smaller steps keep SGD stable
            kwargs = {**kwargs, "lr": kwargs["lr"] * 0.05}
    ours = ours_trajectory(name, kwargs, grad, w0, 50)
    ref = torch_trajectory(torch, name, kwargs, grad, w0, 50)
    assert np.all(np.isfinite(ref)) and not np.allclose(ref[-1], w0)  # it moved, sanely
    np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-14)


def test_torch_defaults_are_ours():
    torch = pytest.importorskip("torch")
    p = [torch.zeros(1, requires_grad=True)]
    for name, keys in [
        ("Adam", ("lr", "betas", "eps")),
        ("AdamW", ("lr", "betas", "eps", "weight_decay")),
        ("RMSprop", ("lr", "alpha", "eps")),
    ]:
        ref = getattr(torch.optim, name)(p).defaults
        ours = getattr(optim, name)()
        assert {k: getattr(ours, k) for k in keys} == {k: ref[k] for k in keys}
    ref = torch.optim.Adagrad(p).defaults
    assert (optim.Adagrad().lr, optim.Adagrad().eps) == (ref["lr"], ref["eps"])
    ref = torch.optim.SGD(p, lr=0.1).defaults
    ours = optim.SGD(0.1)
    assert (ours.momentum, ours.weight_decay, ours.nesterov) == (
        ref["momentum"],
        ref["weight_decay"],
        ref["nesterov"],
    )


# --- state, reset, inputs ---------------------------------------------------------------------

ALL = [
    optim.SGD(0.1),
    optim.SGD(0.1, momentum=0.9),
    optim.SGD(0.1, momentum=0.9, weight_decay=0.1, nesterov=True),
    optim.Adam(0.1),
    optim.AdamW(0.1, weight_decay=0.1),
    optim.RMSprop(0.1),
    optim.Adagrad(0.1),
]


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_reset_restarts_the_trajectory(opt, rng):
    w0, g = rng.normal(size=3), rng.normal(size=3)
    opt.reset()
    first = opt.step(w0, g)
    opt.step(first, g)
    opt.reset()
    np.testing.assert_array_equal(opt.step(w0, g), first)


@pytest.mark.parametrize("opt", ALL[1:], ids=repr)
def test_state_is_kept_between_calls(opt, rng):
    # for every rule with state, a step after an earlier one differs from a fresh first step
    w0, g1, g2 = rng.normal(size=3), rng.normal(size=3), rng.normal(size=3)
    opt.reset()
    fresh = opt.step(w0, g2)
    opt.reset()
    opt.step(w0, g1)
    assert not np.allclose(opt.step(w0, g2), fresh)


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_inputs_not_modified_and_state_not_aliased(opt, rng):
    w, g = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
    w_before, g_before = w.copy(), g.copy()
    opt.reset()
    new_w = opt.step(w, g)
    np.testing.assert_array_equal(w, w_before)
    np.testing.assert_array_equal(g, g_before)
    assert new_w is not w and new_w.shape == (2, 3) and new_w.dtype == np.float64
    # the caller reuses g's memory: the optimiser's state must not change with it
    twin = type(opt)(**{k: v for k, v in vars(opt).items() if not k.startswith("_")})
    twin.step(w_before, g_before)
    g[:] = 100.0
    np.testing.assert_array_equal(opt.step(new_w, g_before), twin.step(new_w, g_before))


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_shape_change_needs_reset(opt):
    opt.reset()
    opt.step([1.0, 2.0], [0.1, 0.1])
    with pytest.raises(
        ValueError, match=r"w has shape \(3,\), but this .* shape \(2,\).*reset\(\)"
    ):
        opt.step([1.0, 2.0, 3.0], [0.1, 0.1, 0.1])
    opt.reset()
    assert opt.step([1.0, 2.0, 3.0], [0.1, 0.1, 0.1]).shape == (3,)


def test_scalar_and_list_weights():
    w = optim.SGD(0.5).step(2.0, 1.0)  # 2 - 0.5 * 1
    assert isinstance(w, np.ndarray) and w.shape == () and float(w) == 1.5
    np.testing.assert_array_equal(optim.SGD(0.5).step([[2.0]], [[1.0]]), [[1.5]])


def test_reprs():
    assert repr(optim.SGD(0.1)) == "SGD(lr=0.1, momentum=0.0)"
    assert repr(optim.SGD(0.1, momentum=0.9)) == "SGD(lr=0.1, momentum=0.9)"
    assert repr(optim.Adam()) == "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)"
    assert repr(optim.RMSprop()) == "RMSprop(lr=0.01, alpha=0.99, eps=1e-08)"
    assert repr(optim.Adagrad(1)) == "Adagrad(lr=1.0, eps=1e-10)"
    # the new options show only when set, so the reprs above stay as they were
    assert (
        repr(optim.SGD(0.1, momentum=0.9, weight_decay=0.01, nesterov=True))
        == "SGD(lr=0.1, momentum=0.9, weight_decay=0.01, nesterov=True)"
    )
    assert (
        repr(optim.AdamW()) == "AdamW(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.01)"
    )
    assert repr(optim.SGD(optim.step_schedule(0.1, 5))) == (
        "SGD(lr=step_schedule(0.1, 5, gamma=0.1), momentum=0.0)"
    )


# --- bad input --------------------------------------------------------------------------------

MAKERS = {
    "SGD": lambda **kw: optim.SGD(kw.pop("lr", 0.1), **kw),
    "Adam": optim.Adam,
    "AdamW": optim.AdamW,
    "RMSprop": optim.RMSprop,
    "Adagrad": optim.Adagrad,
}


@pytest.mark.parametrize("name", MAKERS)
def test_lr_must_be_positive(name):
    for lr in (0.0, -0.1, np.nan, np.inf):
        with pytest.raises(ValueError, match="lr must be a finite number > 0"):
            MAKERS[name](lr=lr)
    with pytest.raises(TypeError, match="lr must be a positive number, got str"):
        MAKERS[name](lr="0.1")


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop", "Adagrad"])
def test_eps_must_be_positive(name):
    with pytest.raises(ValueError, match="eps must be a finite number > 0"):
        MAKERS[name](eps=0.0)


def test_momentum_range():
    for mu in (1.0, -0.1, 1.5, np.nan):
        with pytest.raises(ValueError, match=r"momentum must lie in \[0, 1\), got .*0.9 or 0.99"):
            optim.SGD(0.1, momentum=mu)
    with pytest.raises(TypeError, match="momentum must be a number"):
        optim.SGD(0.1, momentum=None)


def test_betas_and_alpha_range():
    with pytest.raises(ValueError, match=r"betas\[1\] must lie in \[0, 1\), got 1.0"):
        optim.Adam(betas=(0.9, 1.0))
    with pytest.raises(ValueError, match=r"betas\[0\] must lie in \[0, 1\), got -0.5"):
        optim.Adam(betas=(-0.5, 0.9))
    for betas in (0.9, (0.9,), (0.9, 0.99, 0.999), "ab"):
        with pytest.raises(TypeError, match="betas must be a tuple of two numbers"):
            optim.Adam(betas=betas)
    with pytest.raises(ValueError, match=r"alpha must lie in \[0, 1\), got 1.0"):
        optim.RMSprop(alpha=1.0)


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_nonfinite_gradient(opt):
    opt.reset()
    for bad in (np.nan, np.inf, -np.inf):
        with pytest.raises(ValueError, match=r"g, the gradient, contains NaN .*index \(1,\).*lr"):
            opt.step([1.0, 2.0], [0.0, bad])
    assert opt._shape is None  # a refused step leaves the state untouched


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_bad_weights_and_shapes(opt):
    opt.reset()
    with pytest.raises(ValueError, match="w contains NaN"):
        opt.step([np.nan, 1.0], [0.0, 0.0])
    with pytest.raises(
        ValueError, match=r"w and g must have the same shape, got \(2,\) and \(3,\)"
    ):
        opt.step([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="g must be an array-like of numbers"):
        opt.step([1.0, 2.0], "12")
    with pytest.raises(TypeError, match="g must be an array-like of numbers, got None"):
        opt.step([1.0, 2.0], None)
    with pytest.raises(ValueError, match="w is empty"):
        opt.step([], [])


# --- signatures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "options"),
    [
        (optim.SGD, [("momentum", 0.0), ("weight_decay", 0.0), ("nesterov", False)]),
        (optim.Adam, [("betas", (0.9, 0.999)), ("eps", 1e-8)]),
        (optim.AdamW, [("betas", (0.9, 0.999)), ("eps", 1e-8), ("weight_decay", 0.01)]),
        (optim.RMSprop, [("alpha", 0.99), ("eps", 1e-8)]),
        (optim.Adagrad, [("eps", 1e-10)]),
    ],
)
def test_signatures(cls, options):
    params = list(inspect.signature(cls).parameters.values())
    assert params[0].name == "lr" and params[0].kind is params[0].POSITIONAL_OR_KEYWORD
    assert [(p.name, p.default) for p in params[1:]] == options
    assert all(p.kind is p.KEYWORD_ONLY for p in params[1:])
    step = list(inspect.signature(cls.step).parameters.values())
    assert [(p.name, p.kind) for p in step] == [
        ("self", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        ("w", inspect.Parameter.POSITIONAL_OR_KEYWORD),
        ("g", inspect.Parameter.POSITIONAL_OR_KEYWORD),
    ]
    assert callable(cls.reset)


# --- extreme values -----------------------------------------------------------------------------


def decimal_trajectory(name, kwargs, w0, grads):
    """The update rules of the docstrings in 60-digit decimal arithmetic, where g*g cannot
    overflow: the reference for gradients near float64's limit (torch.optim's own float64
    state overflows there, so it is no reference)."""
    D = decimal.Decimal
    decimal.getcontext().prec = 60
    lr = D(kwargs["lr"])
    w = [D(v) for v in w0]
    m = [D(0)] * len(w)
    v = [D(0)] * len(w)
    out = []
    for t, g in enumerate(grads, start=1):
        g = [D(x) for x in g]
        for i, gi in enumerate(g):
            if name == "Adam":
                b1, b2, eps = D("0.9"), D("0.999"), D("1e-8")
                m[i] = b1 * m[i] + (1 - b1) * gi
                v[i] = b2 * v[i] + (1 - b2) * gi * gi
                denom = v[i].sqrt() / (1 - b2**t).sqrt() + eps
                w[i] -= lr / (1 - b1**t) * m[i] / denom
            elif name == "RMSprop":
                alpha, eps = D("0.99"), D("1e-8")
                v[i] = alpha * v[i] + (1 - alpha) * gi * gi
                w[i] -= lr * gi / (v[i].sqrt() + eps)
            else:  # Adagrad
                v[i] = v[i] + gi * gi
                w[i] -= lr * gi / (v[i].sqrt() + D("1e-10"))
        out.append([float(x) for x in w])
    return np.array(out)


@pytest.mark.parametrize("name", ["Adam", "RMSprop", "Adagrad"])
def test_huge_finite_gradient_does_not_stop_adaptive_rules(name):
    # g * g overflows float64 for |g| > 1.3e154; the rules must go on moving afterwards
    grads = [[1e300, -1e200, 3.0], [1.0, 2.0, -1.0], [-5e307, 1e-300, 0.5], [2.0, 2.0, 2.0]]
    opt, w, got = getattr(optim, name)(0.1), np.array([1.0, -1.0, 0.5]), []
    for g in grads:
        w = opt.step(w, g)
        got.append(w)
    expected = decimal_trajectory(name, {"lr": 0.1}, [1.0, -1.0, 0.5], grads)
    # atol: RMSprop's first step moves 1.0 by 1 - 1e-18, and float64 rounds 1 - 1.0 at 1e-16
    np.testing.assert_allclose(np.array(got), expected, rtol=1e-12, atol=1e-14)


def test_sgd_update_that_overflows_is_refused():
    # 1e10 * 1e300 is beyond float64: the new weight would be -inf
    opt = optim.SGD(1e10)
    with pytest.raises(ValueError, match=r"update overflowed float64.*lower lr.*clip"):
        opt.step([-1e300], [1e300])
    with pytest.raises(ValueError, match=r"update overflowed float64"):
        optim.SGD(1.0).step([-1.5e308], [1e308])  # w - lr * g is below -1.8e308


@pytest.mark.parametrize("name", ["SGD", "Adagrad"])
def test_overflowing_state_is_refused_and_left_as_it_was(name):
    # the momentum buffer 0.9 * 1.5e308 + 1.5e308 and the Adagrad root sum of squares
    # sqrt(2) * 1.5e308 exceed float64 at the second step; a refused step must leave the
    # state as it was
    kwargs = {"lr": 1e-300, "momentum": 0.9} if name == "SGD" else {"lr": 0.1}

    def replay():
        opt = getattr(optim, name)(**kwargs)
        return opt, opt.step([1.0], [1.5e308])

    opt, w = replay()
    with pytest.raises(ValueError, match=r"overflowed float64.*(lower lr|clip|rescale)"):
        opt.step(w, [1.5e308])
    twin, w_twin = replay()
    np.testing.assert_array_equal(opt.step(w, [1.0]), twin.step(w_twin, [1.0]))


@pytest.mark.parametrize("opt", ALL, ids=repr)
def test_masked_arrays_refused(opt):
    # a mask would be silently dropped by NumPy: refuse it and say how to drop or fill
    opt.reset()
    masked = np.ma.masked_array([1.0, 2.0], mask=[False, True])
    with pytest.raises(TypeError, match=r"w is a masked array.*\.filled\(.*\.compressed\(\)"):
        opt.step(masked, [0.1, 0.1])
    with pytest.raises(TypeError, match=r"g is a masked array.*\.filled\(.*\.compressed\(\)"):
        opt.step([1.0, 2.0], masked)
    assert opt._shape is None
