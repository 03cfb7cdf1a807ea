"""Quiz questions of chapter 11, "Capstone: choose and defend a loss on real data"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="11.q1",
        prompt=(
            "Under-predicting a patient's progression costs 3 per point, over-predicting costs "
            "1. A linear model trained with the MSE and one trained with Huber's loss both "
            "cost far more on validation data than one trained with the quantile loss at "
            "$\\tau = 0.75$. What is the most likely reason?"
        ),
        choices=(
            Choice(
                "The diabetes data have outliers, and the quantile loss is robust to them.",
                correct=False,
                explanation=(
                    "Robustness is not the issue: Huber's and Barron's losses are robust too, "
                    "and they cost as much as the MSE. What differs is the statistic each "
                    "loss targets, a centre or a quantile."
                ),
            ),
            Choice(
                "The MSE and Huber's loss estimate a centre of the target (its conditional "
                "mean, or something between mean and median), but the cost is lowest at its "
                "0.75-quantile.",
                correct=True,
                explanation=(
                    "Right. Each loss answers a question: the squared error's best prediction "
                    "is the mean, the absolute error's the median, the pinball loss's the "
                    "$\\tau$-quantile. Under-predicting costs three times more, so the best "
                    "prediction sits above the centre, where only the quantile loss aims."
                ),
            ),
            Choice(
                "The quantile loss is convex and the MSE is not, so its optimiser converged "
                "better.",
                correct=False,
                explanation=(
                    "Both are convex in a linear model's parameters (the MSE is even solved "
                    "exactly by least squares). The gap comes from what is being estimated, "
                    "not from the optimisation."
                ),
            ),
            Choice(
                "The MSE penalises large errors more, so its model under-predicts most patients.",
                correct=False,
                explanation=(
                    "A least-squares fit aims at the mean; on these data it under-predicted "
                    "half of the patients (section 2), not most. The cost wants only a "
                    "quarter under-predicted."
                ),
            ),
        ),
    ),
    Question(
        id="11.q2",
        prompt=(
            "Two models are scored by 5-fold cross-validation on the same 442 patients: mean "
            "cost $70.4 \\pm 2.7$ and $70.8 \\pm 2.5$ (standard errors over patients). Their "
            "paired difference, patient by patient, is $0.4 \\pm 0.9$. What can you conclude?"
        ),
        choices=(
            Choice(
                "The first model is better, because its mean cost is lower.",
                correct=False,
                explanation=(
                    "A lower number is not a better model when the difference is inside its "
                    "error bar: another split could reverse the order. Report the difference "
                    "with its error bar."
                ),
            ),
            Choice(
                "The error bars of the two means overlap, so the order would stay uncertain "
                "even if the means had been 3 apart (say 70.4 and 73.4) with a paired "
                "difference of $3.0 \\pm 0.9$.",
                correct=False,
                explanation=(
                    "Overlapping error bars of the two means do not settle it: both models "
                    "meet the same hard and easy patients, and the paired difference removes "
                    "that shared spread. A paired difference of $3.0 \\pm 0.9$ would be more "
                    "than three standard errors from 0."
                ),
            ),
            Choice(
                "Nothing about which is cheaper: the paired difference is well within its "
                "error bar, so the data cannot tell the two apart.",
                correct=True,
                explanation=(
                    "Right. The paired difference is the comparison that matters, and 0.4 is "
                    "under half of one standard error. Say so, then choose by another criterion "
                    "(simplicity, what the model is used for) and check over other splits."
                ),
            ),
        ),
    ),
    Question(
        id="11.q3",
        prompt=(
            "A missed cancer costs 10, a needless biopsy 1. Model A is trained with the "
            "cross-entropy and flags at $p \\ge 1/11$; model B is trained with the "
            "cross-entropy weighted 10 : 1 and flags at $p \\ge 0.5$. Their costs on "
            "validation are within error bars. Which statement is true?"
        ),
        choices=(
            Choice(
                "A's probabilities are closer to calibrated; B's are inflated, so B's "
                "'probability' of 0.3 does not mean a 30 % risk.",
                correct=True,
                explanation=(
                    "Right. Weighting the positives multiplies the odds the model learns by "
                    "about 10, so B's scores overstate the risk; the chapter finds a worse "
                    "Brier score and ECE for B on every seed. Both rules flag about the same "
                    "patients, which is why their costs agree."
                ),
            ),
            Choice(
                "B is better, because its threshold 0.5 needs no knowledge of the costs.",
                correct=False,
                explanation=(
                    "The costs went into B's training instead, through the weights: change the "
                    "costs and B must be retrained, while A only moves its threshold."
                ),
            ),
            Choice(
                "Both are calibrated, since both were trained with a cross-entropy.",
                correct=False,
                explanation=(
                    "Only the unweighted cross-entropy is a proper scoring rule for the true "
                    "probability. The weighted one is minimised by a distorted probability, "
                    "the one that makes 0.5 the cost-based threshold."
                ),
            ),
        ),
    ),
    Question(
        id="11.q4",
        prompt=(
            "On the imbalanced screening data (12 % malignant) a model has ROC AUC 0.98. "
            "Which number best tells a doctor how many of the flagged tumours will turn out "
            "malignant?"
        ),
        choices=(
            Choice(
                "The ROC AUC: 98 % of the flagged tumours are malignant.",
                correct=False,
                explanation=(
                    "ROC AUC is the probability that a random malignant tumour outscores a "
                    "random benign one, a statement about ranking, not about the share of "
                    "alarms that are right."
                ),
            ),
            Choice(
                "The precision at the chosen threshold (and the precision-recall curve around "
                "it), read against the base rate of 12 %.",
                correct=True,
                explanation=(
                    "Right. Precision is the share of flagged cases that are positive, at the "
                    "base rate of the data; ROC AUC ignores the base rate (chapter 7) and can "
                    "stay high while most alarms are false."
                ),
            ),
            Choice(
                "The accuracy at the threshold.",
                correct=False,
                explanation=(
                    "Accuracy mixes both classes and is dominated by the 88 % benign tumours; "
                    "it says little about the flagged ones."
                ),
            ),
        ),
    ),
    Question(
        id="11.q5",
        prompt=(
            "Over 12 seeds of the subsample and split, the weighted cross-entropy was cheaper "
            "than the cross-entropy at the cost-based threshold in 8 seeds (by more than two "
            "standard errors in 4) and costlier in 4 (never by more than two standard "
            "errors). What should the write-up say?"
        ),
        choices=(
            Choice(
                "That the weighted cross-entropy is better: it wins in two thirds of the seeds.",
                correct=False,
                explanation=(
                    "The lean is real information, but in 8 of the 12 seeds one split alone "
                    "could not have shown it, and the seeds share most of their data, so they "
                    "are not independent trials. 'Better' needs a difference beyond its error "
                    "bar, and a statement of how large it is."
                ),
            ),
            Choice(
                "Nothing: the result changes with the seed, so the analysis is unreliable "
                "and should not be reported.",
                correct=False,
                explanation=(
                    "A result that depends on the seed is a finding about the size of the "
                    "effect relative to the noise. Report it with its numbers rather than "
                    "hide it."
                ),
            ),
            Choice(
                "That the weighted loss leans cheaper, but the difference is within its error "
                "bar in two thirds of the seeds, so cost alone does not clearly decide between "
                "them.",
                correct=True,
                explanation=(
                    "Right. Report both counts and what they mean; the decision then rests on "
                    "the size of the possible gain, on the criteria that do separate the "
                    "candidates (here, calibration), or on more data."
                ),
            ),
        ),
    ),
)
