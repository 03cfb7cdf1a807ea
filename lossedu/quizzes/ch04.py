"""Quiz questions of chapter 4, "Classification losses"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="4.q1",
        prompt=(
            "A classifier trained with cross-entropy (natural log) gives the true class the "
            "probability $0.1$ on one example and $0.001$ on another. How much more does the "
            "second example add to the loss than the first?"
        ),
        choices=(
            Choice(
                "About 0.099, the difference of the two probabilities.",
                correct=False,
                explanation=(
                    "That reads cross-entropy as if it were linear in $p$, like an error on "
                    "the probability. It is $-\\log p$: it cares about small probabilities on a "
                    "relative scale, so going from 0.1 to 0.001 costs far more than 0.099 "
                    "(section 5)."
                ),
            ),
            Choice(
                "About 4.61 nats: $\\log(0.1/0.001) = \\log 100$.",
                correct=True,
                explanation=(
                    "Right. The loss of the true class is $-\\log p$, so a ratio of "
                    "probabilities becomes a difference of losses: every factor of 10 costs "
                    "$\\log 10 \\approx 2.303$ nats, two factors cost 4.61 (section 5)."
                ),
            ),
            Choice(
                "About 6.64: $\\log_2 100$.",
                correct=False,
                explanation=(
                    "That is the same gap measured in bits. With the natural logarithm, as in "
                    "`lossedu`, PyTorch and scikit-learn, the loss is in nats, and "
                    "$\\log_2 100 = \\log 100 / \\log 2$ is larger by the factor $1/\\log 2$ "
                    "(section 2)."
                ),
            ),
            Choice(
                "100 times as much as the first example's loss.",
                correct=False,
                explanation=(
                    "The *probabilities* differ by a factor of 100; the losses are "
                    "$-\\log 0.1 \\approx 2.30$ and $-\\log 0.001 \\approx 6.91$, a ratio of 3. "
                    "The logarithm turns the factor into an added $\\log 100$."
                ),
            ),
        ),
    ),
    Question(
        id="4.q2",
        prompt=(
            "You train logistic regression $p = \\sigma(w^\\top x + b)$ from a start where "
            "many positive examples get logits near $-10$ (confidently wrong). Predict what "
            "happens if you use the squared error $(p - y)^2$ on the probability instead of "
            "the cross-entropy, with the same learning rate."
        ),
        choices=(
            Choice(
                "Training is faster: the squared error punishes large errors more.",
                correct=False,
                explanation=(
                    "That is true for residuals in regression, not here: the error "
                    "$p - y$ can be at most 1, and the sigmoid's slope $p(1-p)$ multiplies the "
                    "gradient, which vanishes for confident predictions (section 6)."
                ),
            ),
            Choice(
                "Nothing changes: both losses are smallest when $p = y$, so gradient descent "
                "behaves the same.",
                correct=False,
                explanation=(
                    "Two losses with the same minimiser can have very different gradients on "
                    "the way there. Only the gradient decides the steps (section 6)."
                ),
            ),
            Choice(
                "Training barely moves at first: the squared error's logit gradient "
                "$2(p - y)\\,p(1 - p)$ is tiny when $p$ is near 0 or 1.",
                correct=True,
                explanation=(
                    "Right. At $z = -10$, $p(1 - p) \\approx 4.5 \\times 10^{-5}$, so the "
                    "confidently wrong examples get almost no gradient; with cross-entropy the "
                    "factor cancels and the gradient is $p - y \\approx -1$ (sections 5 and 6; "
                    "chapter 5 measures the slow-down)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q3",
        prompt="Spot the **false** statement about computing cross-entropy in float64.",
        choices=(
            Choice(
                "Subtracting the row maximum from the logits before the softmax changes which "
                "class gets the highest probability.",
                correct=True,
                explanation=(
                    "Right, this one is false. Adding the same constant $c$ to every logit of a "
                    "row multiplies numerator and denominator of the softmax by $e^c$: the "
                    "probabilities are unchanged, only the floating-point overflow goes away "
                    "(sections 1 and 7)."
                ),
            ),
            Choice(
                "$\\sigma(40)$ rounds to exactly 1.0, so a formula that takes "
                "$\\log(1 - \\sigma(z))$ returns $-\\infty$ there.",
                correct=False,
                explanation=(
                    "This is true: from about $z = 37$ on, $e^{-z}$ is smaller than half the "
                    "gap between 1 and the next float, so $1 + e^{-z}$ rounds to 1 (section 7). "
                    "That is why the loss is computed from the logits."
                ),
            ),
            Choice(
                "`np.logaddexp(0, z)` returns $\\log(1 + e^{z})$ without overflow, even for "
                "$z = 1000$.",
                correct=False,
                explanation=(
                    "This is true: it factors out the larger exponent, "
                    "$\\max(z, 0) + \\log(1 + e^{-|z|})$, and returns 1000 there (section 7)."
                ),
            ),
            Choice(
                "With the log-sum-exp shift the sum $\\sum_j e^{z_j - z_{\\max}}$ lies between "
                "1 and $k$.",
                correct=False,
                explanation=(
                    "This is true: every term is at most 1 and the largest is exactly 1, so "
                    "there is no overflow and no logarithm of 0 (section 7)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q4",
        prompt=(
            "A training point is classified correctly with margin $m = y f(x) = 3$. What "
            "does it contribute to the gradient of the hinge loss and of the logistic loss?"
        ),
        choices=(
            Choice(
                "Both exactly 0: the point is classified correctly.",
                correct=False,
                explanation=(
                    "Only the zero-one loss ignores every correct point, and it ignores wrong "
                    "ones too (slope 0 almost everywhere). The logistic loss keeps pushing "
                    "correct points further, ever more weakly (section 8)."
                ),
            ),
            Choice(
                "Both non-zero: every surrogate loss rewards larger margins.",
                correct=False,
                explanation=(
                    "The hinge loss does not: once the margin reaches 1 it is exactly 0 and so "
                    "is its slope (section 8)."
                ),
            ),
            Choice(
                "Hinge: non-zero. Logistic: exactly 0.",
                correct=False,
                explanation=(
                    "The other way round: the hinge loss is the one with a flat part, the "
                    "logistic loss is smooth and positive everywhere (section 8)."
                ),
            ),
            Choice(
                "Hinge: exactly 0. Logistic: small but not 0.",
                correct=True,
                explanation=(
                    "Right. The hinge loss $\\max(0, 1 - m)$ is flat from $m = 1$ on, so points "
                    "beyond the margin stop influencing the fit. The logistic loss "
                    "$\\log(1 + e^{-m})$ never reaches 0; its slope at $m = 3$ is "
                    "$-\\sigma(-3) \\approx -0.047$ (section 8)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q5",
        prompt=(
            "With $k = 10$ classes and label smoothing $\\varepsilon = 0.1$, the logit gap that "
            "minimises the loss of a correctly labelled example is $\\log 91 \\approx 4.51$. "
            "Predict what happens to that best gap if you raise $\\varepsilon$ to 0.2."
        ),
        choices=(
            Choice(
                "It grows: more smoothing needs larger logits to reach the target.",
                correct=False,
                explanation=(
                    "The smoothed target itself is less extreme for larger $\\varepsilon$ "
                    "(true class $1 - \\varepsilon + \\varepsilon/k$), and the softmax matches "
                    "a less extreme target with a *smaller* gap (section 9)."
                ),
            ),
            Choice(
                "It shrinks, to $\\log 41 \\approx 3.71$.",
                correct=True,
                explanation=(
                    "Right. The best gap is $\\log\\frac{1 - \\varepsilon + \\varepsilon/k}"
                    "{\\varepsilon/k}$, which falls as $\\varepsilon$ grows: "
                    "$(1 - 0.2 + 0.02)/0.02 = 41$. Stronger smoothing asks for less confident "
                    "probabilities (section 9)."
                ),
            ),
            Choice(
                "It stays at 4.51: smoothing changes the targets, not the minimiser.",
                correct=False,
                explanation=(
                    "Cross-entropy is minimised where the prediction equals the target "
                    "(section 4), so changing the target moves the minimiser."
                ),
            ),
            Choice(
                "It becomes infinite, as without smoothing.",
                correct=False,
                explanation=(
                    "Without smoothing ($\\varepsilon = 0$) the loss keeps falling as the gap "
                    "grows. Any $\\varepsilon > 0$ gives every class a positive target, so the "
                    "best gap is finite (section 9)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q6",
        prompt=(
            "You want a model's predicted probabilities to mean what they say, so you train it "
            "on a loss of the probability $p$ and the label $y \\in \\{0, 1\\}$. Which loss "
            "**cannot** do that job?"
        ),
        choices=(
            Choice(
                "The log loss (binary cross-entropy).",
                correct=False,
                explanation=(
                    "The log loss is strictly proper: its expected value is smallest only at "
                    "$p = \\eta$, so minimising it drives the predictions towards the true "
                    "probabilities (section 11)."
                ),
            ),
            Choice(
                "The Brier score $(p - y)^2$.",
                correct=False,
                explanation=(
                    "The Brier score is strictly proper too: its expected value is "
                    "$(p - \\eta)^2 + \\eta(1 - \\eta)$, smallest only at $p = \\eta$ "
                    "(section 11)."
                ),
            ),
            Choice(
                "The absolute error $|p - y|$.",
                correct=True,
                explanation=(
                    "Right. Its expected value under a true probability $\\eta$ is "
                    "$\\eta(1 - p) + (1 - \\eta)p$, a straight line in $p$: it is smallest at "
                    "$p = 0$ or $p = 1$ whenever $\\eta \\ne 0.5$, so it rewards "
                    "over-confident reports. It is not a proper scoring rule (section 11)."
                ),
            ),
            Choice(
                "None: each of them is 0 when $p = y$, so all three train honest probabilities.",
                correct=False,
                explanation=(
                    "Being 0 at a perfect prediction is not enough: the label is random, and "
                    "what matters is which report minimises the *expected* loss. For the "
                    "absolute error that is 0 or 1, not $\\eta$ (section 11)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q7",
        prompt=(
            "On a data set with 20 % positives, a model predicts $p = 0.2$ for every example. "
            "What can you say about it?"
        ),
        choices=(
            Choice(
                "Its ECE is high, because it never separates the classes.",
                correct=False,
                explanation=(
                    "ECE does not measure separation: it compares each bin's mean probability "
                    "with its fraction of positives, and here they are equal (section 12)."
                ),
            ),
            Choice(
                "Its ECE is 0 (with any bins), yet it is useless: it cannot tell any two "
                "examples apart. A proper score such as the log loss shows that.",
                correct=True,
                explanation=(
                    "Right. All examples fall in one bin whose fraction of positives, 0.2, "
                    "equals the mean probability, so the ECE is 0. ECE measures calibration "
                    "only; the log loss, here the base rate's entropy "
                    "$\\approx 0.500$ nats, also rewards sharpness (section 12)."
                ),
            ),
            Choice(
                "It is a good model: perfectly calibrated probabilities are all one needs.",
                correct=False,
                explanation=(
                    "Calibration is necessary for decisions based on probabilities, not "
                    "sufficient: the probabilities must also differ between examples "
                    "(sharpness). Report a proper score with the calibration picture "
                    "(section 12)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q8",
        prompt=(
            "While you train a classifier, the training log loss keeps falling, the validation "
            "log loss reaches its minimum at epoch 40 and then rises steadily, and the "
            "validation accuracy stays flat. What is the most likely diagnosis?"
        ),
        choices=(
            Choice(
                "The probabilities grow over-confident while the decisions stay the same; stop "
                "on the validation log loss, penalise the weights, or recalibrate.",
                correct=True,
                explanation=(
                    "Right. This is the pattern of section 13: cross-entropy without smoothing "
                    "rewards ever larger logits on the training set, so the validation "
                    "probabilities become extreme and the confident mistakes cost more and "
                    "more, while the side of 0.5 each example is on hardly changes."
                ),
            ),
            Choice(
                "The model underfits: train for more epochs.",
                correct=False,
                explanation=(
                    "Underfitting shows as a *high* training loss. Here the training loss "
                    "keeps falling and the validation loss rises: more epochs make the "
                    "over-confidence worse (section 13; chapter 7)."
                ),
            ),
            Choice(
                "Nothing is wrong: the accuracy is flat, so the log loss does not matter.",
                correct=False,
                explanation=(
                    "If the probabilities feed a decision (a cost threshold, a risk), their "
                    "meaning matters. A flat accuracy with a rising log loss means the "
                    "probabilities lost their meaning, which the ECE confirms (section 13)."
                ),
            ),
        ),
    ),
    Question(
        id="4.q9",
        prompt=(
            "A linear model trained with the hinge loss is as accurate as logistic regression. "
            "You need probabilities for a cost-based threshold. What should you do with its "
            "scores $s$?"
        ),
        choices=(
            Choice(
                "Use $\\sigma(s)$ directly: equal accuracy means equally good probabilities.",
                correct=False,
                explanation=(
                    "Accuracy only looks at the side of 0.5; two models with the same "
                    "decisions can have very different probabilities. In section 14 "
                    "$\\sigma(s)$ of the hinge model was under-confident."
                ),
            ),
            Choice(
                "Fit Platt scaling on the training set, which is larger.",
                correct=False,
                explanation=(
                    "On the training set the scores are over-optimistic (the model was fitted "
                    "to those very points), so the calibration learnt there is too confident. "
                    "Use data the model has not seen (section 14)."
                ),
            ),
            Choice(
                "Fit Platt scaling $\\sigma(a s + b)$ on held-out data, then check the "
                "reliability diagram.",
                correct=True,
                explanation=(
                    "Right. The hinge loss is not a proper score: its minimiser only has the "
                    "right *sign*, so $\\sigma(s)$ need not be a probability. A one-feature "
                    "logistic regression fitted on held-out scores maps them to calibrated "
                    "probabilities (section 14)."
                ),
            ),
        ),
    ),
)
