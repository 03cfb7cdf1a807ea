"""Quiz questions of chapter 6, "Regularisation"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="6.q1",
        prompt=(
            "A linear regression is fitted once with an L1 penalty and once with an L2 "
            "penalty of growing strength $\\lambda$. Which of them holds weights at exactly "
            "0, and why?"
        ),
        choices=(
            Choice(
                "Both do, once $\\lambda$ is large enough: the weights then stay at 0.",
                correct=False,
                explanation=(
                    "Ridge's weights $(X^\\top X + n\\lambda I)^{-1} X^\\top y$ shrink towards 0 "
                    "as $\\lambda$ grows but reach it only in the limit; at no finite "
                    "$\\lambda$ do they stay at exactly 0 (sections 2 and 5)."
                ),
            ),
            Choice(
                "Only L2, because it punishes large weights more strongly than L1.",
                correct=False,
                explanation=(
                    "L2 punishes *large* weights more, and small ones hardly at all: near 0 "
                    "its pull vanishes. Exact zeros come from L1's constant pull (section 1)."
                ),
            ),
            Choice(
                "Only L1 holds weights at exactly 0 over a whole range of $\\lambda$: its pull "
                "on a non-zero weight keeps the size $\\lambda$ however small the weight, "
                "while L2's pull $2\\lambda w$ fades as the weight shrinks.",
                correct=True,
                explanation=(
                    "Right. The L1 objective has a kink at $w_j = 0$, and the minimum stays "
                    "there whenever the data term's slope at 0 is smaller than $\\lambda$ in "
                    "size. L2 is smooth at 0, so a weight passes through 0 without staying "
                    "there (sections 1 "
                    "and 2)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q2",
        prompt=(
            "On data with correlated features, you follow the ridge solution as $\\lambda$ "
            "grows from 0. Which of these is guaranteed?"
        ),
        choices=(
            Choice(
                "Every weight moves steadily towards 0.",
                correct=False,
                explanation=(
                    "That is true when the features are uncorrelated. With correlated features "
                    "a weight can grow or change sign on the way, as in sections 2 and 5: "
                    "ridge shrinks the vector, not each weight."
                ),
            ),
            Choice(
                "The length $\\lVert w \\rVert_2$ of the weight vector never grows.",
                correct=True,
                explanation=(
                    "Right. The ridge path shrinks the vector's length at every step. "
                    "Individual weights are not guaranteed to shrink: in section 2 $w_2$ "
                    "changed sign and grew beyond its least-squares size before falling back "
                    "to 0."
                ),
            ),
            Choice(
                "No weight ever changes sign.",
                correct=False,
                explanation=(
                    "Section 2's $w_2$ changed sign near $\\lambda = 0.08$, and three weights "
                    "of section 5's ridge path did too."
                ),
            ),
        ),
    ),
    Question(
        id="6.q3",
        prompt=(
            'You train a linear model with `penalty=("l1", lam)` in `models.fit` (plain '
            "gradient steps, learning rate $\\eta$). The weights that the lasso sets to 0 come "
            "out as numbers of the order of $\\pm\\eta\\lambda$. Why?"
        ),
        choices=(
            Choice(
                "Gradient steps on the subgradient $\\lambda\\operatorname{sign}(w)$ overshoot "
                "0 back and forth; a proximal step (soft-thresholding) or coordinate descent "
                "lands exactly on it.",
                correct=True,
                explanation=(
                    "Right. Near 0 each step moves a weight by about $\\eta\\lambda$ across 0 "
                    "and back. The exact zeros of the lasso come from soft-thresholding, the "
                    "exact minimiser of the penalty's part (section 3)."
                ),
            ),
            Choice(
                "The lasso's zeros are only approximate; every solver gives small numbers there.",
                correct=False,
                explanation=(
                    "The lasso solution has exact zeros, and proximal gradient descent and "
                    "scikit-learn's coordinate descent both find them exactly (section 3)."
                ),
            ),
            Choice(
                "$\\lambda$ is too small: a stronger penalty would make them exactly 0.",
                correct=False,
                explanation=(
                    "With a larger $\\lambda$ the oscillation around 0 grows with it, "
                    "$\\eta\\lambda$ per step; the size of the steps, not the strength, is the "
                    "problem (section 3)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q4",
        prompt=(
            "You fit this chapter's ridge objective, mean squared error plus "
            "$\\lambda \\lVert w \\rVert^2$, with $\\lambda = 0.1$ on $n = 50$ points. Which "
            "`alpha` makes scikit-learn's `Ridge(alpha, fit_intercept=False)` return the "
            "same weights?"
        ),
        choices=(
            Choice(
                "0.1",
                correct=False,
                explanation=(
                    "The same number in both conventions would only work if both used the "
                    "same data term. scikit-learn's ridge uses the sum of squares, ours the "
                    "mean: multiply by $n$ (section 3)."
                ),
            ),
            Choice(
                "5",
                correct=True,
                explanation=(
                    "Right. `Ridge` minimises the *sum* of squares plus "
                    "$\\alpha \\lVert w \\rVert^2$, which is $n$ times our objective when "
                    "$\\alpha = n\\lambda = 50 \\cdot 0.1$ (section 3)."
                ),
            ),
            Choice(
                "0.05",
                correct=False,
                explanation=(
                    "Halving is the conversion for scikit-learn's `Lasso`, whose data term is "
                    "$\\frac{1}{2n}$ times the sum of squares. `Ridge` has no $\\frac{1}{2n}$ "
                    "(section 3)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q5",
        prompt=(
            "In a sweep of the ridge strength on 15 training points (noise variance 0.09), "
            "the weakest penalty gives training MSE 0.022 and validation MSE 0.262; the best "
            "one gives 0.047 and 0.109. What do these numbers say about the weakest penalty?"
        ),
        choices=(
            Choice(
                "It overfits, and the proof is that its training error is below the noise "
                "variance.",
                correct=False,
                explanation=(
                    "A training error below the noise variance alone proves nothing: a fitted "
                    "model's training error is optimistic, and here the best fit is below it "
                    "too (0.047). The validation error is the evidence (section 4)."
                ),
            ),
            Choice(
                "It is the best model: it has the lowest training error.",
                correct=False,
                explanation=(
                    "The training error measures the fit to the data the model has seen; "
                    "choose $\\lambda$ on data it has not seen (sections 4 and 7)."
                ),
            ),
            Choice(
                "It overfits: its validation error is more than twice the best one, while its "
                "training error is the lowest.",
                correct=True,
                explanation=(
                    "Right. A wide gap between a low training error and a high validation "
                    "error is the signature of overfitting: the fit follows these 15 noise "
                    "draws rather than the function (section 4)."
                ),
            ),
            Choice(
                "It underfits: the penalty is too weak to fit the data.",
                correct=False,
                explanation=(
                    "Underfitting shows as a *high* training error: the model cannot follow "
                    "the data. That is the strongest penalty's problem, not the weakest's "
                    "(section 4)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q6",
        prompt=(
            "Two features are nearly identical copies (correlation 0.999) and both matter. "
            "You fit the lasso and the elastic net on many fresh data sets of the same kind. "
            "What do you expect?"
        ),
        choices=(
            Choice(
                "The lasso sometimes keeps both twins and sometimes drops one, arbitrarily; "
                "the elastic net splits the weight nearly evenly every time.",
                correct=True,
                explanation=(
                    "Right. The L1 penalty is the same for every split of a positive weight "
                    "($|a| + |b| = a + b$), so tiny differences in the data decide; the L2 part "
                    "of the elastic net is smallest for an even split. In section 6 the lasso "
                    "kept both twins in 13 data sets of 20 and dropped one in 7."
                ),
            ),
            Choice(
                "The lasso always keeps the twin more correlated with the target and drops "
                "the other.",
                correct=False,
                explanation=(
                    "With near-copies, which twin is more correlated with the target changes "
                    "from one data set to the next, and the lasso does not always drop one "
                    "(section 6)."
                ),
            ),
            Choice(
                "Both split the weight evenly: they are both convex penalties.",
                correct=False,
                explanation=(
                    "Convexity gives one minimum, not an even split: the L1 penalty is flat "
                    "along the splits, so tiny differences between the twins in the data decide "
                    "where the lasso's minimum lies; only the L2 part of the elastic net "
                    "favours the even split (section 6)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q7",
        prompt=(
            "Ridge with this chapter's objective is the MAP estimate of a Gaussian prior when "
            "$\\lambda = \\sigma^2/(n\\tau^2)$. You collect twice as many examples of the same "
            "kind. What should happen to $\\lambda$?"
        ),
        choices=(
            Choice(
                "Keep it: the prior and the noise have not changed.",
                correct=False,
                explanation=(
                    "$\\sigma$ and $\\tau$ are the same, but $n$ enters too: the objective "
                    "averages the squared errors, so the prior's relative weight must fall as "
                    "the data grow (section 8)."
                ),
            ),
            Choice(
                "Halve it: the data's share of the posterior grows with $n$, the prior's does not.",
                correct=True,
                explanation=(
                    "Right. The likelihood has one term per example, the prior one term in "
                    "all; in the *mean* squared error that shows as $\\lambda$ falling like "
                    "$1/n$ (section 8)."
                ),
            ),
            Choice(
                "Double it: more data need more regularisation.",
                correct=False,
                explanation=(
                    "The opposite: with more data the estimate can rely more on the data and "
                    "less on the prior (section 8; exercise 6.4)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q8",
        prompt=(
            "With a Laplace prior on the weights and Gaussian noise, which estimate has "
            "weights that are exactly 0?"
        ),
        choices=(
            Choice(
                "The posterior mean, because the prior puts most of its mass near 0.",
                correct=False,
                explanation=(
                    "The posterior mean averages over the whole posterior, which has a density "
                    "and no point mass at 0, so its weights are (almost surely) not exactly 0 "
                    "(section 8)."
                ),
            ),
            Choice(
                "Both the MAP estimate and the posterior mean.",
                correct=False,
                explanation=(
                    "Only the mode: the posterior mean of a Laplace prior is not sparse "
                    "(section 8)."
                ),
            ),
            Choice(
                "The MAP estimate (the posterior's mode), which is the lasso solution.",
                correct=True,
                explanation=(
                    "Right. The mode sits at the L1 penalty's kink. Sparsity belongs to the "
                    "mode: 'L1 = Laplace prior' is a statement about the MAP estimate only "
                    "(section 8)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q9",
        prompt=(
            "Gradient descent on the mean squared error, started at $w = 0$ and stopped after "
            "$k$ steps of learning rate $\\eta$, behaves much like ridge with "
            "$\\lambda \\approx 1/(2\\eta k)$. What does training for more steps correspond to?"
        ),
        choices=(
            Choice(
                "A weaker penalty: the weights move from 0 towards least squares.",
                correct=True,
                explanation=(
                    "Right. More steps, smaller $\\lambda = 1/(2\\eta k)$: early stopping is an "
                    "implicit penalty whose strength is set by when you stop (section 9)."
                ),
            ),
            Choice(
                "A stronger penalty: the longer the training, the more the weights are "
                "regularised.",
                correct=False,
                explanation=(
                    "The weights start at 0 and grow towards the least-squares solution; "
                    "stopping early is what keeps them small (section 9)."
                ),
            ),
            Choice(
                "Nothing: without a penalty term there is no regularisation.",
                correct=False,
                explanation=(
                    "No penalty appears in the objective, yet the stopped weights are shrunk "
                    "along each eigen-direction much as ridge's are: implicit regularisation "
                    "(section 9)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q10",
        prompt=(
            "A ridge model has two features that matter equally; one is a length recorded in "
            "kilometres, so its values are 1000 times smaller than in metres. You do not "
            "standardise. What does the penalty do to that feature?"
        ),
        choices=(
            Choice(
                "Nothing: ridge does not depend on the features' units.",
                correct=False,
                explanation=(
                    "Least squares without a penalty is unit-invariant (the weight just "
                    "rescales); a penalty on the weights is not (section 10; exercise 6.6)."
                ),
            ),
            Choice(
                "It nearly removes it: its weight must be 1000 times larger to have the same "
                "effect, so the penalty on it is a million times larger.",
                correct=True,
                explanation=(
                    "Right. The penalty charges the weight, not the feature's effect. In "
                    "section 10 the small-scale feature kept about a thousandth of its weight; "
                    "standardise the features first so that one $\\lambda$ treats them alike."
                ),
            ),
            Choice(
                "It shrinks it less, because its values are smaller.",
                correct=False,
                explanation=(
                    "Small values need a *large* weight, and the penalty grows with the "
                    "weight's square: the feature is shrunk far more (section 10)."
                ),
            ),
        ),
    ),
    Question(
        id="6.q11",
        prompt=(
            "A ridge model is fitted with its intercept penalised like any other weight. You "
            "add 10 to every target and fit again. What happens to the mean of the "
            "predictions?"
        ),
        choices=(
            Choice(
                "It rises by exactly 10, as with any linear model.",
                correct=False,
                explanation=(
                    "Only if the intercept is not penalised. A penalised intercept is charged "
                    "for moving away from 0, so it follows the shift only in part "
                    "(section 10)."
                ),
            ),
            Choice(
                "It rises by more than 10, because the other weights compensate.",
                correct=False,
                explanation=(
                    "The predictions move by $H\\mathbf{1} \\cdot 10$, where the ridge hat "
                    "matrix $H = X(X^\\top X + n\\lambda I)^{-1}X^\\top$ has eigenvalues "
                    "below 1; so their mean rises by less than 10, never more (section 10)."
                ),
            ),
            Choice(
                "It rises by less than 10: the penalty pulls the intercept towards 0.",
                correct=True,
                explanation=(
                    "Right. In section 10 it rose by about 9.09. Left out of the penalty "
                    "(centre $X$ and $y$, fit, add the mean back), the intercept moves by "
                    "exactly 10, as it should: where the origin of $y$ lies says nothing about "
                    "the model's complexity."
                ),
            ),
        ),
    ),
)
