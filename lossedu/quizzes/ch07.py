"""Quiz questions of chapter 7, "Validation curves and metrics beyond loss"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="7.q1",
        prompt=(
            "A colleague tries 15 polynomial degrees, keeps the one with the lowest *test* "
            "loss, and reports that test loss as the model's expected loss on new data. "
            "What is wrong?"
        ),
        choices=(
            Choice(
                "Nothing: the test set was never used for *training*, so its loss is honest.",
                correct=False,
                explanation=(
                    "Choosing a hyperparameter with a data set is a form of fitting to it. The "
                    "test loss is unbiased only if nothing was ever chosen with it (section 5)."
                ),
            ),
            Choice(
                "The reported number is biased downwards: the test set was used to choose, so "
                "part of 'lowest' is luck. Choose on validation data and use the test set "
                "once, at the end.",
                correct=True,
                explanation=(
                    "Right. The minimum of 15 noisy losses understates the chosen model's loss "
                    "on new data; in section 5 the validation loss of the chosen degree was "
                    "0.069 ± 0.022 below its test loss on average. Choosing with the test set "
                    "makes it a second validation set, and nothing unbiased is left."
                ),
            ),
            Choice(
                "Only the wording: 'test' and 'validation' are two names for the same held-out "
                "data.",
                correct=False,
                explanation=(
                    "They have different jobs: the validation set is used to choose, and is "
                    "therefore optimistic; the test set is kept untouched to report once "
                    "(sections 1 and 5)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q2",
        prompt=(
            "A network's mean squared errors (noise variance 0.16): epoch 10, training 0.345 "
            "and validation 0.554; epoch 1704, 0.106 and 0.236 (the lowest validation loss); "
            "epoch 3000, 0.057 and 0.500. Which snapshot shows overfitting?"
        ),
        choices=(
            Choice(
                "Epoch 1704: its training loss, 0.106, is already below the noise variance.",
                correct=False,
                explanation=(
                    "A fitted model's training loss tends to be below the noise variance, "
                    "because its parameters were chosen to make exactly that number small. "
                    "Epoch 1704 has the *lowest* validation loss: it is the best of the three "
                    "(section 2)."
                ),
            ),
            Choice(
                "Epoch 10: the gap between validation and training loss is already 0.209.",
                correct=False,
                explanation=(
                    "At epoch 10 the training loss itself is far above the noise variance: the "
                    "model cannot yet follow the data. That is underfitting; a gap alone does "
                    "not make overfitting (section 2)."
                ),
            ),
            Choice(
                "Epoch 3000: the training loss kept falling while the validation loss doubled "
                "from its minimum.",
                correct=True,
                explanation=(
                    "Right. Overfitting is the validation loss rising while the training loss "
                    "falls: the model now fits the noise of the training points (section 2)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q3",
        prompt=(
            "Polynomial fits on 30 training and 15 validation points (noise variance 0.16): "
            "degree 1 has training loss 0.278 and validation loss 0.128. How do you read this?"
        ),
        choices=(
            Choice(
                "Degree 1 underfits (its training loss is far above the noise variance); its "
                "low validation loss on 15 points is partly luck of the split.",
                correct=True,
                explanation=(
                    "Right. A line cannot follow the sine, so its training loss stays high. "
                    "A loss on 15 points is a noisy number: a validation loss below the "
                    "training loss can happen by chance, and says nothing about a model "
                    "'generalising better than it fits' (sections 4 and 11)."
                ),
            ),
            Choice(
                "Degree 1 generalises better than it fits, so it is the best model.",
                correct=False,
                explanation=(
                    "Degree 3 has a lower validation loss (0.099), and degree 1's training "
                    "loss shows that a line misses the curve. A validation loss below the "
                    "training loss is noise, not a virtue (section 4)."
                ),
            ),
            Choice(
                "There must be a bug: a validation loss can never be below the training loss.",
                correct=False,
                explanation=(
                    "On average over many splits it is not, but on one small split it can be: "
                    "the 15 validation points may happen to lie close to the line (section 4)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q4",
        prompt=(
            "A validation curve is bumpy: an early dip at epoch 3, and its overall minimum at "
            "epoch 1704 of 3000. Early stopping with patience 5 stops after epoch 8 and keeps "
            "epoch 3. Predict what a patience of 500 does."
        ),
        choices=(
            Choice(
                "The same epoch is kept: the patience only changes when training stops.",
                correct=False,
                explanation=(
                    "Early stopping keeps the best epoch *seen before stopping*. Stopping "
                    "later lets it see better epochs (section 3; exercise 7.3)."
                ),
            ),
            Choice(
                "It waits through the bumps, reaches the minimum near epoch 1704, keeps it, "
                "and stops about 500 epochs later.",
                correct=True,
                explanation=(
                    "Right. The patience trades training time against the chance of stopping "
                    "at an early local dip: in section 3, patience 500 stopped after epoch 2204 "
                    "and kept epoch 1704."
                ),
            ),
            Choice(
                "It overfits: a smaller patience is always safer.",
                correct=False,
                explanation=(
                    "Whatever the patience, the weights kept are those of the lowest "
                    "validation loss seen, and a longer patience can only find a lower one; "
                    "what it costs is training time (section 3)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q5",
        prompt=(
            "You lower a classifier's decision threshold from 0.5 to 0.1 on the same "
            "validation set. What can you predict before computing anything?"
        ),
        choices=(
            Choice(
                "Both precision and recall rise: more examples are classified.",
                correct=False,
                explanation=(
                    "Every example is classified at either threshold. The extra predicted "
                    "positives include false alarms, which usually lower precision "
                    "(section 7)."
                ),
            ),
            Choice(
                "Recall falls, because the model becomes stricter.",
                correct=False,
                explanation=(
                    "A *lower* threshold is less strict: more examples pass it, so more "
                    "positives are found (section 7)."
                ),
            ),
            Choice(
                "Recall rises or stays the same; precision usually falls, but not necessarily.",
                correct=True,
                explanation=(
                    "Right. A lower threshold only adds predicted positives, so no true "
                    "positive is lost and recall cannot fall. Precision depends on whether the "
                    "added examples are mostly negatives, which is usual but not certain "
                    "(section 7)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q6",
        prompt=(
            "A fraud detector is evaluated on transactions of which 1 % are fraud and reaches "
            "99 % accuracy. What should you check first?"
        ),
        choices=(
            Choice(
                "Recall, precision and the confusion matrix: the classifier that always says "
                "'no fraud' also has 99 % accuracy.",
                correct=True,
                explanation=(
                    "Right. With 1 % positives, accuracy is dominated by the negatives; in "
                    "section 8 the always-negative classifier reached 0.990 accuracy with "
                    "recall 0."
                ),
            ),
            Choice(
                "Nothing: 99 % accuracy is excellent.",
                correct=False,
                explanation=(
                    "Judge a number against a baseline: here 99 % is exactly what ignoring "
                    "the inputs achieves (section 8)."
                ),
            ),
            Choice(
                "Whether the training set had 99 % accuracy too.",
                correct=False,
                explanation=(
                    "Comparing with the training accuracy speaks about overfitting, not about "
                    "whether the model finds any fraud; that needs recall (section 8)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q7",
        prompt=(
            "On a validation set with 10 % positives, a classifier's cross-entropy is 0.40 "
            "nats. The base-rate prediction has $H(0.1) \\approx 0.325$. What is the skill "
            "score, and what does it say?"
        ),
        choices=(
            Choice(
                "About 0.60, since $1 - 0.40 = 0.60$.",
                correct=False,
                explanation=(
                    "The skill score compares with the zero-skill reference, the base rate's "
                    "loss, not with 1: $1 - L_{\\text{model}}/L_{\\text{base}}$ (section 6)."
                ),
            ),
            Choice(
                "About $-0.23$: the model is worse than predicting 0.1 for everyone.",
                correct=True,
                explanation=(
                    "Right. $\\mathrm{SS} = 1 - 0.40/0.325 \\approx -0.23$. A negative skill "
                    "score means the inputs made the predictions worse than ignoring them, "
                    "for example through over-confident mistakes (section 6)."
                ),
            ),
            Choice(
                "Positive, because 0.40 is below $\\log 2 \\approx 0.693$, the loss of a coin "
                "flip.",
                correct=False,
                explanation=(
                    "With 10 % positives a coin flip is a poor reference: the base rate 0.1 "
                    "does better than 0.5 for everyone, and no input-blind prediction beats it "
                    "(section 6)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q8",
        prompt=(
            "The same classifier is scored on two test sets whose classes have the same score "
            "distributions, one with 10 % positives and one with 1 %. What do you expect of "
            "the ROC AUC and the average precision?"
        ),
        choices=(
            Choice(
                "Both fall: rarer positives are harder to find.",
                correct=False,
                explanation=(
                    "Each positive is as easy to rank as before; only the number of negatives "
                    "per positive changed, which the ROC curve does not see (section 9)."
                ),
            ),
            Choice(
                "Both stay the same: the classifier has not changed.",
                correct=False,
                explanation=(
                    "The classifier has not, but precision depends on the base rate "
                    "$\\pi$: $\\pi\\,\\mathrm{TPR} / (\\pi\\,\\mathrm{TPR} + (1 - \\pi)\\,"
                    "\\mathrm{FPR})$ (section 9)."
                ),
            ),
            Choice(
                "The ROC AUC stays about the same; the average precision falls.",
                correct=True,
                explanation=(
                    "Right. Both ROC rates are computed within one class, so the share of "
                    "positives does not move them; precision mixes the classes, and with fewer "
                    "positives the same false-positive rate buys more false alarms per true "
                    "positive. In section 9 the AP fell from 0.81 to 0.48."
                ),
            ),
        ),
    ),
    Question(
        id="7.q9",
        prompt=(
            "A miss costs 5 times a false alarm, so with calibrated probabilities the best "
            "threshold is $1/(1 + 5) = 1/6$. Now the model's probabilities are squashed "
            "towards 0.5 (same ranking, so the same ROC AUC). What happens at the threshold "
            "1/6?"
        ),
        choices=(
            Choice(
                "It is no longer the cheapest: the formula needs calibrated probabilities. "
                "Recalibrate, or choose the threshold by cost on validation data.",
                correct=True,
                explanation=(
                    "Right. The squashed probabilities put the old threshold elsewhere (near "
                    "0.31 in section 10), and at 1/6 the cost was clearly higher, by many "
                    "standard errors."
                ),
            ),
            Choice(
                "Nothing: the ranking is the same, so every threshold gives the same cost.",
                correct=False,
                explanation=(
                    "The ranking is the same, but a given *number* now sits at another place "
                    "in the ranking, so the threshold 1/6 flags a different set of examples "
                    "(section 10)."
                ),
            ),
            Choice(
                "The model has become worse at separating the classes, so no threshold can "
                "reach the old cost.",
                correct=False,
                explanation=(
                    "The ROC AUC is unchanged and so are the achievable decisions: the best "
                    "threshold on the squashed probabilities reaches about the old cost "
                    "(section 10)."
                ),
            ),
        ),
    ),
    Question(
        id="7.q10",
        prompt=(
            "With 45 data points, 100 random 30/15 splits chose polynomial degrees anywhere "
            "from 1 to 10; 5-fold cross-validation chose degrees 3 to 6 in 97 of 100 "
            "shuffles. What is the lesson?"
        ),
        choices=(
            Choice(
                "A single split is fine: on average it chooses the right degree.",
                correct=False,
                explanation=(
                    "You only ever get one split, not the average. With 15 validation points "
                    "a single split chose degree 1, 2 or 8 to 10 in 27 of the 100 seeds "
                    "(section 11)."
                ),
            ),
            Choice(
                "On a small data set one validation split is a noisy judge: average over "
                "folds, and prefer the simplest model within one standard error of the best.",
                correct=True,
                explanation=(
                    "Right. Each point is validated once and the k losses are averaged, which "
                    "steadies the choice; the one-standard-error rule adds a preference for "
                    "simplicity among models the data cannot tell apart (section 11)."
                ),
            ),
            Choice(
                "Cross-validation's standard error is exact, so the degree it picks is "
                "certainly the best.",
                correct=False,
                explanation=(
                    "The folds share training points, so their losses are not independent and "
                    "no unbiased estimate of the variance exists; the standard error is a "
                    "rough guide (section 11)."
                ),
            ),
        ),
    ),
)
