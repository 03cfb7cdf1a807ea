"""Exercises of chapter 5, "Loss and optimisation": three update rules and a stability bound."""

import numpy as np

from lossedu import optim
from lossedu.exercises._core import Exercise


def _gd_reference(w, grad, lr):
    return optim.SGD(lr).step(w, grad)


def _gd_case(rng: np.random.Generator) -> dict:
    d = int(rng.integers(1, 6))
    return {
        "w": rng.normal(0, 2, d),
        "grad": rng.normal(0, 2, d),
        "lr": float(rng.uniform(0.01, 1)),
    }


_GD_STEP = Exercise(
    id="5.1",
    title="One step of gradient descent",
    kind="function",
    prompt=(
        "Write `gd_step(w, grad, lr)` that returns the weights after one step of gradient "
        "descent, $w - \\eta\\, \\nabla L(w)$, as a new array. `w` and `grad` are NumPy arrays "
        "of the same shape, `lr` is the learning rate $\\eta > 0$."
    ),
    function_name="gd_step",
    args=("w", "grad", "lr"),
    reference=_gd_reference,
    cases=(
        {"w": np.array([1.0]), "grad": np.array([2.0]), "lr": 0.1},
        {"w": np.array([1.0, -2.0]), "grad": np.array([-4.0, 0.5]), "lr": 0.5},
    ),
    generate=_gd_case,
    n_random=20,
    seed=5,
    hints=(
        "The gradient points uphill, towards larger loss. Which way should the step go?",
        (
            "Subtract the learning rate times the gradient: `w - lr * grad`. Do not write "
            "`w -= ...`: that would change the caller's array."
        ),
    ),
    solution=(
        'def gd_step(w, grad, lr):\n    return w - lr * grad\n\n\nexercises.check("5.1", gd_step)'
    ),
    explanation=(
        "The gradient is the direction of steepest ascent, so a small step against it "
        "lowers the loss. `optim.SGD(lr).step(w, grad)` computes the same update."
    ),
    mistakes=(
        lambda w, grad, lr: w + lr * grad,  # uphill
        lambda w, grad, lr: w - grad,  # forgot the learning rate
        lambda w, grad, lr: -lr * grad,  # returned the step, not the new weights
    ),
)


def _momentum_reference(w, grad, buf, lr, momentum):
    opt = optim.SGD(lr, momentum=momentum)
    opt.step(np.zeros_like(w), buf)  # SGD's first step copies its gradient into the buffer
    w_new = opt.step(w, grad)  # buffer: momentum * buf + grad
    return np.stack([w_new, momentum * buf + grad])


def _momentum_case(rng: np.random.Generator) -> dict:
    d = int(rng.integers(1, 5))
    return {
        "w": rng.normal(0, 2, d),
        "grad": rng.normal(0, 2, d),
        "buf": rng.normal(0, 2, d),
        "lr": float(rng.uniform(0.01, 0.5)),
        "momentum": float(rng.choice([0.0, 0.5, 0.9, 0.99])),
    }


