"""Quiz questions of chapter 7, "Validation curves and metrics beyond loss"."""

QUESTIONS = ()
