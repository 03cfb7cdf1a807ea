"""Quiz questions of chapter 9, "Adaptive losses"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="9.q1",
        prompt=(
            "A regression data set has a fifth of its targets replaced by gross errors, far "
            "from the line. You fit with Barron's loss at a fixed shape. Which $\\alpha$ lets "
            "the fit effectively ignore the far outliers?"
        ),
        choices=(
            Choice(
                "$\\alpha = 0$ (Cauchy): its influence redescends towards zero for far residuals.",
                correct=True,
                explanation=(
                    "Right. For $\\alpha < 1$ the influence $\\psi$ peaks at a moderate "
                    "residual and then falls towards 0 (section 2: $\\psi(100) = 0.02$ at "
                    "$\\alpha = 0$), so a residual far enough away barely pulls on the fit."
                ),
            ),
            Choice(
                "$\\alpha = 2$ (squared error), the usual choice.",
                correct=False,
                explanation=(
                    "The squared error's influence grows linearly with the residual, so one "
                    "far outlier can dominate the fit: the opposite of robust."
                ),
            ),
            Choice(
                "$\\alpha = 1$ (pseudo-Huber), because its influence is bounded.",
                correct=False,
                explanation=(
                    "Bounded is not the same as ignored: at $\\alpha = 1$ the influence creeps "
                    "up to $1/c$ and stays there, so every far outlier keeps pulling with the "
                    "largest force any point has. Only $\\alpha < 1$ redescends."
                ),
            ),
            Choice(
                "$\\alpha = 4$: a larger shape parameter is more robust.",
                correct=False,
                explanation=(
                    "Robustness increases as $\\alpha$ *decreases*; above 2 the loss grows "
                    "faster than the squared error and outliers weigh even more."
                ),
            ),
        ),
    ),
    Question(
        id="9.q2",
        prompt="Which statement about the influence $\\psi = \\partial\\rho/\\partial x$ of "
        "Barron's loss is **false**?",
        choices=(
            Choice(
                "At $\\alpha = 1$ the influence goes back to zero for far residuals, so "
                "outliers are ignored.",
                correct=True,
                explanation=(
                    "This is the false one. At $\\alpha = 1$, "
                    "$\\psi = (x/c^2)/\\sqrt{(x/c)^2 + 1}$ rises monotonically to its bound "
                    "$1/c$: bounded, but never redescending (section 2)."
                ),
            ),
            Choice(
                "For $\\alpha > 1$ the influence grows without bound.",
                correct=False,
                explanation=(
                    "This one is true: for large $x$, $\\psi$ grows like $x^{\\alpha - 1}$, "
                    "which has no bound when $\\alpha > 1$ (8.4 at $x = 100$ for "
                    "$\\alpha = 1.5$, section 2)."
                ),
            ),
            Choice(
                "For $\\alpha < 1$ the influence peaks at a moderate residual and then falls "
                "towards zero.",
                correct=False,
                explanation=(
                    "This one is true: that is what *redescending* means, and why such "
                    "losses can ignore gross outliers."
                ),
            ),
            Choice(
                "For M-estimators the influence function is proportional to $\\psi$.",
                correct=False,
                explanation=(
                    "This one is true (Hampel 1974), which is why the chapter calls $\\psi$ "
                    "the influence: it says how much one residual can move the fit."
                ),
            ),
        ),
    ),
    Question(
        id="9.q3",
        prompt=(
            "You learn $\\alpha$ and the scale $c$ by gradient descent on the mean of "
            "$\\rho(x, \\alpha, c)$ alone, without the normaliser, on data with plain "
            "Gaussian noise. Predict what happens."
        ),
        choices=(
            Choice(
                "$\\alpha$ falls and $c$ grows, whatever the data: every residual's loss "
                "shrinks that way.",
                correct=True,
                explanation=(
                    "Right. The loss of any fixed residual falls as $\\alpha$ falls and as $c$ "
                    "grows (Barron 2019), so the bare loss always becomes more forgiving "
                    "(section 3: the scale ran from 1 to 8.7 in 300 steps). The normaliser "
                    "$\\log c + \\log Z(\\alpha)$ is what lets the data decide."
                ),
            ),
            Choice(
                "$\\alpha$ rises towards 2, because the noise is Gaussian.",
                correct=False,
                explanation=(
                    "That is what the *likelihood* does (section 3). The bare loss cannot see "
                    "that the noise is Gaussian: it rewards a more forgiving shape on any data."
                ),
            ),
            Choice(
                "Nothing much: the gradients with respect to $\\alpha$ and $c$ are zero at the "
                "start.",
                correct=False,
                explanation=(
                    "They are not zero: the mean loss falls as $\\alpha$ falls and as $c$ "
                    "grows (the table of section 3), so descent moves both at once."
                ),
            ),
        ),
    ),
    Question(
        id="9.q4",
        prompt=(
            "The trapezoid rule on $[-2000, 2000]$ gives $Z(1)$ to six digits. On the same grid "
            "$Z(0) = \\int dx / (1 + x^2/2)$ comes out about 0.002 too small. Why?"
        ),
        choices=(
            Choice(
                "Its tails decay like $1/x^2$: the part beyond $\\pm L$ is about $4/L$, which "
                "no practical grid makes negligible.",
                correct=True,
                explanation=(
                    "Right. $\\int_L^\\infty 2\\,dx/x^2 = 2/L$ on each side, 0.002 for "
                    "$L = 2000$; $Z(1)$'s tails decay like $e^{-|x|}$ and vanish long before. "
                    "`adaptive.barron_log_partition` maps the whole line onto $[0, 1)$ instead "
                    "(section 3)."
                ),
            ),
            Choice(
                "$Z(0)$ is infinite, so any finite answer is wrong.",
                correct=False,
                explanation=(
                    "$Z(0) = \\pi\\sqrt2$ is finite. The integral diverges only for "
                    "$\\alpha < 0$, where the loss is bounded and $e^{-\\rho}$ does not decay."
                ),
            ),
            Choice(
                "The grid is too coarse near 0, where the integrand is sharply peaked.",
                correct=False,
                explanation=(
                    "With 2 000 001 points the spacing is 0.002, far finer than the width of "
                    "$1/(1 + x^2/2)$. The error comes from what lies outside the grid."
                ),
            ),
        ),
    ),
    Question(
        id="9.q5",
        prompt=(
            "Over five imbalanced data sets (5 % positives), the focal loss ($\\gamma = 2$, no "
            "class weight) changes F1 at threshold 0.5 by $0.010 \\pm 0.006$ and the AUC by "
            "about 0.001 or less, compared with cross-entropy. What do you conclude?"
        ),
        choices=(
            Choice(
                "No measurable gain: it ranks the examples about as well and mostly moves the "
                "operating point. Tune the cross-entropy model's threshold first.",
                correct=True,
                explanation=(
                    "Right. The F1 gain is inside two standard errors of zero and the AUC "
                    "is unchanged: re-weighting shifted the probabilities, not the ranking "
                    "(section 4)."
                ),
            ),
            Choice(
                "The focal loss is better: its F1 is higher.",
                correct=False,
                explanation=(
                    "A difference is evidence only when it is large next to its error bar; "
                    "$0.010 \\pm 0.006$ is less than two standard errors, and the threshold "
                    "was not tuned."
                ),
            ),
            Choice(
                "The focal loss is a better ranker, which shows in the F1.",
                correct=False,
                explanation=(
                    "A better ranker would show in the AUC and the average precision, which "
                    "do not depend on the threshold; they moved by 0.001 or less."
                ),
            ),
        ),
    ),
    Question(
        id="9.q6",
        prompt=(
            "A logistic model trained with the focal loss ($\\gamma = 2$, no class weight) on "
            "data with 5 % positives predicts probabilities that average several times the "
            "base rate. Why?"
        ),
        choices=(
            Choice(
                "The focal loss is not a proper scoring rule: the probability that minimises "
                "it is pulled towards 0.5.",
                correct=True,
                explanation=(
                    "Right. For a true probability of 0.05 and $\\gamma = 2$ the expected "
                    "focal loss is smallest at about 0.25, not 0.05; its outputs need "
                    "recalibration before they can be read as probabilities (section 7)."
                ),
            ),
            Choice(
                "The model overfits the few positives.",
                correct=False,
                explanation=(
                    "The bias comes from the loss itself, not from the sample: even with "
                    "unlimited data the minimiser of the expected focal loss sits away from "
                    "the true probability."
                ),
            ),
            Choice(
                "The focal loss weights the positives by $\\alpha_t = 0.25$.",
                correct=False,
                explanation=(
                    "Here no class weight was used; and the default $\\alpha_t = 0.25$ would "
                    "*down*-weight the positives, which pushes probabilities down, not up."
                ),
            ),
        ),
    ),
    Question(
        id="9.q7",
        prompt=(
            "Self-paced learning on a line with 25 % outliers multiplies its threshold "
            "$\\ell_{\\max}$ by 1.5 every round. What happens if you keep going for many "
            "rounds?"
        ),
        choices=(
            Choice(
                "The line approaches the truth for a few rounds, then the outliers are admitted "
                "and pull it away again: the stopping round has to be chosen.",
                correct=True,
                explanation=(
                    "Right. Once $\\ell_{\\max}$ exceeds the outliers' losses every point has "
                    "weight 1 and the fit returns to least squares; on 20 data sets the best "
                    "round lay between 1 and 5 (section 5). Choose it on validation data."
                ),
            ),
            Choice(
                "It converges to the true line, since outliers are never admitted.",
                correct=False,
                explanation=(
                    "The threshold grows without limit, so every loss eventually falls below "
                    "it: the outliers are admitted too."
                ),
            ),
            Choice(
                "It stays at the least-squares line: the first fit already uses every point.",
                correct=False,
                explanation=(
                    "The first round admits only the points with small loss, so the fit moves "
                    "away from least squares towards the inliers' line first."
                ),
            ),
        ),
    ),
    Question(
        id="9.q8",
        prompt=(
            "Which statement about the costs of adaptive losses is **false**, for the "
            "implementations of this chapter?"
        ),
        choices=(
            Choice(
                "Because the adaptive Barron loss learns $\\alpha$, nothing is left to tune.",
                correct=True,
                explanation=(
                    "This is the false one. The range allowed for $\\alpha$ and the learning "
                    "rate remain to be set, and each step needs extra losses and quadratures "
                    "of $\\log Z$ (section 7)."
                ),
            ),
            Choice(
                "A falling value of an adaptive loss during training does not show that the "
                "model is improving.",
                correct=False,
                explanation=(
                    "This one is true: the loss itself changes as its parameters or weights "
                    "change, so compare models on a fixed validation metric."
                ),
            ),
            Choice(
                "The focal loss's $\\gamma$ and class weight are new hyperparameters.",
                correct=False,
                explanation=(
                    "This one is true: section 4's results moved with both, and neither could "
                    "be set without trying."
                ),
            ),
            Choice(
                "Self-paced learning needs one full fit per value of the threshold.",
                correct=False,
                explanation=(
                    "This one is true for the schedule of section 5: every round refits the "
                    "model on the newly weighted examples."
                ),
            ),
        ),
    ),
)