_MOMENTUM = Exercise(
    id="5.2",
    title="A step of SGD with momentum",
    kind="function",
    prompt=(
        "Write `momentum_step(w, grad, buf, lr, momentum)` for heavy-ball momentum as "
        "PyTorch and `lossedu.optim.SGD` write it: the new buffer is "
        "$b_t = \\mu\\, b_{t-1} + g_t$ and the new weights are $w_t = w_{t-1} - \\eta\\, b_t$. "
        "Return the pair `(new_w, new_buf)`. `buf` is the previous buffer (zeros before the "
        "first step)."
    ),
    function_name="momentum_step",
    args=("w", "grad", "buf", "lr", "momentum"),
    reference=_momentum_reference,
    cases=(
        {
            "w": np.array([1.0]),
            "grad": np.array([1.0]),
            "buf": np.array([0.0]),
            "lr": 0.1,
            "momentum": 0.9,
        },
        {
            "w": np.array([0.9]),
            "grad": np.array([0.9]),
            "buf": np.array([1.0]),
            "lr": 0.1,
            "momentum": 0.9,
        },
    ),
    generate=_momentum_case,
    n_random=20,
    seed=52,
    hints=(
        "Update the buffer first, then use the *new* buffer in the weight update.",
        "`new_buf = momentum * buf + grad`, then `new_w = w - lr * new_buf`; return both.",
    ),
    solution=(
        "def momentum_step(w, grad, buf, lr, momentum):\n"
        "    new_buf = momentum * buf + grad\n"
        "    new_w = w - lr * new_buf\n"
        "    return new_w, new_buf\n\n\n"
        'exercises.check("5.2", momentum_step)'
    ),
    explanation=(
        "The buffer is a running sum of past gradients, each discounted by `momentum` per "
        "step, so the steps grow along directions where the gradients agree and cancel "
        "where they flip sign. With `momentum = 0` it is plain gradient descent."
    ),
    mistakes=(
        lambda w, grad, buf, lr, momentum: (w - lr * buf, momentum * buf + grad),  # old buffer
        lambda w, grad, buf, lr, momentum: (  # dampened buffer
            w - lr * (momentum * buf + (1 - momentum) * grad),
            momentum * buf + (1 - momentum) * grad,
        ),
        lambda w, grad, buf, lr, momentum: (  # momentum applied to the gradient
            w - lr * (buf + momentum * grad),
            buf + momentum * grad,
        ),
    ),
)


_BETAS, _EPS = (0.9, 0.999), 1e-8


def _adam_reference(w, grads, lr):
    opt = optim.Adam(lr, betas=_BETAS, eps=_EPS)
    for g in grads:
        w = opt.step(w, g)
    return w


def _adam_case(rng: np.random.Generator) -> dict:
    d, t = int(rng.integers(1, 4)), int(rng.integers(1, 8))
    scale = 10.0 ** rng.uniform(-3, 2)  # Adam's steps hardly depend on the gradients' scale
    return {
        "w": rng.normal(0, 1, d),
        "grads": rng.normal(0, scale, (t, d)),
        "lr": float(rng.uniform(0.001, 0.2)),
    }


def _adam_without_correction(w, grads, lr):
    m = v = 0.0
    for g in grads:
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        w = w - lr * m / (np.sqrt(v) + _EPS)
    return w


