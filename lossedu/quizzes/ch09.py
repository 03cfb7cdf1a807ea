"""Quiz questions of chapter 9, "Adaptive losses"."""

QUESTIONS = ()
