"""Quiz questions of chapter 10, "Losses in reinforcement learning"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="10.q1",
        prompt=(
            "Every arm of a bandit pays about 4. You train REINFORCE once with baseline "
            "$b = 0$ and once with $b$ = the average reward. What does the baseline change?"
        ),
        choices=(
            Choice(
                "Not the expected gradient, only its variance, which it lowers.",
                correct=True,
                explanation=(
                    "Right. $\\sum_a \\pi(a)(e_a - \\pi) = 0$, so a constant $b$ adds nothing "
                    "to the mean of $-(r - b)(e_a - \\pi)$; but each single pull's gradient "
                    "scales with $r - b$, and with $b = 0$ every pull pushes its own arm up by "
                    "about 4, good arm or bad (section 3: the variance falls 12-fold)."
                ),
            ),
            Choice(
                "It biases the gradient towards the best arm, which is why learning is faster.",
                correct=False,
                explanation=(
                    "A constant baseline adds no bias: section 2 computes the expected "
                    "gradient exactly for three baselines and finds $-\\nabla J$ each time. "
                    "Learning is faster because each step is less noisy."
                ),
            ),
            Choice(
                "It makes the gradient larger, so the policy moves faster.",
                correct=False,
                explanation=(
                    "On average the gradient is the same; a good baseline makes single-pull "
                    "gradients *smaller* where they were large only because all rewards are "
                    "far from 0."
                ),
            ),
            Choice(
                "Nothing: subtracting a constant from every reward cannot change learning.",
                correct=False,
                explanation=(
                    "It cannot change the *expected* gradient, but the agent takes one noisy "
                    "step per pull, and the noise depends on $b$ through $(\\mu_a - b)^2$ "
                    "(exercise 10.8)."
                ),
            ),
        ),
    ),
    Question(
        id="10.q2",
        prompt=(
            "At the uniform policy over $k$ arms, which constant baseline $b$ gives the "
            "single-pull REINFORCE gradient the smallest variance?"
        ),
        choices=(
            Choice(
                "The expected reward $\\sum_a \\pi_a \\mu_a$.",
                correct=True,
                explanation=(
                    "Right, at the uniform policy. The variance is a quadratic in $b$, smallest "
                    "at $b^\\ast = \\sum_a \\pi_a w_a \\mu_a / \\sum_a \\pi_a w_a$ with "
                    "$w_a = \\|e_a - \\pi\\|^2$; at the uniform policy every $w_a$ is the same "
                    "and $b^\\ast$ is the expected reward. For other policies it is a "
                    "differently weighted mean of the rewards."
                ),
            ),
            Choice(
                "$b = 0$, since any other value biases the gradient.",
                correct=False,
                explanation=(
                    "No constant baseline biases the gradient (section 2). $b = 0$ is best only "
                    "when the rewards' weighted mean happens to be 0."
                ),
            ),
            Choice(
                "The largest mean reward, so that every other arm is pushed down.",
                correct=False,
                explanation=(
                    "The variance grows with $(\\mu_a - b)^2$ averaged over the arms; a "
                    "baseline at the top of the range makes the terms of all worse arms "
                    "large. The minimiser is a mean of the rewards, not their maximum."
                ),
            ),
            Choice(
                "It makes no difference: the variance is the reward noise $\\sigma^2$ whatever "
                "$b$ is.",
                correct=False,
                explanation=(
                    "The noise is one term, $\\sigma^2$; the other, $(\\mu_a - b)^2$, "
                    "depends on $b$ and dominates when the rewards sit far from $b$ (section 3)."
                ),
            ),
        ),
    ),
    Question(
        id="10.q3",
        prompt=(
            "You plot the REINFORCE loss $-\\log \\pi(a)(r - b)$ of every step while training a "
            "bandit agent. It jumps up and down and changes sign, while the reward per step "
            "rises steadily. What do you conclude?"
        ),
        choices=(
            Choice(
                "Nothing is wrong: this loss is a surrogate whose gradient has the right mean; "
                "its value is not a score. Monitor the reward.",
                correct=True,
                explanation=(
                    "Right. Each step's loss is computed on data the current policy produced, "
                    "and it shifts with the baseline and with which arm was drawn; its value "
                    "is not comparable across steps (section 4)."
                ),
            ),
            Choice(
                "The learning rate is too large: a good training loss falls steadily.",
                correct=False,
                explanation=(
                    "That is how a supervised loss on fixed data behaves (chapters 1 and 2). "
                    "Here the data change with the policy, and the rising reward says "
                    "training works."
                ),
            ),
            Choice(
                "The agent is overfitting: the loss rises while the reward rises.",
                correct=False,
                explanation=(
                    "Overfitting compares a training loss with a validation loss on fixed "
                    "data. A policy-gradient loss has no fixed data set to overfit in this "
                    "sense, and its value is not a measure of performance."
                ),
            ),
        ),
    ),
    Question(
        id="10.q4",
        prompt=(
            "An agent can take a reward of 1 now or a reward of 5 in 20 steps. With "
            "$\\gamma = 0.9$ it takes the reward now. What happens with $\\gamma = 0.95$?"
        ),
        choices=(
            Choice(
                "It waits: $5 \\cdot 0.95^{20} \\approx 1.79 > 1$.",
                correct=True,
                explanation=(
                    "Right. $0.9^{20} \\cdot 5 \\approx 0.61 < 1$ but "
                    "$0.95^{20} \\cdot 5 \\approx 1.79$: the discount is part of the "
                    "objective, so changing $\\gamma$ changes which behaviour is best "
                    "(section 5)."
                ),
            ),
            Choice(
                "It still takes the reward now: $\\gamma$ only changes how fast it learns.",
                correct=False,
                explanation=(
                    "$\\gamma$ is not a learning rate; it defines the return being maximised. "
                    "A larger $\\gamma$ (effective horizon $1/(1-\\gamma)$: 10 against 20 "
                    "steps) values the later reward more."
                ),
            ),
            Choice(
                "It waits, because with $\\gamma < 1$ a larger reward is always worth waiting for.",
                correct=False,
                explanation=(
                    "Only if the wait is short enough: the later reward is worth "
                    "$5\\gamma^{20}$, which falls below 1 for $\\gamma = 0.9$."
                ),
            ),
        ),
    ),
    Question(
        id="10.q5",
        prompt=(
            "In the chapter's semi-gradient TD experiment with shared features, each variant "
            "was tuned on the same grid of learning rates. What did the frozen target and the "
            "Huber loss do there?"
        ),
        choices=(
            Choice(
                "They widened the range of learning rates that work; neither lowered the best "
                "error.",
                correct=True,
                explanation=(
                    "Right, for this chain and these features: at the tuned rate (0.01) all "
                    "variants are within about one standard error; at lr = 0.03 to 0.3 the "
                    "frozen target lowers the error (at lr = 1 and 3 it does worse than the "
                    "online target), and the Huber loss keeps every run finite (section 13). "
                    "DQN's reported gains come from far larger problems."
                ),
            ),
            Choice(
                "The frozen target prevented divergence at every learning rate.",
                correct=False,
                explanation=(
                    "At lr = 3 all 20 frozen-target runs diverged, against 15 of 20 online "
                    "ones: between refreshes the weights chase a target they cannot move. It "
                    "was the Huber loss that kept the runs finite."
                ),
            ),
            Choice(
                "The Huber loss made the large learning rates as good as the tuned one.",
                correct=False,
                explanation=(
                    "It bounds each step, so no run diverged, but the errors at lr = 3 stayed "
                    "above 2, against about 0.25 at the tuned rate."
                ),
            ),
            Choice(
                "Both lowered the best error by several standard errors.",
                correct=False,
                explanation=(
                    "Compared at each variant's own best rate, the errors (0.234 to 0.250) "
                    "are within about one standard error: comparing untuned rates would have "
                    "suggested a gain that tuning removes."
                ),
            ),
        ),
    ),
    Question(
        id="10.q6",
        prompt=(
            "PPO takes 20 gradient steps on one batch. For a sample with advantage $A > 0$ "
            "whose ratio has reached $\\rho = 1.5$ (clip $\\epsilon = 0.2$), what does the "
            "clipped loss do?"
        ),
        choices=(
            Choice(
                "It gives that sample a zero gradient, so nothing pushes its ratio further.",
                correct=True,
                explanation=(
                    "Right. For $A > 0$ the objective $\\min(\\rho A, 1.2 A)$ is flat beyond "
                    "$\\rho = 1.2$; its gradient there is 0. The clip removes the incentive; it "
                    "is not a hard limit (section 11)."
                ),
            ),
            Choice(
                "It pulls the ratio back to 1.2.",
                correct=False,
                explanation=(
                    "Beyond the band the clipped objective is flat, so it exerts no pull at "
                    "all. It only stops rewarding further moves."
                ),
            ),
            Choice(
                "It guarantees that no ratio in the batch ever leaves $[0.8, 1.2]$.",
                correct=False,
                explanation=(
                    "The logits are shared, so a step made for one sample moves the others' "
                    "ratios too; in section 11 the largest shift exceeds 0.2."
                ),
            ),
            Choice(
                "It clips the gradient's norm to $\\epsilon$.",
                correct=False,
                explanation=(
                    "PPO clips the probability ratio inside the objective, not the gradient; "
                    "gradient-norm clipping is a different technique."
                ),
            ),
        ),
    ),
    Question(
        id="10.q7",
        prompt=(
            "You add the entropy bonus $-\\beta H(\\pi)$ to an actor-critic loss on the "
            "chapter's bandit and raise $\\beta$ from 0 to 0.5. What do you expect?"
        ),
        choices=(
            Choice(
                "The policy stays closer to uniform, and the final reward falls.",
                correct=True,
                explanation=(
                    "Right. The bonus is part of the objective, so its minimiser is no longer "
                    "the greedy policy: at $\\beta = 0.5$ the policy stays spread over several "
                    "arms and earns much less (section 10)."
                ),
            ),
            Choice(
                "The reward rises, because more exploration always finds the best arm.",
                correct=False,
                explanation=(
                    "On this bandit the best arm is found easily: up to $\\beta = 0.2$ the "
                    "share of runs ending on it rose by about one standard error only, while "
                    "the reward fell. "
                    "Exploration pays where a policy would otherwise lock onto a poor action."
                ),
            ),
            Choice(
                "Nothing at the end of training: the bonus only matters early on.",
                correct=False,
                explanation=(
                    "The bonus stays in the loss for the whole training; a large $\\beta$ keeps "
                    "the entropy high to the end."
                ),
            ),
        ),
    ),
    Question(
        id="10.q8",
        prompt=(
            "A reward model is trained with the Bradley-Terry loss on pairs of answers. After "
            "training you add 5 to every reward it outputs. What happens to the loss?"
        ),
        choices=(
            Choice(
                "Nothing: the loss depends only on differences $r_c - r_r$.",
                correct=True,
                explanation=(
                    "Right. $\\log(1 + e^{-(r_c - r_r)})$ is unchanged by a common shift, so "
                    "the data cannot identify a constant in the rewards (section 12)."
                ),
            ),
            Choice(
                "It falls, because every chosen answer now scores higher.",
                correct=False,
                explanation=(
                    "The rejected answers score 5 higher too. Only the margin between the "
                    "two enters the loss."
                ),
            ),
            Choice(
                "It rises, since the rewards are no longer centred.",
                correct=False,
                explanation=(
                    "The loss has no term that prefers centred rewards; it is a binary "
                    "cross-entropy with the reward difference as the logit."
                ),
            ),
        ),
    ),
)
