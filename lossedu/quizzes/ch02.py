"""Quiz questions of chapter 2, "Error versus loss"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="2.q1",
        prompt=(
            "Two predictions miss their targets by 0.5 m and by 2 m. Which statement about their "
            "squared errors is true in any units?"
        ),
        choices=(
            Choice(
                "Squaring makes every error smaller, since $0.5^2 = 0.25$.",
                correct=False,
                explanation=(
                    "No: squaring shrinks the numbers below 1 and enlarges those above 1; even in "
                    "metres the 2 m error squares to 4. Which errors lie below 1 depends on the "
                    "units (in centimetres, 50 cm squares to 2500); the ratio between two errors "
                    "does not (section 1)."
                ),
            ),
            Choice(
                "The larger error counts 16 times as much as the smaller one, against 4 times in "
                "absolute terms.",
                correct=True,
                explanation=(
                    "Right. Squaring weighs each error by its own size, so it squares the ratio "
                    "between two errors, $(2/0.5)^2 = 16$, in metres, centimetres or any unit. "
                    "That is why one large error can dominate a squared loss."
                ),
            ),
            Choice(
                "Both count the same, because the loss is an average.",
                correct=False,
                explanation=(
                    "No: averaging divides every error by the same $n$, so it keeps the ratios "
                    "between them. The squared errors still differ sixteenfold."
                ),
            ),
        ),
    ),
    Question(
        id="2.q2",
        prompt=(
            "One target of eight is mistyped, so that its absolute error becomes a hundred times "
            "the others'. Which aggregation of the absolute errors barely moves?"
        ),
        choices=(
            Choice(
                "The mean.",
                correct=False,
                explanation=(
                    "No: the mean adds the large error in, divided by 8. In section 3 a slip of 4 "
                    "raised the mean absolute error from 0.20 to 0.70."
                ),
            ),
            Choice(
                "The max.",
                correct=False,
                explanation=(
                    "No: the max *is* the worst error, so it follows the mistyped point all the "
                    "way (section 3: from 0.37 to 4.30)."
                ),
            ),
            Choice(
                "The median.",
                correct=True,
                explanation=(
                    "Right. The median is the middle of the ranked errors: one error, however "
                    "large, moves it by at most one place in the ranking. In section 3 it stayed "
                    "at 0.21."
                ),
            ),
            Choice(
                "The sum, since the other seven errors do not change.",
                correct=False,
                explanation=(
                    "No: the sum is $n$ times the mean and grows by exactly as much as the one "
                    "error grows."
                ),
            ),
        ),
    ),
    Question(
        id="2.q3",
        prompt=(
            "You evaluate a model on a data set, then on the same data set with every example "
            "copied twice. What happens to the mean and to the sum of the squared errors?"
        ),
        choices=(
            Choice(
                "The mean stays the same; the sum doubles.",
                correct=True,
                explanation=(
                    "Right. Every error appears twice, so the sum doubles and so does $n$; their "
                    "ratio, the mean, does not change. That is why losses are usually means: they "
                    "compare across data sets of different sizes."
                ),
            ),
            Choice(
                "Both double.",
                correct=False,
                explanation=(
                    "Not the mean: it divides the doubled sum by the doubled count. Only "
                    '`reduction="sum"` grows with the size of the data set.'
                ),
            ),
            Choice(
                "Both stay the same.",
                correct=False,
                explanation=(
                    "Not the sum: it adds every error, and there are now twice as many. The sum "
                    "is $n$ times the mean (section 3)."
                ),
            ),
        ),
    ),
    Question(
        id="2.q4",
        prompt=(
            "A figure shows 60 validation points, the model's prediction for each, and a dotted "
            "vertical segment from each target to its prediction. What does the length of one "
            "segment show?"
        ),
        choices=(
            Choice(
                "That point's absolute error, $|\\hat y_i - y_i|$.",
                correct=True,
                explanation=(
                    "Right. Each segment is one per-point error drawn as a distance "
                    "(`plotting.plot_errors`, section 2). Its square would be the point's squared "
                    "error, and the mean of the squares the MSE."
                ),
            ),
            Choice(
                "The uncertainty of the model's validation loss.",
                correct=False,
                explanation=(
                    "No: the segments are errors of single predictions, a plot of data. The "
                    "uncertainty of the loss, one number, is an error bar of a different kind: "
                    "about two standard errors of the mean (section 6)."
                ),
            ),
            Choice(
                "That point's squared error.",
                correct=False,
                explanation=(
                    "No: the segment is drawn in the units of the target, so its length is the "
                    "absolute error. The squared error would be in squared units."
                ),
            ),
        ),
    ),
    Question(
        id="2.q5",
        prompt=(
            "A run's training loss falls at every epoch. Its validation loss fell until epoch 550 "
            "and has risen since, by two orders of magnitude. What is the diagnosis, and what do "
            "you do?"
        ),
        choices=(
            Choice(
                "Still learning: train longer, since the training loss is still falling.",
                correct=False,
                explanation=(
                    "No: a falling training loss only says the model fits its training points "
                    "better. Training longer makes the validation loss worse still; the rising "
                    "validation loss is the signal that matters (section 4)."
                ),
            ),
            Choice(
                "Overfitting: keep the parameters of the best validation epoch, or regularise or "
                "add data.",
                correct=True,
                explanation=(
                    "Right. Training falls while validation rises: the model is learning the "
                    "noise of its training points. Early stopping keeps the parameters of the "
                    "best epoch (section 5), and chapter 6's penalties limit the fit."
                ),
            ),
            Choice(
                "Underfitting: use a richer model.",
                correct=False,
                explanation=(
                    "No: underfitting is a level, both losses flat and high. Here the training "
                    "loss is low and the model is already too flexible; a richer one would "
                    "overfit more."
                ),
            ),
            Choice(
                "The learning rate is too large: the loss diverges.",
                correct=False,
                explanation=(
                    "No: a diverging run's *training* loss grows too. Here only the validation "
                    "loss rises, so the optimiser works; the model generalises worse and worse."
                ),
            ),
        ),
    ),
    Question(
        id="2.q6",
        prompt=(
            "After 800 epochs a straight line has flat losses: training 0.13, validation 0.22. "
            "The noise level, the lowest loss any model can reach on new data, is 0.04. What is "
            "the diagnosis?"
        ),
        choices=(
            Choice(
                "Overfitting, because the validation loss is higher than the training loss.",
                correct=False,
                explanation=(
                    "No: a validation loss somewhat above the training loss is normal, since the "
                    "parameters were fitted to the training points. Overfitting is a validation "
                    "loss that *rises* while the training loss falls."
                ),
            ),
            Choice(
                "Converged: both curves are flat, so training is done.",
                correct=False,
                explanation=(
                    "Flat, yes, but far above the noise level: the optimiser has finished, and "
                    "the model is still poor. Converged *and* near the noise level is a good fit."
                ),
            ),
            Choice(
                "Underfitting: the family is too simple; try a richer model or other features.",
                correct=True,
                explanation=(
                    "Right. Both losses are flat and several times the noise level: no line can "
                    "follow the curve, whatever the optimiser does (section 4's bottom-left run)."
                ),
            ),
        ),
    ),
    Question(
        id="2.q7",
        prompt=(
            "A cubic fitted to 12 points has a training MSE of 0.027; the noise variance is 0.04, "
            "so no model can do better than 0.04 on new data on average. Does the training loss "
            "below 0.04 show overfitting?"
        ),
        choices=(
            Choice(
                "Yes: a loss below the noise level means the model has learned the noise.",
                correct=False,
                explanation=(
                    "Not on its own. A model fitted to its training points usually scores better "
                    "on them than on new ones; that alone is not overfitting, which shows as a "
                    "validation loss that rises while the training loss falls."
                ),
            ),
            Choice(
                "No: even the right family's expected training MSE is below the noise level, "
                "$\\sigma^2 (n - p)/n$, here about 0.027.",
                correct=True,
                explanation=(
                    "Right. Least squares with $p = 4$ parameters on $n = 12$ points chooses the "
                    "parameters to fit these very points, noise included, so on average it scores "
                    "$0.04 \\times 8/12$ on them (section 4). Judge overfitting by the validation "
                    "curve and the gap."
                ),
            ),
            Choice(
                "No: a training loss can never be below the noise level, so the noise level must "
                "be wrong.",
                correct=False,
                explanation=(
                    "No: the noise level bounds the loss on *new* data on average. A training "
                    "loss can go below it, down to 0 for a model with as many parameters as "
                    "points."
                ),
            ),
        ),
    ),
    Question(
        id="2.q8",
        prompt=(
            "Two models are evaluated on the same 60 points: validation MSE 0.0465 ± 0.0069 and "
            "0.0387 ± 0.0063 (± one standard error). What can you conclude?"
        ),
        choices=(
            Choice(
                "The second model is better: its loss is lower.",
                correct=False,
                explanation=(
                    "Not yet: the difference, 0.008, has to be compared with its own error bar. "
                    "Numbers measured on 60 points move by about a standard error from one sample "
                    "to the next."
                ),
            ),
            Choice(
                "The two models are equally good, since their error bars overlap.",
                correct=False,
                explanation=(
                    "No, twice. Overlapping bars do not show equality: a difference inside its "
                    "error bar only means the data cannot tell. And on shared examples the "
                    "separate bars overstate the uncertainty of the difference."
                ),
            ),
            Choice(
                "Compute the standard error of the paired differences: here it is 0.0042, and "
                "0.0078 is 1.85 of them, so these points cannot tell the models apart.",
                correct=True,
                explanation=(
                    "Right. Pairing cancels the noise both models share, so the paired standard "
                    "error (0.0042) is much smaller than the unpaired one (0.0093). Still, the "
                    "difference is less than two of them (section 6)."
                ),
            ),
        ),
    ),
    Question(
        id="2.q9",
        prompt=(
            "A validation loss measured on 100 examples has a standard error of 0.006. About how "
            "many examples do you need for a standard error of 0.003?"
        ),
        choices=(
            Choice(
                "200",
                correct=False,
                explanation=(
                    "No: the standard error shrinks like $1/\\sqrt n$, not $1/n$. Doubling the "
                    "examples divides it by $\\sqrt 2 \\approx 1.41$ only."
                ),
            ),
            Choice(
                "400",
                correct=True,
                explanation=(
                    "Right. $\\mathrm{SE} = s/\\sqrt n$, so halving it takes four times as many "
                    "examples; section 6's simulation shows the $1/\\sqrt n$ line."
                ),
            ),
            Choice(
                "10 000",
                correct=False,
                explanation=(
                    "No: that squares the number of examples. Halving $1/\\sqrt n$ needs $n$ four "
                    "times larger."
                ),
            ),
        ),
    ),
    Question(
        id="2.q10",
        prompt=(
            "Five cubics trained on five draws of 12 training points score 0.053, 0.281, 0.056, "
            "0.053 and 0.093 on 5000 test points, each with a standard error of about 0.001. "
            "Which "
            'number describes the uncertainty of the claim "a cubic trained on 12 points scores '
            'about 0.107"?'
        ),
        choices=(
            Choice(
                "The standard error of one model's test loss, 0.001.",
                correct=False,
                explanation=(
                    "No: 0.001 measures how precisely *one* trained model's loss is estimated on "
                    "5000 points. It ignores that another draw of the training points gives "
                    "another model."
                ),
            ),
            Choice(
                "The spread over the seeds, 0.098, and the standard error of their mean, 0.044.",
                correct=True,
                explanation=(
                    "Right. The claim is about the recipe, so its uncertainty is how much the "
                    "result varies from one training set to another (section 6). With 12 training "
                    "points that is a hundred times the evaluation error bar."
                ),
            ),
            Choice(
                "None: five seeds are too few for any error bar.",
                correct=False,
                explanation=(
                    "Five seeds give a rough error bar, not none. Report it, with the five "
                    "values, and more seeds make it more precise."
                ),
            ),
        ),
    ),
)
