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
                    "Every draw advances the one seeded generator, so the same cells run "
                    "in another order receive different numbers. Restart the kernel and run the "
                    "chapter top to bottom to get the stored figures back."
                ),
            ),
            Choice(
                "`lossedu` computes losses differently on every run.",
                correct=False,
                explanation=(
                    "A loss is a fixed formula of its inputs, and the tests check "
                    "`lossedu` against scikit-learn and closed forms. The inputs changed, not "
                    "the formula."
                ),
            ),
            Choice(
                "The website's figures are drawn from different data than the notebook.",
                correct=False,
                explanation=(
                    "The website shows the stored outputs of the very same notebook, "
                    "executed top to bottom on a fresh kernel."
                ),
            ),
        ),
    ),
    Question(
        id="0.q2",
        prompt=(
            "`exercises.check` answers *correct* for your function. What has the check established?"
        ),
        choices=(
            Choice(
                "Your function is correct for every possible input.",
                correct=False,
                explanation=(
                    "This confuses testing with proof. The check samples inputs; a "
                    "function can agree on all of them and still fail on one it never tried."
                ),
            ),
            Choice(
                "Your code is the same as the worked solution.",
                correct=False,
                explanation=(
                    "The check compares numbers, not code. Any implementation that returns "
                    "the same values passes, however it is written."
                ),
            ),
            Choice(
                "Your function gave the reference's results, within a small tolerance, on "
                "every fixed and random input the check tried.",
                correct=True,
                explanation=(
                    "A check runs your answer on a set of inputs (fixed cases, then "
                    "seeded random ones) and compares it with the reference. That is strong "
                    "evidence, not a proof: inputs it never tried, such as another shape or "
                    "extreme values, can still go wrong."
                ),
            ),
            Choice(
                "Your function is as fast as the one in `lossedu`.",
                correct=False,
                explanation=(
                    "Speed is not compared. The check only stops code that runs far too "
                    "long (a few seconds for all inputs together)."
                ),
            ),
        ),
    ),
    Question(
        id="0.q3",
        prompt=(
            "You read this page on the website, with no Python running, and move the "
            "$\\delta$ slider of the Huber explorer. Where does the new figure come from?"
        ),
        choices=(
            Choice(
                "From a Python kernel that the page starts in the background, as Binder does.",
                correct=False,
                explanation=(
                    "The page starts no kernel and sends nothing to a server. Binder "
                    "starts a kernel only when you click its launch button, and then you work "
                    "in Jupyter, not on this page."
                ),
            ),
            Choice(
                "From figures computed in advance, one for each position of the slider, "
                "stored in the page.",
                correct=True,
                explanation=(
                    "On the website an explorer swaps between frames precomputed when "
                    "the chapter was executed; nothing runs Python. That is why the site works "
                    "offline, and why it offers only the slider's positions."
                ),
            ),
            Choice(
                "From `lossedu`, which your browser runs on every move of the slider.",
                correct=False,
                explanation=(
                    "A browser does not run Python unless a page ships a Python runtime, "
                    "and this site ships none. The live explorer, which calls `lossedu` on "
                    "every move, exists only in Jupyter."
                ),
            ),
        ),
    ),
    Question(
        id="0.q4",
        prompt=(
            "You want the Huber loss for $\\delta = 1.37$, a value that no position of the "
            "explorer's slider gives. What do you do?"
        ),
        choices=(
            Choice(
                "Run the chapter in Binder: there the slider moves continuously.",
                correct=False,
                explanation=(
                    "The live explorer in Jupyter recomputes the figure, but it "
                    "offers the same grid of slider positions as the website. A value between "
                    "two positions needs a code cell."
                ),
            ),
            Choice(
                "Take the nearest position, $\\delta = 1.4$: the figure will be the same.",
                correct=False,
                explanation=(
                    "Nearby is not equal. Where $|r| > \\delta$ the Huber loss grows with "
                    "slope $\\delta$, so a different $\\delta$ changes the curve; the grid is "
                    "there for a first look, not as a substitute for the value you need."
                ),
            ),
            Choice(
                "In Jupyter, write a code cell that calls the function with that value, such "
                'as `plotting.plot_loss_shapes([("huber", {"delta": 1.37})])`.',
                correct=True,
                explanation=(
                    "An explorer, live or on the website, offers a fixed grid of values "
                    "so that every position can also be shown without a kernel. For any other "
                    "value, call the function behind it: every explorer is a view of "
                    "`lossedu` functions that you can call yourself."
                ),
            ),
        ),
    ),
    Question(
        id="0.q5",
        prompt=(
            "On the website you answered every question of chapter 3 on your laptop. The next "
            "day you open chapter 3 on your phone. What do you see?"
        ),
        choices=(
            Choice(
                "Your answers, because the site keeps them in your account.",
                correct=False,
                explanation=(
                    "The course has no accounts and no server that stores anything. Your "
                    "progress stays in the browser where you made it."
                ),
            ),
            Choice(
                "The questions unanswered: your answers are kept only in the laptop's browser.",
                correct=True,
                explanation=(
                    "Your answers and the chapters you mark done are saved in your "
                    "browser's local storage, on that device only; nothing is sent to a "
                    "server, so another device or browser starts from zero. Clearing the "
                    "browser's site data, or the Reset button of the progress page, also "
                    "removes them."
                ),
            ),
            Choice(
                "Your answers, if you marked chapter 3 done.",
                correct=False,
                explanation=(
                    "Marking a chapter done is saved in the same place as your answers, "
                    "the laptop's browser. It travels to no other device."
                ),
            ),
        ),
    ),
    Question(
        id="0.q6",
        prompt=(
            "You edited a cell in the middle of a chapter and the cells after it now fail. "
            "What is the most reliable way back to a working chapter?"
        ),
        choices=(
            Choice(
                "Run the failing cell again until it works.",
                correct=False,
                explanation=(
                    "A cell that fails because an earlier cell changed a variable fails "
                    "the same way every time. The cause lies in the state left by earlier "
                    "cells, not in the failing cell."
                ),
            ),
            Choice(
                "Restart the kernel and run all cells from the top.",
                correct=True,
                explanation=(
                    "A notebook's state is whatever its cells did, in the order you ran "
                    "them. A restart clears that state, and running from the top recreates it "
                    "as the chapter was written (the seeded `rng` included)."
                ),
            ),
            Choice(
                "Re-run only the cell you edited.",
                correct=False,
                explanation=(
                    "Re-running it does not undo what it already did, for example "
                    "to a variable or to the state of `rng`. Only a fresh kernel gives a clean "
                    "start."
                ),
            ),
        ),
    ),
)
