"""Quiz questions of chapter 6, "Regularisation"."""

QUESTIONS = ()
