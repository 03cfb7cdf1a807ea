"""Quiz questions of chapter 5, "Loss and optimisation"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="5.q1",
        prompt=(
            "You try to train a linear classifier by plain gradient descent directly on its "
            "error rate (the zero-one loss), from a start that misclassifies a third of the "
            "points. What happens?"
        ),
        choices=(
            Choice(
                "It converges slowly but surely, since it optimises the quantity we care about.",
                correct=False,
                explanation=(
                    "Optimising the right quantity does not help if its gradient carries no "
                    "information: a step needs a non-zero slope to go anywhere (section 1)."
                ),
            ),
            Choice(
                "The weights do not move: the error rate is flat between data points, so its "
                "gradient is 0 wherever it exists.",
                correct=True,
                explanation=(
                    "Right. The error rate changes only when the boundary crosses a point; "
                    "everywhere else its slope is exactly 0, so $w - \\eta \\cdot 0 = w$. This "
                    "is why classifiers are trained on a surrogate such as the cross-entropy "
                    "and *evaluated* on the error rate (section 1)."
                ),
            ),
            Choice(
                "It diverges: the error rate's gradient is infinite at the data points.",
                correct=False,
                explanation=(
                    "At the jumps the derivative does not exist, but gradient descent almost "
                    "never lands exactly there; between them the slope is 0, so the weights "
                    "simply stay where they are (section 1)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q2",
        prompt=(
            "On the double well of section 2, gradient descent with learning rate 0.05 from "
            "a start right of the ridge ends in the local minimum, about 0.6 above the global "
            "one. Which change makes that run reach the global minimum?"
        ),
        choices=(
            Choice(
                "A start on the other side of the ridge.",
                correct=True,
                explanation=(
                    "Right. With small steps gradient descent only walks downhill, so the "
                    "basin it starts in decides the minimum it reaches: on a non-convex loss "
                    "the start matters (section 2)."
                ),
            ),
            Choice(
                "A smaller learning rate, so that it does not skip the global minimum.",
                correct=False,
                explanation=(
                    "A smaller step follows the downhill slope even more faithfully, and the "
                    "slope on this side of the ridge leads to the local minimum. The run did "
                    "not skip anything; it never climbed the ridge (section 2)."
                ),
            ),
            Choice(
                "More steps: gradient descent always finds the lowest point eventually.",
                correct=False,
                explanation=(
                    "At a local minimum the gradient is 0, so further steps do not move the "
                    "weights. A convex loss has no local minimum other than the global one; this "
                    "double well has one (section 2)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q3",
        prompt=(
            "From a confidently wrong start, at the shared learning rate 0.5, logistic "
            "regression needed 208 epochs under the squared error on the sigmoid and 8 under "
            "the cross-entropy to stay below a cross-entropy of 0.2; with each loss at its "
            "best learning rate of a grid, 7 and 1. What do these numbers support?"
        ),
        choices=(
            Choice(
                "The squared error trains about 26 times slower than the cross-entropy, in "
                "general.",
                correct=False,
                explanation=(
                    "That ratio holds for one learning rate that is far too small for the "
                    "squared error, whose gradient is at most half the cross-entropy's. "
                    "Compare losses (or optimisers) only after tuning each (section 3)."
                ),
            ),
            Choice(
                "The two losses lead to different fitted models: the squared error aims at "
                "the wrong parameters.",
                correct=False,
                explanation=(
                    "Both losses are proper: a model that can represent the true probabilities "
                    "aims, on plenty of data, at the same parameters under either. They differ "
                    "in how fast gradient descent gets there (section 3)."
                ),
            ),
            Choice(
                "The squared error's gradient vanishes on confident mistakes, but most of the "
                "26-fold gap came from a learning rate that suited only the cross-entropy.",
                correct=True,
                explanation=(
                    "Right. The plateau is real (the factor $p(1-p)$ kills the gradient), but "
                    "a fair comparison tunes each loss: then the gap shrinks to 7 against 1. "
                    "What remains is that the squared error's best step depends on how wrong "
                    "the model is (section 3)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q4",
        prompt=(
            "Gradient descent runs on $f(w) = 0.1\\, w_1^2 + 2\\, w_2^2$ (curvatures 0.2 and "
            "4, stability bound $2/4 = 0.5$) from a start where both coordinates are non-zero. "
            "Which of these learning rates makes the loss fall fastest in the long run?"
        ),
        choices=(
            Choice(
                "0.49, the largest stable rate of the four.",
                correct=False,
                explanation=(
                    "Close to the bound the steep coordinate barely shrinks: "
                    "$|1 - 0.49 \\cdot 4| = 0.96$ per step. The largest stable rate is not the "
                    "fastest; the best constant rate here is $2/(0.2 + 4) \\approx 0.476$ "
                    "(sections 6 and 9)."
                ),
            ),
            Choice(
                "0.4",
                correct=True,
                explanation=(
                    "Right. Each coordinate is multiplied by $1 - \\eta c$ per step, and the "
                    "slowest one sets the speed: for 0.4 the factors are $|1 - 1.6| = 0.6$ and "
                    "$1 - 0.08 = 0.92$, so 0.92; for 0.49 they are 0.96 and 0.902, so 0.96 "
                    "(section 6)."
                ),
            ),
            Choice(
                "0.51, just above the bound, since larger steps cover more ground.",
                correct=False,
                explanation=(
                    "Above $2/h_{\\max}$ the steep coordinate is multiplied by "
                    "$|1 - 0.51 \\cdot 4| = 1.04$ per step: it grows, and the loss rises "
                    "(section 6)."
                ),
            ),
            Choice(
                "0.02, since small steps are always the safest and most accurate.",
                correct=False,
                explanation=(
                    "Safe, but slow: the flat coordinate shrinks by only "
                    "$1 - 0.02 \\cdot 0.2 = 0.996$ per step. A rate that is too small shows as "
                    "a curve that falls steadily but far too slowly (section 6)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q5",
        prompt=(
            "Training with mini-batches of 8, the loss of each batch jumps between 0.6 and "
            "1.2 during the last epoch, while its exponential moving average has been flat for "
            "several epochs. What do you conclude?"
        ),
        choices=(
            Choice(
                "The run is diverging: lower the learning rate at once.",
                correct=False,
                explanation=(
                    "Divergence shows as a *trend* upwards (or NaN), not as scatter around a "
                    "flat average. Scatter alone is the sampling noise of the batches "
                    "(sections 6 and 7)."
                ),
            ),
            Choice(
                "The model is far from the minimum: a loss that still changes by a factor 2 "
                "between steps has not converged.",
                correct=False,
                explanation=(
                    "The batch loss changes because the batch changes, not because the "
                    "weights do; it would jump like this even at the exact minimiser of the "
                    "full-data loss (section 7)."
                ),
            ),
            Choice(
                "The jumps are the noise of different batches; the flat average says the "
                "training loss has levelled off. Check it on all the training data (or a "
                "validation set) once per epoch.",
                correct=True,
                explanation=(
                    "Right. Each batch holds different examples, so batch losses scatter around "
                    "the full-data loss even at the optimum; the moving average shows the trend "
                    "(section 7)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q6",
        prompt=(
            "A linear regression's two features are in very different units, and the "
            "condition number of the MSE's Hessian is about 600. What does standardising the "
            "features (subtract the mean, divide by the standard deviation) do for gradient "
            "descent?"
        ),
        choices=(
            Choice(
                "It removes the part of $\\kappa$ that comes from the units and offsets, so "
                "gradient descent needs far fewer steps; the fitted model is the same in other "
                "units.",
                correct=True,
                explanation=(
                    "Right. Gradient descent's steps grow in proportion to "
                    "$\\kappa = h_{\\max}/h_{\\min}$, and the features' scales and offsets set "
                    "the Hessian $\\tfrac2n A^\\top A$. In section 9 standardising cut "
                    "$\\kappa$ from about 600 to about 1.1 and the steps from about a thousand "
                    "to 3 or 4. What remains of $\\kappa$ comes from the correlation between "
                    "the features (exercise 6.7). Standardising is a change of variables: the "
                    "weights convert back exactly."
                ),
            ),
            Choice(
                "It changes the predictions: the model fits the standardised data better.",
                correct=False,
                explanation=(
                    "Without a penalty, a linear model with an intercept can represent the same "
                    "functions in either units; only the path of the optimiser changes "
                    "(section 9). With a penalty, scaling does change the fit (chapter 6)."
                ),
            ),
            Choice(
                "Nothing: the learning rate can absorb any scale.",
                correct=False,
                explanation=(
                    "One learning rate cannot suit two curvatures 600 times apart: the steep "
                    "direction caps it at $2/h_{\\max}$, and then the flat direction crawls "
                    "(sections 6 and 9)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q7",
        prompt=(
            "On a steep wall of the loss the gradient's norm is in the thousands. What does "
            "clipping the gradient's norm to $c = 10$ before each step change?"
        ),
        choices=(
            Choice(
                "It turns the gradient towards the minimum, so training converges faster "
                "everywhere.",
                correct=False,
                explanation=(
                    "Clipping by norm rescales the gradient and keeps its direction; where the "
                    "norm is below $c$ it changes nothing at all (section 11)."
                ),
            ),
            Choice(
                "Each step keeps its direction but moves at most $\\eta c$: it prevents one "
                "huge step that throws the weights far away.",
                correct=True,
                explanation=(
                    "Right. $g \\leftarrow g \\min(1, c/\\lVert g\\rVert)$ only shortens long "
                    "gradients. It does not make the walk fast; it prevents the catastrophic "
                    "step (section 11)."
                ),
            ),
            Choice(
                "It is the same as dividing the learning rate by 100 for the whole run.",
                correct=False,
                explanation=(
                    "A smaller learning rate slows every step, also near the minimum where the "
                    "gradients are small. Clipping only acts on the steps whose gradient is "
                    "longer than $c$ (section 11)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q8",
        prompt=(
            "You tuned an L2 penalty for a model trained with SGD, then switch the optimiser "
            "to Adam and keep the same penalty. Predict the effect on the weights."
        ),
        choices=(
            Choice(
                "Nothing changes: an L2 penalty is weight decay, whatever the optimiser.",
                correct=False,
                explanation=(
                    "That equivalence holds for SGD only. Adam rescales every gradient it is "
                    "given, the penalty's included (section 12; exercise 5.7)."
                ),
            ),
            Choice(
                "Every weight is shrunk more, since Adam's steps are larger.",
                correct=False,
                explanation=(
                    "Adam's steps are about $\\eta$ per coordinate whatever the gradient's "
                    "size, so the penalty's share of a step depends on the loss gradient, not "
                    "on a uniform factor; weights with large loss gradients are shrunk *less* "
                    "(section 12)."
                ),
            ),
            Choice(
                "The regularisation changes: Adam divides the penalty's gradient by each "
                "coordinate's gradient size, so weights with large gradients are barely "
                "shrunk. Retune, or use AdamW's decoupled weight decay.",
                correct=True,
                explanation=(
                    "Right. Under SGD an L2 penalty and weight decay are the same update; under "
                    "Adam they differ, and a strength tuned for one does not transfer to the "
                    "other (section 12)."
                ),
            ),
        ),
    ),
    Question(
        id="5.q9",
        prompt=(
            "A report shows Adam beating SGD with momentum on a task, both run with the "
            "learning rate 0.001 and default settings. What can you conclude?"
        ),
        choices=(
            Choice(
                "Adam is the better optimiser for this task.",
                correct=False,
                explanation=(
                    "Only for that one setting. The comparison says which optimiser suits "
                    "0.001, not which one is better (section 4)."
                ),
            ),
            Choice(
                "Little: one learning rate can suit one optimiser and not the other. Tune "
                "each on the same grid and budget, then compare.",
                correct=True,
                explanation=(
                    "Right. An optimiser with a badly chosen learning rate can lose to one it "
                    "would beat with a good rate; on the bowl of section 4, tuned momentum beat "
                    "tuned Adam, and the order can change from one loss to another."
                ),
            ),
            Choice(
                "Adam is the better optimiser in general: it adapts its steps.",
                correct=False,
                explanation=(
                    "No optimiser wins everywhere: on the noiseless quadratic of section 4 "
                    "Adam came last after tuning. Its per-coordinate scaling helps with noisy "
                    "gradients of very different scales."
                ),
            ),
        ),
    ),
    Question(
        id="5.q10",
        prompt=(
            "A full-batch training-loss curve starts at 8, creeps down to about 5.5 over 150 "
            "epochs (under 1 % per epoch), then drops to below 0.2 within the next 60 "
            "epochs. Which explanation fits best?"
        ),
        choices=(
            Choice(
                "A plateau: the gradient was tiny at the start (for example a confidently "
                "wrong sigmoid under the squared error), not a minimum.",
                correct=True,
                explanation=(
                    "Right. A flat stretch followed by a drop means the weights were moving "
                    "slowly where the gradient had nearly vanished, then reached a region "
                    "with a useful gradient (section 3). A larger learning rate or a loss "
                    "whose gradient does not vanish (the cross-entropy) shortens it."
                ),
            ),
            Choice(
                "The learning rate was too large at first and then became right.",
                correct=False,
                explanation=(
                    "A learning rate above the stability bound makes the loss *rise* or "
                    "oscillate, not stay flat (section 6); and a constant rate does not change "
                    "during the run."
                ),
            ),
            Choice(
                "Training had converged to a minimum and then jumped to a better one by luck.",
                correct=False,
                explanation=(
                    "Full-batch gradient descent is deterministic and has no luck; at a "
                    "minimum the gradient is 0 and the weights stay there (section 2). A slow, "
                    "steady drift on a plateau is what eventually reaches the drop."
                ),
            ),
        ),
    ),
)
