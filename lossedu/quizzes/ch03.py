"""Quiz questions of chapter 3, "Regression losses"."""

QUESTIONS = ()
