"""Exercises of chapter 5, "Loss and optimisation": three update rules, a stability bound, a
cosine schedule, a condition number and weight decay under Adam."""

import numpy as np

from lossedu import optim, regularization
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

_COSINE = Exercise(
    id="5.5",
    title="The cosine schedule's rate",
    kind="value",
    prompt=(
        "A cosine schedule starts at $\\eta = 0.1$ and reaches $\\eta_{\\min} = 0.001$ after "
        "$T = 100$ steps: $\\eta_t = \\eta_{\\min} + \\tfrac12 (\\eta - \\eta_{\\min})"
        "(1 + \\cos(\\pi t / T))$. What is the learning rate of step $t = 25$?"
    ),
    reference=lambda: optim.cosine_schedule(0.1, 100, lr_min=0.001)(25),
    rtol=1e-4,
    atol=0.0,
    hints=(
        "A quarter of the way through, the cosine term is $\\cos(\\pi/4)$: the rate has "
        "fallen by less than a quarter of the way, since the cosine starts flat.",
        "Compute `0.001 + 0.5 * (0.1 - 0.001) * (1 + np.cos(np.pi * 25 / 100))`; the "
        "angle is in radians.",
    ),
    solution=(
        "answer = 0.001 + 0.5 * (0.1 - 0.001) * (1 + np.cos(np.pi * 25 / 100))\n"
        "# the same as optim.cosine_schedule(0.1, 100, lr_min=0.001)(25)\n\n"
        'exercises.check("5.5", answer)'
    ),
    explanation=(
        "$\\cos(\\pi/4) \\approx 0.707$, so $\\eta_{25} = 0.001 + 0.0495 \\cdot 1.707 \\approx "
        "0.0855$: after a quarter of the run the rate is still 85 % of its start. The cosine "
        "decays slowly at first and last and fastest in the middle, unlike a linear decay "
        "(0.075 at this step)."
    ),
    mistakes=(
        0.1 - 0.099 * 0.25,  # a linear decay from 0.1 to 0.001
        0.1 * (1 + np.cos(np.pi / 4)) / 2,  # forgot lr_min
        0.001 + 0.099 * (1 + np.cos(np.pi / 4)),  # forgot the factor 1/2
        0.001 + 0.099 * np.cos(np.pi / 4),  # forgot the 1 +
    ),
)

# The Hessian of exercise 5.6, stated in its prompt.
_HESSIAN_56 = np.array([[3.0, 1.0], [1.0, 3.0]])


def _best_gd_factor() -> float:
    h = np.linalg.eigvalsh(_HESSIAN_56)
    kappa = h.max() / h.min()
    return (kappa - 1) / (kappa + 1)


_CONDITION = Exercise(
    id="5.6",
    title="Condition number and the speed of gradient descent",
    kind="value",
    prompt=(
        "A quadratic loss has the Hessian $H = \\begin{pmatrix} 3 & 1 \\\\ 1 & 3 "
        "\\end{pmatrix}$. With its best constant learning rate, $2/(h_{\\min} + h_{\\max})$, "
        "gradient descent shrinks the distance to the minimum by the factor "
        "$(\\kappa - 1)/(\\kappa + 1)$ per step, where $\\kappa = h_{\\max}/h_{\\min}$. Give "
        "that factor as a number."
    ),
    reference=_best_gd_factor,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        "The curvatures $h$ are the eigenvalues of $H$, not its diagonal entries: the "
        "off-diagonal 1 tilts the bowl.",
        "`np.linalg.eigvalsh(H)` gives 2 and 4, so $\\kappa = 2$.",
    ),
    solution=(
        "H = np.array([[3.0, 1.0], [1.0, 3.0]])\n"
        "h = np.linalg.eigvalsh(H)\n"
        "kappa = h.max() / h.min()\n"
        "answer = (kappa - 1) / (kappa + 1)\n\n"
        'exercises.check("5.6", answer)'
    ),
    explanation=(
        "The eigenvalues are $3 \\pm 1$, so $\\kappa = 4/2 = 2$ and the factor is "
        "$1/3$: the error shrinks threefold per step at the rate $2/(2 + 4) = 1/3$. Reading "
        "the diagonal would give $\\kappa = 1$ and a one-step convergence that does not "
        "happen; the heavy ball's factor would be $(\\sqrt2 - 1)/(\\sqrt2 + 1) \\approx 0.17$."
    ),
    mistakes=(
        0.0,  # kappa from the diagonal: 3 / 3 = 1
        2.0,  # kappa itself, not the factor
        (np.sqrt(2.0) - 1) / (np.sqrt(2.0) + 1),  # the heavy ball's factor
        0.5,  # 1 - 1 / kappa
    ),
)


def _adam_l2_first_step() -> float:
    w, g, wd = np.array([2.0]), np.array([3.0]), 0.5
    penalised = g + regularization.l2_penalty_grad(w, wd / 2)  # g + wd * w
    return float(optim.Adam(0.1).step(w, penalised)[0])


_ADAMW = Exercise(
    id="5.7",
    title="An L2 penalty under Adam",
    kind="value",
    prompt=(
        "A weight $w = 2$ has the loss gradient $g = 3$. Adam ($\\eta = 0.1$, default betas) "
        "takes its first step on the loss plus the L2 penalty whose gradient is "
        "$\\mathrm{wd} \\cdot w$ with $\\mathrm{wd} = 0.5$. What is the weight after that step? "
        "(AdamW with `weight_decay=0.5` gives 1.8.)"
    ),
    reference=_adam_l2_first_step,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        "Adam's first step has size about $\\eta$ in each coordinate, whatever the size of "
        "the gradient it is given.",
        "The penalised gradient is $3 + 0.5 \\cdot 2 = 4$; Adam's first step is "
        "$-\\eta \\operatorname{sign}(4)$.",
    ),
    solution=(
        "penalised_grad = 3.0 + 0.5 * 2.0  # loss gradient + wd * w\n"
        "answer = 2.0 - 0.1 * np.sign(penalised_grad)  # Adam's first step: lr * sign\n"
        "# optim.Adam(0.1).step([2.0], [penalised_grad]) gives the same\n\n"
        'exercises.check("5.7", answer)'
    ),
    explanation=(
        "The weight becomes 1.9: Adam divides the penalised gradient by its own size, so the "
        "penalty, which had the same sign as the loss gradient, changed nothing. AdamW "
        "shrinks the weight outside that normalisation, by $\\eta\\,\\mathrm{wd}\\,w = 0.1$, "
        "and ends at 1.8. Under SGD the two would agree: $2 - 0.1 \\cdot 4 = 1.6$ either way."
    ),
    mistakes=(
        1.8,  # AdamW's step
        1.6,  # SGD on the penalised gradient
        1.7,  # SGD on the loss gradient alone
    ),
)

EXERCISES = [_GD_STEP, _MOMENTUM, _ADAM, _STABLE_LR, _COSINE, _CONDITION, _ADAMW]
