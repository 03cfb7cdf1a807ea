"""Quiz questions of chapter 8, "Multi-task losses"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="8.q1",
        prompt=(
            "You sweep the weight $\\omega$ of $\\omega L_1 + (1 - \\omega) L_2$ from 0 to 1 "
            "and, for each $\\omega$, find the exact (global) minimiser of the weighted loss. "
            "Before looking at the results: what happens to $L_1$ at the optimum as "
            "$\\omega$ grows?"
        ),
        choices=(
            Choice(
                "It never rises, and $L_2$ never falls.",
                correct=True,
                explanation=(
                    "Right, for any two tasks and any model. Write $(L_1, L_2)$ and "
                    "$(L_1', L_2')$ for the optima at $\\omega < \\omega'$. Each is optimal for "
                    "its own weight, so $\\omega L_1 + (1-\\omega) L_2 \\le \\omega L_1' + "
                    "(1-\\omega) L_2'$ and the same with $\\omega'$ and the primes swapped; "
                    "multiplying the first by $1 - \\omega'$, the second by $1 - \\omega$ and "
                    "adding cancels the $L_2$ terms and leaves "
                    "$(\\omega' - \\omega)(L_1' - L_1) \\le 0$; the multipliers $\\omega'$ and "
                    "$\\omega$ give $L_2' \\ge L_2$ the same way. This is the trade-off front of "
                    "section 3."
                ),
            ),
            Choice(
                "Both $L_1$ and $L_2$ fall, because the model is trained harder.",
                correct=False,
                explanation=(
                    "A weight does not add training effort; it moves the optimum along the "
                    "trade-off front (section 3), where one task can improve only if the "
                    "other gets worse. The tasks compete for the shared trunk."
                ),
            ),
            Choice(
                "It depends on the data: $L_1$ may rise in some places as $\\omega$ grows.",
                correct=False,
                explanation=(
                    "Not for exact optima: comparing the two optimality conditions shows "
                    "$(\\omega' - \\omega)(L_1' - L_1) \\le 0$ on any data. A training run "
                    "that stops early or in a local minimum can break it, but the front "
                    "itself is monotone (section 3 prints the check on every grid step)."
                ),
            ),
            Choice(
                "$L_1$ falls in proportion to $\\omega$: doubling the weight halves $L_1$.",
                correct=False,
                explanation=(
                    "The weight is not a divisor of the loss. $L_1$ cannot fall below the "
                    "least-squares loss of task 1 alone (section 1), however large "
                    "$\\omega$ is; the front flattens out towards that end."
                ),
            ),
        ),
    ),
    Question(
        id="8.q2",
        prompt=(
            "Two tasks are trained with the unweighted sum $L_1 + L_2$ of their mean squared "
            "errors. Task 2's target is now recorded in centimetres instead of metres "
            "(multiplied by 100); nothing else changes. Predict the effect before running it."
        ),
        choices=(
            Choice(
                "Task 2's squared errors grow $10^4$-fold, the optimum moves to the end of "
                "the front that serves task 2, and $L_1$ gets worse.",
                correct=True,
                explanation=(
                    "Right. A squared error scales with the square of the unit, so task 2 "
                    "makes up almost the whole sum and takes the shared trunk; section 4 "
                    "measures the rise of $L_1$ at eight standard errors. The weights "
                    "$\\omega_2 / 100^2$ would undo it (exercise 8.5)."
                ),
            ),
            Choice(
                "Nothing: the targets carry the same information in either unit.",
                correct=False,
                explanation=(
                    "The information is the same, but the loss is not unit-free: it adds "
                    "numbers measured in m$^2$ and cm$^2$. The optimum of the sum depends on "
                    "their relative size (section 4)."
                ),
            ),
            Choice(
                "Task 2's loss grows 100-fold, so the optimum shifts a little towards task 2.",
                correct=False,
                explanation=(
                    "The errors grow 100-fold, but the loss squares them: $100^2 = 10^4$. "
                    "That is why the shift is not small (section 4)."
                ),
            ),
            Choice(
                "Task 1 improves, since its errors are now small next to task 2's.",
                correct=False,
                explanation=(
                    "Small errors next to the other task's mean a small share of the sum, so "
                    "task 1 is *neglected*: the trunk serves task 2 and $L_1$ rises."
                ),
            ),
        ),
    ),
    Question(
        id="8.q3",
        prompt=(
            "Kendall's loss $\\sum_t L_t / (2\\sigma_t^2) + \\log \\sigma_t$ is minimised over "
            "the model and the $\\sigma_t$ together. Task 2's targets are multiplied by 100. "
            "What happens to the minima of this loss?"
        ),
        choices=(
            Choice(
                "$\\log \\sigma_2$ rises by $\\log 100$ and the model's predictions, in the "
                "original units, stay the same.",
                correct=True,
                explanation=(
                    "Right. At the optimum $\\sigma_t^2 = L_t$ and the loss becomes "
                    "$\\sum_t \\tfrac12 \\log L_t + \\tfrac12$; multiplying $L_2$ by $10^4$ only "
                    "adds the constant $\\log 100$, so the same models minimise it (section 5 "
                    "prints the difference, 4.6052 = $\\log 100$)."
                ),
            ),
            Choice(
                "$\\sigma_2$ stays the same and task 2 takes over, as with the unweighted sum.",
                correct=False,
                explanation=(
                    "That is the unweighted sum of section 4. Here $\\sigma_2$ is learned and "
                    "absorbs the unit: its optimum is $\\sigma_2^2 = L_2$, which grows "
                    "$10^4$-fold with the targets."
                ),
            ),
            Choice(
                "$\\sigma_2$ grows 100-fold and task 2's weight falls 100-fold.",
                correct=False,
                explanation=(
                    "$\\sigma_2$ does grow 100-fold, but the weight is $1/(2\\sigma_2^2)$, "
                    "which falls $10^4$-fold: exactly the square that the squared errors grew "
                    "by."
                ),
            ),
        ),
    ),
    Question(
        id="8.q4",
        prompt="Which statement about uncertainty weighting is **false**?",
        choices=(
            Choice(
                "It gives a noisy task a large weight, so that the task is not neglected.",
                correct=True,
                explanation=(
                    "This is the false one. The weight is $1/(2\\sigma_t^2)$ with "
                    "$\\sigma_t^2 = L_t$ at the optimum, so a noisy task, or one the shared "
                    "model fits badly, gets a *small* weight (section 5: "
                    "$\\sigma_2^2 = 2.66$ for a noise variance of 1)."
                ),
            ),
            Choice(
                "At its optimum each learned variance $\\sigma_t^2$ equals the task's loss $L_t$.",
                correct=False,
                explanation=(
                    "This one is true: $\\partial / \\partial s_t$ of the loss is "
                    "$1 - e^{-2 s_t} L_t$, zero at $e^{2 s_t} = L_t$ (exercise 8.4)."
                ),
            ),
            Choice(
                "Its loss can have more than one minimum, so the result can depend on the "
                "starting $\\sigma$.",
                correct=False,
                explanation=(
                    "This one is true: on 7 of 20 data sets of section 5 the default start "
                    "ended in the higher minimum. Restarting from a few starting values is "
                    "cheap insurance."
                ),
            ),
            Choice(
                "It needs no knowledge of the targets' units or noise levels.",
                correct=False,
                explanation=(
                    "This one is true: the $\\sigma_t$ are learned, and a change of unit only "
                    "shifts $\\log \\sigma_t$ (question 8.q3). What it optimises is "
                    "likelihood, not balance."
                ),
            ),
        ),
    ),
    Question(
        id="8.q5",
        prompt=(
            "Two weightings are scored on the same 200 examples: $L_1 = 0.083 \\pm 0.008$ and "
            "$L_1 = 0.071 \\pm 0.007$ (mean $\\pm$ standard error). The per-example "
            "differences give $-0.012 \\pm 0.004$. What do you conclude?"
        ),
        choices=(
            Choice(
                "The second has the lower $L_1$ on these examples, by three standard errors "
                "of the paired difference.",
                correct=True,
                explanation=(
                    "Right. Both models are scored on the same examples, and an example that "
                    "is hard for one is mostly hard for the other; the paired difference "
                    "removes that shared part, so its error bar is much smaller than either "
                    "mean's (section 3)."
                ),
            ),
            Choice(
                "Nothing: the two error bars overlap, so the difference is noise.",
                correct=False,
                explanation=(
                    "Overlapping error bars of two means settle nothing when the two are "
                    "measured on the same examples: their errors are correlated. Compare the "
                    "paired difference with its own standard error."
                ),
            ),
            Choice(
                "Nothing: the difference, 0.012, is smaller than the sum of the two standard "
                "errors, 0.015.",
                correct=False,
                explanation=(
                    "Adding the two standard errors treats the means as independent, which "
                    "they are not here. The standard error of the difference is 0.004, and "
                    "0.012 is three of them."
                ),
            ),
            Choice(
                "The second weighting is better for every example.",
                correct=False,
                explanation=(
                    "A mean difference three standard errors below zero says the *average* "
                    "squared error is lower; individual examples can still go either way."
                ),
            ),
        ),
    ),
    Question(
        id="8.q6",
        prompt=(
            "With task 2 in centimetres and equal weights, task 2's gradient on the shared "
            "trunk is 10 to about 13 000 times task 1's, depending on the start. You set "
            "$\\omega_t = \\bar G / G_t$ once, at the start, and keep these weights fixed "
            "for the whole training. What do you expect?"
        ),
        choices=(
            Choice(
                "The pulls are balanced at the start, but drift apart again as the parameters "
                "move: GradNorm re-adjusts the weights at every step for that reason.",
                correct=True,
                explanation=(
                    "Right. $G_t$ depends on the current parameters (its ratio varied by three "
                    "orders of magnitude over 50 starts, section 6), so weights computed at "
                    "one point balance the gradients only there."
                ),
            ),
            Choice(
                "The pulls stay balanced for the whole training, since the ratio is a "
                "property of the data.",
                correct=False,
                explanation=(
                    "The ratio depends on the parameters as well as on the data: over 50 "
                    "random starts of section 6 it ranged over three orders of magnitude."
                ),
            ),
            Choice(
                "The result is the same as uncertainty weighting, which also balances the "
                "gradients.",
                correct=False,
                explanation=(
                    "Uncertainty weighting maximises a likelihood and favours the tasks the "
                    "model already fits well (section 5); balancing gradient norms is a "
                    "different goal, which is GradNorm's."
                ),
            ),
        ),
    ),
    Question(
        id="8.q7",
        prompt=(
            "A colleague sweeps $\\omega$, computes the weighted loss "
            "$\\omega L_1 + (1 - \\omega) L_2$ at each optimum, and keeps the $\\omega$ where "
            "it is lowest. What is wrong with this choice?"
        ),
        choices=(
            Choice(
                "Each $\\omega$ defines a different yardstick, so their values cannot be "
                "compared; which point of the front is best depends on what each task is "
                "worth.",
                correct=True,
                explanation=(
                    "Right. The optimal weighted loss is a minimum of functions linear in "
                    "$\\omega$, so it is concave in $\\omega$ and lowest at $\\omega = 0$ or "
                    "$1$: the rule always hands all the weight to the task whose best loss is "
                    "smaller. Which point of the front is best is a decision about what each "
                    "task is worth (section 3)."
                ),
            ),
            Choice(
                "Nothing: a lower loss always means a better model.",
                correct=False,
                explanation=(
                    "Only for the same loss. Changing $\\omega$ changes the loss being "
                    "measured; on the chapter's data the rule picks $\\omega = 1$, task 1's "
                    "best loss alone, and ignores task 2."
                ),
            ),
            Choice(
                "The weighted loss should be computed on the validation set; otherwise the "
                "choice is fine.",
                correct=False,
                explanation=(
                    "Held-out data would give honest values of the same flawed yardstick. "
                    "The problem is comparing different weighted sums, not where they are "
                    "measured."
                ),
            ),
        ),
    ),
)
