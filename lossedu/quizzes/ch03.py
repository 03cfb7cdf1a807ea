"""Quiz questions of chapter 3, "Regression losses"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="3.q1",
        prompt=(
            "Spot the false statement about the gradient of one example's loss with respect to "
            "its prediction, as the residual $r$ grows large."
        ),
        choices=(
            Choice(
                "The squared error's gradient, $2r$, grows without bound.",
                correct=False,
                explanation=(
                    "This one is true: a residual of 100 pulls with force 200 (section 4's "
                    "table), which is why a few outliers can dominate an MSE fit."
                ),
            ),
            Choice(
                "The absolute error's gradient has the same size, 1, for every non-zero residual.",
                correct=False,
                explanation=(
                    "This one is true: $\\operatorname{sign}(r)$ does not care how large $r$ is "
                    "(section 3)."
                ),
            ),
            Choice(
                "Huber's gradient never exceeds $\\delta$ in size.",
                correct=False,
                explanation=(
                    "This one is true: Huber's gradient is the residual clipped to $[-\\delta, "
                    "\\delta]$ (section 4)."
                ),
            ),
            Choice(
                "Log-cosh's gradient grows without bound, like the squared error's, because "
                "log-cosh is smooth.",
                correct=True,
                explanation=(
                    "Right, this is the false one. Log-cosh's gradient is $\\tanh r$, which "
                    "levels off at $\\pm 1$: smooth *and* bounded. Smoothness is about the kink "
                    "at 0, not about the pull of large residuals."
                ),
            ),
        ),
    ),
    Question(
        id="3.q2",
        prompt=(
            "Nine measurements, all between about 7 and 14, are fitted by one constant. Then the "
            "largest one is recorded wrongly as 100. What happens to the best constant under the "
            "MSE and under the MAE?"
        ),
        choices=(
            Choice(
                "Both move by about the same amount.",
                correct=False,
                explanation=(
                    "No: the MSE's best constant is the mean, which adds in the wrong value "
                    "divided by 9; the MAE's is the median, which only looks at the ranking."
                ),
            ),
            Choice(
                "The MSE's (the mean) moves by about ten units; the MAE's (the median) does not "
                "move.",
                correct=True,
                explanation=(
                    "Right. In section 3 the mean jumped from 11.5 to 21.1 while the median "
                    "stayed at 11.7. The largest value is still the largest after the error, so "
                    "the middle value is unchanged."
                ),
            ),
            Choice(
                "The MAE's moves more, because its gradient does not shrink near the minimum.",
                correct=False,
                explanation=(
                    "No: the constant gradient is what makes the MAE robust. Each point pulls "
                    "with the same force whatever its distance, so the wrong value pulls no "
                    "harder than a correct one."
                ),
            ),
        ),
    ),
    Question(
        id="3.q3",
        prompt=(
            "Minimising the MSE is maximum likelihood under one assumption about the noise. Which "
            "one, and what does it imply for a residual of five standard deviations?"
        ),
        choices=(
            Choice(
                "Independent Gaussian noise with a constant variance; such a residual is almost "
                "impossible under it, so the fit works hard to shrink it.",
                correct=True,
                explanation=(
                    "Right. The Gaussian density at $5\\sigma$ is $e^{-12.5} \\approx 3.7 \\times "
                    "10^{-6}$ of its peak (section 3), so the likelihood treats a large residual "
                    "as something the model must fix, whatever the cost to the other points."
                ),
            ),
            Choice(
                "Laplace noise; large residuals are expected now and then.",
                correct=False,
                explanation=(
                    "That is the MAE's assumption: the Laplace negative log-likelihood is affine "
                    "in the sum of *absolute* errors (section 3)."
                ),
            ),
            Choice(
                "Any symmetric noise; the MSE makes no assumption beyond symmetry.",
                correct=False,
                explanation=(
                    "No: under Laplace noise, also symmetric, the maximum-likelihood loss is the "
                    "MAE, not the MSE. Each loss matches a particular noise density."
                ),
            ),
        ),
    ),
    Question(
        id="3.q4",
        prompt=(
            "Predict before you read the table: 60 points lie around a line, and 6 of their "
            "targets are pushed up by 16.4 on average, spread over the range of $x$. By about how "
            "much does the least-squares intercept move?"
        ),
        choices=(
            Choice(
                "About 0.16",
                correct=False,
                explanation=(
                    "Too little by a factor 10: the outliers make up 10 %, not 1 %, of the points."
                ),
            ),
            Choice(
                "About 1.6",
                correct=True,
                explanation=(
                    "Right. Least squares spreads the outliers' excess over all points: about "
                    "their share times their mean shift, $0.1 \\times 16.4 \\approx 1.6$ (section "
                    "5 measured 1.61). In general the intercept moves by that amount minus the "
                    "slope's change times the mean input $\\bar x$: exactly that amount when the "
                    "outliers sit, on average weighted by their shifts, at the mean input (the "
                    "slope then stays) or when $\\bar x = 0$."
                ),
            ),
            Choice(
                "About 16",
                correct=False,
                explanation=(
                    "No: the line would then pass through the outliers and miss the other 54 "
                    "points by 16 each, a far larger sum of squares."
                ),
            ),
            Choice(
                "Not at all, if the noise is Gaussian.",
                correct=False,
                explanation=(
                    "No: the fit does not know which targets are wrong. Under the MSE every "
                    "residual pulls in proportion to its size, and these six pull hard."
                ),
            ),
        ),
    ),
    Question(
        id="3.q5",
        prompt=(
            "Twenty points lie in $-3 \\le x \\le 3$; one wrong point is added at $x = 30$, 40 "
            "below the line. Which fit keeps a slope close to the true one?"
        ),
        choices=(
            Choice(
                "The MAE fit: its gradient does not grow with the residual.",
                correct=False,
                explanation=(
                    "No: the MAE caps the pull of a large *residual*, but the slope's gradient of "
                    "one point is $\\operatorname{sign}(r_i)\\,x_i/n$, which grows with $x_i$. In "
                    "section 6 the MAE line even passed exactly through the wrong point."
                ),
            ),
            Choice(
                "The Huber fit, with $\\delta = 1$.",
                correct=False,
                explanation=(
                    "No: like the MAE, Huber bounds the pull of a residual, not the leverage of "
                    "an input far from the others. Its slope fell from 1.5 to 0.15 (section 6)."
                ),
            ),
            Choice(
                "None of them: the point's unusual input gives it leverage over every fit.",
                correct=True,
                explanation=(
                    "Right. Robust losses protect against wrong *targets*; a point far out in the "
                    "*inputs* tilts the MSE, MAE and Huber lines alike. Look at the data, or use "
                    "methods built for leverage."
                ),
            ),
        ),
    ),
    Question(
        id="3.q6",
        prompt=(
            "Predict: a constant prediction $c$ is fitted to 201 skewed values with the pinball "
            "loss at $\\tau = 0.9$. Where does the best $c$ lie?"
        ),
        choices=(
            Choice(
                "At the 0.9-quantile: about 90 % of the values lie below it.",
                correct=True,
                explanation=(
                    "Right. Moving $c$ up costs $1 - \\tau$ per point below and saves $\\tau$ per "
                    "point above, so the loss stops falling where a share $\\tau$ of the data "
                    "lies below $c$ (section 7)."
                ),
            ),
            Choice(
                "At the mean plus 0.9 standard deviations.",
                correct=False,
                explanation=(
                    "No: that is a Gaussian recipe, and the values are skewed. The pinball loss "
                    "makes no assumption about the shape: its minimiser is the quantile of the "
                    "data themselves."
                ),
            ),
            Choice(
                "At the median, as for the MAE.",
                correct=False,
                explanation=(
                    "Only at $\\tau = 0.5$, where the pinball loss is half the MAE. At 0.9 an "
                    "under-prediction costs nine times an over-prediction, which pushes $c$ up."
                ),
            ),
        ),
    ),
    Question(
        id="3.q7",
        prompt=(
            "Quantile lines at $\\tau = 0.05$ and $0.95$, fitted on 300 points, cover 0.862 ± "
            "0.008 of 2000 held-out points (± one standard error). Which reading is right?"
        ),
        choices=(
            Choice(
                "The method is broken: the coverage is about five standard errors below 0.9.",
                correct=False,
                explanation=(
                    "Not necessarily: the ± 0.008 describes only which 2000 held-out points were "
                    "drawn. The 300 training points that placed the lines add their own spread, "
                    "which refitting on other training sets measures (section 7)."
                ),
            ),
            Choice(
                "The coverage is below 0.9 by more than its error bar, but that error bar leaves "
                "out the luck of the training set; refit on other training sets to see the spread.",
                correct=True,
                explanation=(
                    "Right. A standard error answers one question: how much the number would move "
                    "with other held-out points. A claim about the *method* also needs the "
                    "variation over training sets."
                ),
            ),
            Choice(
                "The interval is fine: 0.862 rounds to 0.9.",
                correct=False,
                explanation=(
                    "No: a difference of 0.038 is about five of its standard errors, so it is not "
                    "held-out noise. The question is where it comes from."
                ),
            ),
        ),
    ),
    Question(
        id="3.q8",
        prompt=(
            "A model predicts a mean $\\mu(x)$ and a variance $\\sigma^2(x)$ and is trained with "
            "the Gaussian negative log-likelihood. Compared with least squares, how much does a "
            "point from a noisy region (large $\\sigma^2(x)$) pull on the mean?"
        ),
        choices=(
            Choice(
                "Less: its residual is weighted by $1/\\sigma^2(x)$.",
                correct=True,
                explanation=(
                    "Right. The term $(y - \\mu)^2 / (2\\sigma^2)$ divides each squared residual "
                    "by its predicted variance, as weighted least squares does; the slope of "
                    "section 8 scattered about a fifth less than the least-squares one."
                ),
            ),
            Choice(
                "More: noisy points have larger residuals, so larger gradients.",
                correct=False,
                explanation=(
                    "That is what least squares does. The likelihood divides by the predicted "
                    "variance, so a large residual where large residuals are expected counts for "
                    "little."
                ),
            ),
            Choice(
                "The same: the variance only affects the reported uncertainty, not the mean.",
                correct=False,
                explanation=(
                    "Only if the variance is fixed and the same for every point; then the NLL is "
                    "the MSE rescaled. A learned $\\sigma^2(x)$ reweights the points."
                ),
            ),
        ),
    ),
    Question(
        id="3.q9",
        prompt=(
            "You model calls per hour, between about 1 and 10, from one input. Why is a straight "
            "line fitted with the MSE the wrong tool?"
        ),
        choices=(
            Choice(
                "The MSE cannot be computed on integer targets.",
                correct=False,
                explanation=(
                    "It can: counts are numbers, and section 9 computes the line's held-out MSE. "
                    "The problems are the line's shape and the equal weights."
                ),
            ),
            Choice(
                "The line can predict negative counts, and it weighs every residual alike "
                "although the spread grows with the count.",
                correct=True,
                explanation=(
                    "Right. A log-rate model keeps rates positive, and the Poisson NLL weighs "
                    "residuals by $1/\\text{rate}$, the inverse of the variance. In section 9 it "
                    "beat the line even on held-out MSE, by more than its standard error."
                ),
            ),
            Choice(
                "Counts always contain outliers, so a robust loss is needed.",
                correct=False,
                explanation=(
                    "No: Poisson counts have no gross errors by nature; their spread simply grows "
                    "with their mean. That calls for a likelihood that knows it, not for "
                    "robustness."
                ),
            ),
        ),
    ),
    Question(
        id="3.q10",
        prompt=(
            "You predict house prices from reliable features. About 2 % of the recorded prices "
            "are typos (an extra zero), and you want a typical price. Which loss do you choose?"
        ),
        choices=(
            Choice(
                "MSE: it is maximum likelihood and the fastest to optimise.",
                correct=False,
                explanation=(
                    "Maximum likelihood for Gaussian noise, which typos are not. A few prices ten "
                    "times too high drag an MSE fit towards them (section 5)."
                ),
            ),
            Choice(
                "Huber with $\\delta$ a small multiple of the typical error (or the MAE).",
                correct=True,
                explanation=(
                    "Right. The targets are sometimes wrong and the inputs trustworthy: a bounded "
                    "gradient stops the typos from dominating, while ordinary errors are treated "
                    "quadratically (sections 4, 5 and 10). Exercise 3.8 sets $\\delta$ from the "
                    "data."
                ),
            ),
            Choice(
                "Poisson NLL, since prices are positive.",
                correct=False,
                explanation=(
                    "No: the Poisson likelihood is for counts whose variance equals their mean. "
                    "Positivity alone does not make it fit, and it does not protect against typos."
                ),
            ),
            Choice(
                "The pinball loss at $\\tau = 0.98$, to skip the 2 % of typos.",
                correct=False,
                explanation=(
                    "No: that would estimate the 98th percentile of prices given the features, a "
                    "high price, not a typical one."
                ),
            ),
        ),
    ),
    Question(
        id="3.q11",
        prompt=(
            "An electricity supplier forecasts tomorrow's demand. Buying too little costs four "
            "times as much per unit as buying too much. Which loss and setting match this "
            "decision?"
        ),
        choices=(
            Choice(
                "The MSE, then add a safety margin by hand.",
                correct=False,
                explanation=(
                    "The MSE estimates the mean and treats both errors alike; a margin chosen by "
                    "hand ignores how the spread varies. The pinball loss builds the costs in."
                ),
            ),
            Choice(
                "The pinball loss with $\\tau = 0.8$.",
                correct=True,
                explanation=(
                    "Right. Matching the prices, $\\tau / (1 - \\tau) = 4$, gives $\\tau = "
                    "c_\\text{under} / (c_\\text{under} + c_\\text{over}) = 0.8$: the forecast is "
                    "the 0.8-quantile of demand, which minimises the expected cost (section 7)."
                ),
            ),
            Choice(
                "The pinball loss with $\\tau = 0.2$.",
                correct=False,
                explanation=(
                    "The prices are swapped: under-prediction is the expensive error, so the "
                    "forecast must lean high, above the median."
                ),
            ),
            Choice(
                "The MAE, which is robust.",
                correct=False,
                explanation=(
                    "The MAE prices both errors alike and estimates the median. Robustness is not "
                    "the issue here; the asymmetric cost is."
                ),
            ),
        ),
    ),
    Question(
        id="3.q12",
        prompt=(
            "Your targets are in euros and ordinary residuals are around 200. You replace the MSE "
            "by log-cosh without rescaling the targets. How does the fit behave?"
        ),
        choices=(
            Choice(
                "Like the MSE, since log-cosh is $\\approx r^2/2$.",
                correct=False,
                explanation=(
                    "Only near zero: log-cosh bends at a residual of about 1 *target unit*. At "
                    "200 euros it is far into its linear part."
                ),
            ),
            Choice(
                "Almost like the MAE: nearly every residual is in log-cosh's linear part, $|r| - "
                "\\log 2$.",
                correct=True,
                explanation=(
                    "Right. The gap to $|r| - \\log 2$ is below $10^{-8}$ from $r = 10$ on "
                    "(section 4), so every ordinary point already pulls with force $\\tanh r "
                    "\\approx 1$. Scale the targets so that ordinary residuals are below about 1, "
                    "as you would choose Huber's $\\delta$ (section 10)."
                ),
            ),
            Choice(
                "Like Huber with a $\\delta$ that adapts to the data.",
                correct=False,
                explanation=(
                    "No: log-cosh has no parameter and a fixed scale, 1 unit of the target. "
                    "Nothing in it adapts to the size of your residuals."
                ),
            ),
        ),
    ),
)
