"""Quiz questions of chapter 5, "Loss and optimisation"."""

QUESTIONS = ()
