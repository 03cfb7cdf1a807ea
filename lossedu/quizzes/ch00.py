"""Quiz questions of chapter 0, "How to use this course"."""

from lossedu.quizzes._core import Choice, Question

QUESTIONS = (
    Question(
        id="0.q1",
        prompt=(
            "You run a chapter's cells out of order and a figure no longer matches the one on "
            "the website. What is the most likely reason?"
        ),
        choices=(
            Choice(
                "The random numbers were drawn in a different order from the seeded `rng`.",
                correct=True,
                explanation=(
                    "Right. Every draw advances the one seeded generator, so the same cells run "
                    "in another order receive different numbers. Restart the kernel and run the "
                    "chapter top to bottom to get the stored figures back."
                ),
            ),
            Choice(
                "`lossedu` computes losses differently on every run.",
                correct=False,
                explanation=(
                    "No: a loss is a fixed formula of its inputs, and the tests check "
                    "`lossedu` against scikit-learn and closed forms. The inputs changed, not "
                    "the formula."
                ),
            ),
            Choice(
                "The website's figures are drawn from different data than the notebook.",
                correct=False,
                explanation=(
                    "No: the website shows the stored outputs of the very same notebook, "
                    "executed top to bottom on a fresh kernel."
                ),
            ),
        ),
    ),
)