def _adam_first_moment_only(w, grads, lr):
    m = v = 0.0
    for t, g in enumerate(grads, start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        w = w - lr * (m / (1 - 0.9**t)) / (np.sqrt(v) + _EPS)
    return w


def _adam_sgd_like(w, grads, lr):
    for g in grads:
        w = w - lr * g
    return w


_ADAM = Exercise(
    id="5.3",
    title="Adam with bias correction",
    kind="function",
    prompt=(
        "Write `adam(w, grads, lr)` that starts from the weights `w`, applies one Adam update "
        "for each row of `grads` (the gradients of steps $t = 1, 2, \\dots$) and returns the "
        "final weights. Use $\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\epsilon = 10^{-8}$, "
        "$m_0 = v_0 = 0$, the bias corrections $\\hat m_t = m_t / (1 - \\beta_1^t)$ and "
        "$\\hat v_t = v_t / (1 - \\beta_2^t)$, and the update "
        "$w_t = w_{t-1} - \\eta\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\epsilon)$."
    ),
    function_name="adam",
    args=("w", "grads", "lr"),
    reference=_adam_reference,
    cases=(
        {"w": np.array([1.0, -2.0]), "grads": np.array([[3.0, -0.5]]), "lr": 0.1},
        {"w": np.array([0.0]), "grads": np.array([[1.0], [1.0], [-1.0]]), "lr": 0.01},
    ),
    generate=_adam_case,
    n_random=20,
    seed=53,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        (
            "Keep two running averages, `m` of the gradients and `v` of their squares, both "
            "starting at 0, and count the steps `t` from 1."
        ),
        (
            "Because `m` and `v` start at 0 they are too small early on: divide them by "
            "`1 - 0.9**t` and `1 - 0.999**t` before the update. After the first step, every "
            "coordinate has moved by about `lr`, whatever the gradient's size."
        ),
    ),
    solution=(
        "def adam(w, grads, lr):\n"
        "    beta1, beta2, eps = 0.9, 0.999, 1e-8\n"
        "    m = np.zeros_like(w)\n"
        "    v = np.zeros_like(w)\n"
        "    for t, g in enumerate(grads, start=1):\n"
        "        m = beta1 * m + (1 - beta1) * g\n"
        "        v = beta2 * v + (1 - beta2) * g**2\n"
        "        m_hat = m / (1 - beta1**t)\n"
        "        v_hat = v / (1 - beta2**t)\n"
        "        w = w - lr * m_hat / (np.sqrt(v_hat) + eps)\n"
        "    return w\n\n\n"
        'exercises.check("5.3", adam)'
    ),
    explanation=(
        "Without the corrections the first update would be "
        "$\\eta \\cdot 0.1 g / (\\sqrt{0.001}\\,|g|) \\approx 3.2\\,\\eta$ in the "
        "direction of $-g$, and the following ones biased by the zero start; dividing by "
        "$1 - \\beta^t$ removes that bias exactly for a constant gradient (Kingma & Ba "
        "2015). `optim.Adam(lr)` gives the same weights."
    ),
    mistakes=(_adam_without_correction, _adam_first_moment_only, _adam_sgd_like),
)


# The landscape of exercise 5.4, stated in its prompt: f(w) = 0.1 w1^2 + 2 w2^2.
_HESSIAN = np.diag([0.2, 4.0])

_STABLE_LR = Exercise(
    id="5.4",
    title="The largest stable learning rate",
    kind="value",
    prompt=(
        "Gradient descent runs on $f(w) = 0.1\\, w_1^2 + 2\\, w_2^2$ with a constant learning "
        "rate $\\eta$. Below which value of $\\eta$ does it converge to the minimum from every "
        "start? Give the bound $2/h_{\\max}$ as a number."
    ),
    reference=lambda: 2.0 / float(np.max(np.linalg.eigvalsh(_HESSIAN))),
    rtol=1e-3,
    atol=0.0,
    hints=(
        (
            "Each coordinate evolves on its own, $w_i \\leftarrow (1 - \\eta c_i) w_i$, where "
            "$c_i$ is the second derivative along $w_i$. Converging means "
            "$|1 - \\eta c_i| < 1$."
        ),
        (
            "The second derivatives are 0.2 and 4 (not the coefficients 0.1 and 2). The "
            "steeper direction fails first."
        ),
    ),
    solution=(
        "hessian = np.diag([0.2, 4.0])  # second derivatives of 0.1 w1^2 and 2 w2^2\n"
        "h_max = np.max(np.linalg.eigvalsh(hessian))\n"
        "answer = 2 / h_max\n\n"
        'exercises.check("5.4", answer)'
    ),
    explanation=(
        "$|1 - \\eta c| < 1$ holds for $0 < \\eta < 2/c$; both coordinates must converge, "
        "so the largest curvature, $h_{\\max} = 4$, sets the bound $\\eta < 2/4 = 0.5$. This is "
        "the bowl of sections 4 and 6."
    ),
    mistakes=(
        2.0 / 2.0,  # used the coefficient 2 instead of the curvature 4
        2.0 / 0.2,  # the flat direction's bound
        1.0 / 4.0,  # 1/h_max, the fastest rate for that direction, not the bound
    ),
)

EXERCISES = [_GD_STEP, _MOMENTUM, _ADAM, _STABLE_LR]
