"""Exercises of chapter 5, "Loss and optimisation": three update rules, a stability bound, a
cosine schedule, a condition number and weight decay under Adam, and
the length of a plateau in a loss curve."""

import itertools

import numpy as np

from lossedu import optim, regularization
from lossedu.exercises._core import Exercise, Mistake


def _gd_reference(w, grad, lr):
    return optim.SGD(lr).step(w, grad)


def _gd_case(rng: np.random.Generator) -> dict:
    d = int(rng.integers(1, 6))
    return {
        "w": rng.normal(0, 2, d),
        "grad": rng.normal(0, 2, d),
        "lr": float(rng.uniform(0.01, 1)),
    }


def _gd_step_truncated(w, grad, lr):
    """A planted mistake: the new weights get w's dtype, so integer weights truncate."""
    out = np.zeros_like(w)
    out[...] = w - lr * grad
    return out


_GD_STEP = Exercise(
    id="5.1",
    title="One step of gradient descent",
    kind="function",
    prompt=(
        "Write `gd_step(w, grad, lr)` that returns the weights after one step of gradient "
        "descent, $w - \\eta\\, \\nabla L(w)$, as a new array. `w` and `grad` are NumPy arrays "
        "of the same shape, `lr` is the learning rate $\\eta > 0$. Return floats even when "
        "`w` holds integers. Checked to a relative tolerance of $10^{-6}$."
    ),
    function_name="gd_step",
    args=("w", "grad", "lr"),
    reference=_gd_reference,
    cases=(
        {"w": np.array([1.0]), "grad": np.array([2.0]), "lr": 0.1},
        {"w": np.array([1.0, -2.0]), "grad": np.array([-4.0, 0.5]), "lr": 0.5},
        {"w": np.array([1, 2]), "grad": np.array([1, -1]), "lr": 0.5},  # integer weights
    ),
    generate=_gd_case,
    n_random=20,
    seed=5,
    hints=(
        "The gradient points uphill, towards larger loss. Which way should the step go?",
        (
            "Scale the gradient by the learning rate and move against it. Build a new array "
            "rather than writing `w -= ...`, which would change the caller's array."
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
        Mistake(
            lambda w, grad, lr: w + lr * grad,
            "The step goes uphill: the gradient points towards larger loss. Check the sign.",
        ),
        Mistake(
            lambda w, grad, lr: w - grad,
            "The step does not depend on `lr`: the gradient must be scaled by the learning rate.",
        ),
        Mistake(
            lambda w, grad, lr: -lr * grad,
            "This looks like the step itself; return the new weights, the old ones plus the step.",
        ),
        Mistake(
            _gd_step_truncated,
            "Right for float weights, wrong for integer ones: the result seems to keep the "
            "integer dtype of `w` (`np.zeros_like(w)` or an in-place update), which "
            "truncates the new weights.",
        ),
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
        "first step). Checked to a relative tolerance of $10^{-6}$."
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
        (
            "Compute the new buffer from `momentum`, `buf` and `grad`, then the new weights "
            "from `w`, `lr` and the *new* buffer. Return both, as a pair."
        ),
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
        Mistake(
            lambda w, grad, buf, lr, momentum: (w - lr * buf, momentum * buf + grad),
            "The weights seem to move with the *old* buffer: update the buffer first, then "
            "step with the new one.",
        ),
        Mistake(
            lambda w, grad, buf, lr, momentum: (
                w - lr * (momentum * buf + (1 - momentum) * grad),
                momentum * buf + (1 - momentum) * grad,
            ),
            "This looks like a dampened buffer, $\\mu b + (1 - \\mu) g$ (an exponential "
            "average); PyTorch's heavy ball adds the whole gradient.",
        ),
        Mistake(
            lambda w, grad, buf, lr, momentum: (
                w - lr * (buf + momentum * grad),
                buf + momentum * grad,
            ),
            "The momentum factor seems to multiply the new gradient; it discounts the *old* "
            "buffer.",
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


def _adam_eps_inside(w, grads, lr):
    m = v = 0.0
    for t, g in enumerate(grads, start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        w = w - lr * (m / (1 - 0.9**t)) / np.sqrt(v / (1 - 0.999**t) + _EPS)
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
        "$w_t = w_{t-1} - \\eta\\, \\hat m_t / (\\sqrt{\\hat v_t} + \\epsilon)$. Checked to a "
        "relative tolerance of $10^{-6}$, also for tiny gradients."
    ),
    function_name="adam",
    args=("w", "grads", "lr"),
    reference=_adam_reference,
    cases=(
        {"w": np.array([1.0, -2.0]), "grads": np.array([[3.0, -0.5]]), "lr": 0.1},
        {"w": np.array([0.0]), "grads": np.array([[1.0], [1.0], [-1.0]]), "lr": 0.01},
        # tiny gradients, where the place of eps matters
        {"w": np.array([1.0, 1.0]), "grads": np.array([[1e-4, -1e-6]]), "lr": 0.1},
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
    mistakes=(
        Mistake(
            _adam_without_correction,
            "The first steps are too large: $m$ and $v$ start at 0 and need the bias "
            "corrections $1/(1 - \\beta^t)$.",
        ),
        Mistake(
            _adam_first_moment_only,
            "Only $m$ seems to be bias-corrected; $v$ needs its correction "
            "$1/(1 - \\beta_2^t)$ too.",
        ),
        Mistake(
            _adam_sgd_like,
            "This looks like plain gradient descent: Adam divides the averaged gradient by the "
            "root of the averaged squared gradient.",
        ),
        Mistake(
            _adam_eps_inside,
            "Right except for tiny gradients: $\\epsilon$ seems to sit inside the square root. "
            "It is added to $\\sqrt{\\hat v_t}$.",
        ),
    ),
)


# The landscape of exercise 5.4, stated in its prompt: f(w) = 0.1 w1^2 + 2 w2^2.
_COEFFICIENTS = np.array([0.1, 2.0])
_HESSIAN = np.diag(2.0 * _COEFFICIENTS)

_STABLE_LR = Exercise(
    id="5.4",
    title="The largest stable learning rate",
    kind="value",
    prompt=(
        "Gradient descent runs on $f(w) = 0.1\\, w_1^2 + 2\\, w_2^2$ with a constant learning "
        "rate $\\eta$. Below which value of $\\eta$ does it converge to the minimum from every "
        "start? Give the bound $2/h_{\\max}$ as a number. Checked to a relative tolerance of "
        "$10^{-3}$."
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
            "Differentiate twice: the second derivative of $a\\, w^2$ is $2a$, not $a$. The "
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
        Mistake(
            2.0 / float(np.max(_COEFFICIENTS)),
            "This uses the coefficient of $w_2^2$ as the curvature. The curvature is the "
            "second derivative of $2\\, w_2^2$.",
        ),
        Mistake(
            2.0 / float(np.min(np.linalg.eigvalsh(_HESSIAN))),
            "This is the bound of the flat direction; every direction must converge, so the "
            "steepest one sets the bound.",
        ),
        Mistake(
            1.0 / float(np.max(np.linalg.eigvalsh(_HESSIAN))),
            "This is $1/h_{\\max}$, the rate that solves the steep direction in one step; "
            "the bound beyond which it diverges is larger.",
        ),
    ),
)

# The schedule of exercise 5.5, stated in its prompt.
_LR0, _LR_MIN, _T_TOTAL, _T_STEP = 0.1, 0.001, 100, 25
_COS = float(np.cos(np.pi * _T_STEP / _T_TOTAL))

_COSINE = Exercise(
    id="5.5",
    title="The cosine schedule's rate",
    kind="value",
    prompt=(
        "A cosine schedule starts at $\\eta = 0.1$ and reaches $\\eta_{\\min} = 0.001$ after "
        "$T = 100$ steps: $\\eta_t = \\eta_{\\min} + \\tfrac12 (\\eta - \\eta_{\\min})"
        "(1 + \\cos(\\pi t / T))$. What is the learning rate of step $t = 25$? Checked to a "
        "relative tolerance of $10^{-4}$."
    ),
    reference=lambda: optim.cosine_schedule(_LR0, _T_TOTAL, lr_min=_LR_MIN)(_T_STEP),
    rtol=1e-4,
    atol=0.0,
    hints=(
        "A quarter of the way through, the cosine term is $\\cos(\\pi/4)$: the rate has "
        "fallen by less than a quarter of the way, since the cosine starts flat.",
        "Put $t = 25$ and $T = 100$ into the formula; `np.cos` takes the angle in radians, "
        "as the formula gives it.",
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
        Mistake(
            _LR0 - (_LR0 - _LR_MIN) * _T_STEP / _T_TOTAL,
            "This looks like a linear decay from 0.1 to 0.001; the schedule follows a cosine.",
        ),
        Mistake(
            _LR0 * (1 + _COS) / 2,
            "This looks like the cosine schedule down to 0: the floor $\\eta_{\\min}$ is missing.",
        ),
        Mistake(
            _LR_MIN + (_LR0 - _LR_MIN) * (1 + _COS),
            "Off by the factor $\\tfrac12$ in front of $(\\eta - \\eta_{\\min})$.",
        ),
        Mistake(
            _LR_MIN + (_LR0 - _LR_MIN) * _COS,
            "The $1 +$ inside the bracket seems to be missing.",
        ),
        Mistake(
            _LR_MIN + 0.5 * (_LR0 - _LR_MIN) * (1 + np.cos(180.0 * _T_STEP / _T_TOTAL)),
            "This looks like the cosine of 45 taken in radians: the angle is "
            "$\\pi t / T$ radians (45 degrees).",
        ),
    ),
)

# The Hessian of exercise 5.6, stated in its prompt.
_HESSIAN_56 = np.array([[3.0, 1.0], [1.0, 3.0]])


def _best_gd_factor() -> float:
    h = np.linalg.eigvalsh(_HESSIAN_56)
    kappa = h.max() / h.min()
    return (kappa - 1) / (kappa + 1)


_KAPPA_56 = float(np.max(np.linalg.eigvalsh(_HESSIAN_56)) / np.min(np.linalg.eigvalsh(_HESSIAN_56)))
_KAPPA_DIAGONAL_56 = float(np.max(np.diag(_HESSIAN_56)) / np.min(np.diag(_HESSIAN_56)))


_CONDITION = Exercise(
    id="5.6",
    title="Condition number and the speed of gradient descent",
    kind="value",
    prompt=(
        "A quadratic loss has the Hessian $H = \\begin{pmatrix} 3 & 1 \\\\ 1 & 3 "
        "\\end{pmatrix}$. With its best constant learning rate, $2/(h_{\\min} + h_{\\max})$, "
        "gradient descent shrinks the distance to the minimum by the factor "
        "$(\\kappa - 1)/(\\kappa + 1)$ per step, where $\\kappa = h_{\\max}/h_{\\min}$. Give "
        "that factor as a number. Checked to a relative tolerance of $10^{-6}$."
    ),
    reference=_best_gd_factor,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        "The curvatures $h$ are the eigenvalues of $H$, not its diagonal entries: the "
        "off-diagonal 1 tilts the bowl.",
        "`np.linalg.eigvalsh(H)` returns the curvatures; $\\kappa$ is the largest over the "
        "smallest.",
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
        Mistake(
            (_KAPPA_DIAGONAL_56 - 1) / (_KAPPA_DIAGONAL_56 + 1),
            "This reads the curvatures from the diagonal of $H$. The off-diagonal entries tilt "
            "the bowl: the curvatures are the eigenvalues.",
        ),
        Mistake(_KAPPA_56, "This looks like $\\kappa$ itself; the question asks for the factor."),
        Mistake(
            (np.sqrt(_KAPPA_56) - 1) / (np.sqrt(_KAPPA_56) + 1),
            "This is the heavy ball's factor, with $\\sqrt\\kappa$; plain gradient descent's "
            "uses $\\kappa$.",
        ),
        Mistake(
            1 - 1 / _KAPPA_56,
            "This looks like $1 - 1/\\kappa$, not $(\\kappa - 1)/(\\kappa + 1)$.",
        ),
    ),
)


# The setting of exercise 5.7, stated in its prompt.
_W_57, _G_57, _WD_57, _LR_57 = 2.0, 3.0, 0.5, 0.1


def _adam_l2_first_step() -> float:
    w, g = np.array([_W_57]), np.array([_G_57])
    penalised = g + regularization.l2_penalty_grad(w, _WD_57 / 2)  # g + wd * w
    return float(optim.Adam(_LR_57).step(w, penalised)[0])


_ADAMW = Exercise(
    id="5.7",
    title="An L2 penalty under Adam",
    kind="value",
    prompt=(
        "A weight $w = 2$ has the loss gradient $g = 3$. Adam ($\\eta = 0.1$, default betas) "
        "takes its first step on the loss plus the L2 penalty whose gradient is "
        "$\\mathrm{wd} \\cdot w$ with $\\mathrm{wd} = 0.5$. What is the weight after that step? "
        "(AdamW with `weight_decay=0.5` gives 1.8.) Checked to a relative tolerance of "
        "$10^{-6}$."
    ),
    reference=_adam_l2_first_step,
    rtol=1e-6,
    atol=1e-9,
    hints=(
        "Adam's first step has size about $\\eta$ in each coordinate, whatever the size of "
        "the gradient it is given.",
        "The penalised gradient is $g + \\mathrm{wd} \\cdot w$. With $m$ and $v$ bias-corrected, "
        "how large is Adam's first step, and in which direction?",
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
        Mistake(
            float(
                optim.AdamW(_LR_57, weight_decay=_WD_57).step(np.array([_W_57]), np.array([_G_57]))[
                    0
                ]
            ),
            "That is AdamW's decoupled decay, which the prompt gives for comparison; the "
            "question is about the penalty's gradient going through Adam.",
        ),
        Mistake(
            _W_57 - _LR_57 * (_G_57 + _WD_57 * _W_57),
            "This is a plain gradient-descent step on the penalised gradient; Adam's first "
            "step has a different size.",
        ),
        Mistake(
            _W_57 - _LR_57 * _G_57,
            "This is a plain gradient-descent step on the loss gradient alone.",
        ),
    ),
)


def _longest_plateau(curve, tol):
    """The longest run of flat epochs (the loss kept more than 1 - tol of its previous value)
    that ends with a drop: a run that lasts to the end of the curve is the levelling-off at
    convergence, not a plateau."""
    c = np.asarray(curve, dtype=np.float64)
    best = run = 0
    for flat in c[1:] > (1.0 - tol) * c[:-1]:
        if flat:
            run += 1
        else:
            best, run = max(best, run), 0
    return best


def _plateau_case(rng: np.random.Generator) -> dict:
    """A loss curve of flat stretches, drops and a few rises, and a tolerance."""
    n = int(rng.integers(2, 40))
    kind = rng.choice(3, n - 1, p=[0.6, 0.3, 0.1])
    factors = np.where(
        kind == 0,
        1.0 - rng.uniform(0.0, 0.004, n - 1),  # flat: a drop under 0.4 %
        np.where(kind == 1, 1.0 - rng.uniform(0.03, 0.5, n - 1), 1.0 + rng.uniform(0, 0.2, n - 1)),
    )
    scale = 10.0 ** rng.uniform(-3, 1)  # curves at small scales tell relative from absolute
    curve = scale * np.cumprod(np.concatenate([[1.0], factors]))
    return {"curve": curve, "tol": float(rng.choice([0.005, 0.01, 0.02]))}


def _count_flat(curve, tol):
    c = np.asarray(curve, dtype=np.float64)
    return int(np.sum(c[1:] > (1.0 - tol) * c[:-1]))


def _plateau_absolute(curve, tol):
    c = np.asarray(curve, dtype=np.float64)
    best = run = 0
    for flat in c[:-1] - c[1:] < tol:
        if flat:
            run += 1
        else:
            best, run = max(best, run), 0
    return best


def _plateau_with_tail(curve, tol):
    c = np.asarray(curve, dtype=np.float64)
    best = run = 0
    for flat in c[1:] > (1.0 - tol) * c[:-1]:
        run = run + 1 if flat else 0
        best = max(best, run)
    return best


def _plateau_rises_not_flat(curve, tol):
    c = np.asarray(curve, dtype=np.float64)
    best = run = 0
    for before, after in itertools.pairwise(c):
        if (1.0 - tol) * before < after <= before:
            run += 1
        else:
            best, run = max(best, run), 0
    return best


_PLATEAU = Exercise(
    id="5.8",
    title="How long was the plateau?",
    kind="function",
    prompt=(
        "Write `longest_plateau(curve, tol)`. `curve[t]` is the training loss after epoch $t$ "
        "(`curve[0]` before training; all values positive). Call epoch $t \\ge 1$ *flat* when "
        "the loss kept more than the fraction $1 - \\mathrm{tol}$ of its previous value, "
        "`curve[t] > (1 - tol) * curve[t - 1]` (a rise is flat too). A plateau is a run of "
        "consecutive flat epochs that ends with an epoch that is not flat; a run that lasts "
        "to the end of the curve is the loss levelling off, not a plateau. Return the length "
        "of the longest plateau in epochs, 0 if there is none. Example: "
        "`longest_plateau([8.0, 7.99, 7.98, 7.97, 4.0, 1.0, 0.999], 0.01)` is 3. The answer "
        "is an integer, checked exactly."
    ),
    function_name="longest_plateau",
    args=("curve", "tol"),
    reference=_longest_plateau,
    cases=(
        {"curve": np.array([8.0, 7.99, 7.98, 7.97, 4.0, 1.0, 0.999]), "tol": 0.01},
        {"curve": np.array([1.0]), "tol": 0.01},
        {"curve": np.array([4.0, 2.0, 1.0]), "tol": 0.1},
        {"curve": np.array([1.0, 1.0, 1.0, 1.0]), "tol": 0.01},
        {"curve": np.array([1.0, 1.2, 1.1, 0.5]), "tol": 0.01},
        {"curve": np.array([5, 5, 5, 2, 2, 1]), "tol": 0.05},  # integers
        {"curve": np.array([0.01, 0.005, 0.0025, 0.00125]), "tol": 0.01},  # small scale
    ),
    generate=_plateau_case,
    n_random=25,
    seed=58,
    rtol=0.0,
    atol=0.0,
    hints=(
        (
            "Walk through consecutive pairs `(curve[t - 1], curve[t])` and decide for each "
            "epoch whether it is flat. The test is relative, as a log-scale plot shows it: "
            "compare the new loss with a fraction of the old one, not the difference with "
            "`tol`."
        ),
        (
            "Keep two counters: the length of the current run of flat epochs, and the "
            "longest plateau so far. Only a non-flat epoch closes a run, so update the "
            "longest plateau there, not after every flat epoch."
        ),
    ),
    solution=(
        "def longest_plateau(curve, tol):\n"
        "    best = run = 0\n"
        "    for t in range(1, len(curve)):\n"
        "        if curve[t] > (1 - tol) * curve[t - 1]:\n"
        "            run += 1  # one more flat epoch\n"
        "        else:\n"
        "            best, run = max(best, run), 0  # a drop ends the run: it was a plateau\n"
        "    return best\n\n\n"
        'exercises.check("5.8", longest_plateau)'
    ),
    explanation=(
        "A plateau is slow progress *followed by* progress: the gradient was tiny, not zero, "
        "and the weights drifted until they reached a region with a useful gradient. The "
        "flat tail at the end of a run is different: there the loss has levelled off near a "
        "minimum. With `tol = 0.01`, the squared-error run of section 3 from the confidently "
        "wrong start has a plateau of 163 epochs (more than 100 on other draws of the data "
        "too) and the three other runs none."
    ),
    mistakes=(
        Mistake(
            _plateau_absolute,
            "This compares the absolute drop `curve[t - 1] - curve[t]` with `tol`; the "
            "exercise asks for the relative one, which does not depend on the loss's scale.",
        ),
        Mistake(
            _count_flat,
            "This looks like the number of all flat epochs; a plateau is a run of "
            "*consecutive* flat epochs.",
        ),
        Mistake(
            _plateau_with_tail,
            "Right except when the curve ends flat: that last run is the loss levelling off, "
            "not a plateau, because no drop follows it.",
        ),
        Mistake(
            _plateau_rises_not_flat,
            "An epoch where the loss rose seems to end the run; the statement counts a rise "
            "as flat.",
        ),
    ),
)

EXERCISES = [_GD_STEP, _MOMENTUM, _ADAM, _STABLE_LR, _COSINE, _CONDITION, _ADAMW, _PLATEAU]

# Each learning objective of the chapter (the bullet's text, whitespace collapsed) and the
# exercises and quiz questions that check it.
OBJECTIVES = (
    (
        "explain why gradient descent needs a loss whose (sub)gradient carries information, "
        "why smoothness makes its steps stable and fast, and show what a piecewise-constant "
        "or jagged loss does to it;",
        ("5.1", "5.q1"),
    ),
    (
        "tell a {term}`convex` landscape from a non-convex one and show that the start "
        "decides which minimum gradient descent finds on the latter;",
        ("5.q2",),
    ),
    (
        "compare the gradients of the squared error and the {term}`cross-entropy` on a "
        "{term}`sigmoid` output, and explain why the cross-entropy trains logistic regression "
        "much faster;",
        ("5.8", "5.q3", "5.q10"),
    ),
    (
        "run gradient descent, stochastic and mini-batch gradient descent, momentum and Adam, "
        "choose a {term}`learning rate` below the stability bound $2/h_{\\max}$, and read a "
        "noisy training-loss curve;",
        ("5.1", "5.2", "5.3", "5.4", "5.q4", "5.q5", "5.q9"),
    ),
    (
        "use a learning-rate schedule to remove the jitter of a constant step, relate the "
        "condition number $\\kappa$ to the speed of gradient descent and cut it by "
        "standardising the features, explain how the batch size bounds the learning rate, "
        "say what gradient clipping prevents, and why weight decay and an L2 penalty are the "
        "same under SGD but not under Adam (AdamW).",
        ("5.5", "5.6", "5.7", "5.q6", "5.q7", "5.q8"),
    ),
)
