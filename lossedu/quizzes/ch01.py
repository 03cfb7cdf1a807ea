"""Quiz questions of chapter 1, "The three steps of machine learning"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="1.q1",
        prompt=(
            "A straight line and a 49-parameter MLP are trained with the same loss on the same 40 "
            "points. The MLP's training MSE is fourteen times lower. What does that number alone "
            "tell you?"
        ),
        choices=(
            Choice(
                "That the MLP will also be about fourteen times better on new data.",
                correct=False,
                explanation=(
                    "No: a low training loss can come from fitting the noise. Here the MLP's "
                    "held-out loss is about eight times lower, not fourteen, and a model with as "
                    "many parameters as points can score below the noise level in training and "
                    "still predict badly (chapter 2, section 4)."
                ),
            ),
            Choice(
                "Only that the MLP fits these 40 training points more closely.",
                correct=True,
                explanation=(
                    "Right. A richer family can follow the data and also its noise, so a training "
                    "loss says nothing yet about new data. Section 1 scores both models on 1000 "
                    "new points for that reason (and chapter 2 shows a model whose training loss "
                    "falls while its loss on new data explodes)."
                ),
            ),
            Choice(
                "That the loss was badly chosen for the line.",
                correct=False,
                explanation=(
                    "No: both models were judged by the same referee. The line scores worse "
                    "because no line can follow the curve: its family, not its loss, limits it "
                    "(section 1)."
                ),
            ),
            Choice(
                "That the optimiser of the line stopped too early.",
                correct=False,
                explanation=(
                    "Not from this number. Even the best line, the least-squares one, cannot bend "
                    "to follow the waves; the gap comes from the family. To check an optimiser, "
                    "compare its result with the exact minimum, as section 4 does."
                ),
            ),
        ),
    ),
    Question(
        id="1.q2",
        prompt=(
            "You train a line by gradient descent on $L' = L + 100$, the MSE plus a constant, with "
            "the same learning rate and start. Predict what changes."
        ),
        choices=(
            Choice(
                "Training is slower, because the loss is larger.",
                correct=False,
                explanation=(
                    "No: the step is $\\eta \\nabla L$, and the gradient of a constant is 0. The "
                    "size of the loss value itself never enters the update."
                ),
            ),
            Choice(
                "The minimum moves to other parameters.",
                correct=False,
                explanation=(
                    "No: adding a constant changes no comparison between two models, so the model "
                    "with the lowest score is the same. (Multiplying the loss by a positive number "
                    "would not move the minimum either, but it would scale the gradient, like a "
                    "larger learning rate.)"
                ),
            ),
            Choice(
                "Nothing in the training: the same gradients, the same steps, the same final line.",
                correct=True,
                explanation=(
                    "Right. A constant shifts every score by the same amount, so the referee ranks "
                    "all models in the same order and the gradient, which is all the optimiser "
                    "uses, is unchanged. Only the printed loss values are 100 higher."
                ),
            ),
            Choice(
                "The loss is no longer a valid loss, since a perfect fit now scores 100.",
                correct=False,
                explanation=(
                    "No: a loss only has to score better models lower; its minimum need not be 0. "
                    "What matters for training is the ranking and the gradient."
                ),
            ),
        ),
    ),
    Question(
        id="1.q3",
        prompt=(
            "Which property makes a loss useless for training by gradient descent, whatever the "
            "learning rate?"
        ),
        choices=(
            Choice(
                "It is flat almost everywhere, so its gradient is 0 almost everywhere.",
                correct=True,
                explanation=(
                    "Right. Like the count of misses of section 2, such a loss gives the optimiser "
                    "no direction: a step against a zero gradient does not move at all."
                ),
            ),
            Choice(
                "It has a kink, a point where it has no derivative.",
                correct=False,
                explanation=(
                    "No: kinks are no obstacle by themselves. The absolute error has one at 0, the "
                    "hinge loss has one too, and both train well with a subgradient (section 2; "
                    "chapters 3 and 4)."
                ),
            ),
            Choice(
                "It is not convex in the parameters.",
                correct=False,
                explanation=(
                    "No: the MSE of a neural network is not convex in its weights (section 2), and "
                    "gradient descent trains it well. Without convexity, where descent ends may "
                    "depend on where it starts, but it still makes progress."
                ),
            ),
            Choice(
                "Its values are much larger than 1.",
                correct=False,
                explanation=(
                    "No: the scale of a loss only scales its gradient, which the learning rate can "
                    "compensate. The loss of section 4 starts at 15.5 and trains fine."
                ),
            ),
        ),
    ),
    Question(
        id="1.q4",
        prompt=(
            "The squared error is convex in the prediction. Is the MSE of the MLP of section 1 "
            "convex in the network's weights?"
        ),
        choices=(
            Choice(
                "Yes: a convex loss stays convex whatever model produces the predictions.",
                correct=False,
                explanation=(
                    "No: a convex function of a non-linear function of the weights need not be "
                    "convex. It stays convex for a model linear in its parameters, such as the "
                    "line, not for a network with hidden units."
                ),
            ),
            Choice(
                "Yes, because gradient descent trained the MLP to a low loss.",
                correct=False,
                explanation=(
                    "No: training succeeding does not show convexity. Non-convex losses are often "
                    "trained well; the symmetry of the hidden units is a direct counter-example."
                ),
            ),
            Choice(
                "It depends on the learning rate.",
                correct=False,
                explanation=(
                    "No: convexity is a property of the function $L(\\theta)$ itself; the learning "
                    "rate only changes how the optimiser walks over it."
                ),
            ),
            Choice(
                "No: listing the hidden units in another order gives the same loss, and halfway "
                "between the two weight vectors the loss is far higher.",
                correct=True,
                explanation=(
                    "Right. For a convex function the midpoint of two points can score no more "
                    "than the worse of them; section 2 measured 0.0112 at both ends and 1.70 "
                    "halfway. Convexity is a property of the loss *and* the model together."
                ),
            ),
        ),
    ),
    Question(
        id="1.q5",
        prompt="In one training cycle, what does the backward pass start from?",
        choices=(
            Choice(
                "The value of the loss, such as 15.5.",
                correct=False,
                explanation=(
                    "No: one number says how bad the model is, not in which direction to change "
                    "each parameter. The backward pass needs the loss's derivatives."
                ),
            ),
            Choice(
                "The gradient of the loss with respect to each prediction, $\\partial L / "
                "\\partial \\hat y_i$.",
                correct=True,
                explanation=(
                    "Right. The loss closes the forward pass; its gradient with respect to the "
                    "predictions is passed back through the model by the chain rule to the "
                    "parameters (section 4)."
                ),
            ),
            Choice(
                "The targets $y_i$, compared with the inputs.",
                correct=False,
                explanation=(
                    "No: the model never sees the targets directly; they enter only through the "
                    "loss and its gradient $2(\\hat y_i - y_i)/n$."
                ),
            ),
            Choice(
                "The updated parameters.",
                correct=False,
                explanation=(
                    "No: the update comes last. It needs the gradients that the backward pass "
                    "computes."
                ),
            ),
        ),
    ),
    Question(
        id="1.q6",
        prompt=(
            "Predict before you compute: in section 4, every target of the four points is doubled "
            "($y_i \\to 2y_i$); the line still starts at $w = b = 0$. What happens to the first "
            "gradient $(\\partial L/\\partial w, \\partial L/\\partial b)$ and to the loss at the "
            "start?"
        ),
        choices=(
            Choice(
                "Both the gradient and the loss double.",
                correct=False,
                explanation=(
                    "Not the loss: the errors double, so the *squared* errors grow four times. The "
                    "gradient, $2r$ per point, only doubles."
                ),
            ),
            Choice(
                "Both are four times larger.",
                correct=False,
                explanation=(
                    "Not the gradient: the derivative of $r^2$ is $2r$, linear in the residual, so "
                    "doubling every residual doubles it."
                ),
            ),
            Choice(
                "The gradient doubles and the starting loss is four times larger.",
                correct=True,
                explanation=(
                    "Right. At $w = b = 0$ every residual is $-y_i$, so the gradient "
                    "$\\frac2n\\sum_i r_i (x_i, 1)$ is linear in the targets and the squared "
                    "errors are quadratic in them: $(-29, -14)$ and 62 instead of $(-14.5, -7)$ "
                    "and 15.5."
                ),
            ),
            Choice(
                "Neither changes: the slope of the points is what matters.",
                correct=False,
                explanation=(
                    "No: the gradient and the loss depend on the residuals, which all double when "
                    "the targets do and the predictions stay 0."
                ),
            ),
        ),
    ),
    Question(
        id="1.q7",
        prompt=(
            "Three runs of gradient descent on the same loss, 25 steps each, differ only in their "
            "learning rate. Run A: the loss rises at every step, from 15.5 to over 1000. Run B: it "
            "falls steadily, from 15.5 to 0.07, still above the lowest possible loss of 0.05. Run "
            "C: it falls to 0.08 within two steps, then creeps down to 0.051. Which reading is "
            "right?"
        ),
        choices=(
            Choice(
                "A: too small; B: about right; C: too large.",
                correct=False,
                explanation=(
                    "No: a learning rate that is too small never makes the loss grow, it only "
                    "makes it fall slowly. A loss that grows at every step on a full-batch descent "
                    "is the sign of steps that are too large."
                ),
            ),
            Choice(
                "A: too large; B: too small; C: about right.",
                correct=True,
                explanation=(
                    "Right. These are the chapter's runs with learning rates 0.25, 0.02 and 0.1 "
                    "(section 5): above the stable limit each step overshoots by more than it "
                    "started from, so the loss grows; a small rate makes steady but slow progress; "
                    "a good one makes fast progress and settles."
                ),
            ),
            Choice(
                "A: the loss is wrong for this data; B and C: both about right.",
                correct=False,
                explanation=(
                    "No: the three runs use the same loss and data, so the difference comes from "
                    "the learning rate alone. B is still far from the minimum after 25 steps, "
                    "which C reached within a few."
                ),
            ),
        ),
    ),
    Question(
        id="1.q8",
        prompt=(
            "On the four points of section 4, gradient descent with learning rate 0.23 falls "
            "slowly: 15.5, 13.5, 11.8, 10.2, ..., and is still at 0.54 after 25 steps. The stable "
            "limit is $2/h_{\\max} = 0.238$. A colleague says the slow fall shows the learning "
            "rate is too small and suggests 0.3. What do you expect?"
        ),
        choices=(
            Choice(
                "0.3 converges faster: a slowly falling curve always means the learning rate is "
                "too small.",
                correct=False,
                explanation=(
                    "No: on a quadratic loss any learning rate above $2/h_{\\max}$ diverges, and "
                    "0.3 > 0.238. Just below the limit the descent is slow because it oscillates "
                    "across the steep direction, not because the steps are short."
                ),
            ),
            Choice(
                "It makes no difference: the learning rate only changes the speed, never whether "
                "the descent converges.",
                correct=False,
                explanation=(
                    "No: section 5 shows the descent converging at 0.2 and diverging at 0.25 on "
                    "the same data. Above $2/h_{\\max}$ the loss grows at every step."
                ),
            ),
            Choice(
                "0.3 diverges: here the slow fall comes from steps that overshoot the steep "
                "direction almost as much as they gain.",
                correct=True,
                explanation=(
                    "Right. Along the steep direction each step multiplies the error by $1 - \\eta "
                    "h_{\\max} = 1 - 0.23 \\cdot 8.405 \\approx -0.93$: it jumps to the other side "
                    "and shrinks only 7 % per step. Above 0.238 that factor exceeds 1 in size and "
                    "the loss grows. A slowly falling curve can mean a learning rate that is too "
                    "small *or* one just below the limit; try a smaller one too."
                ),
            ),
        ),
    ),
)
