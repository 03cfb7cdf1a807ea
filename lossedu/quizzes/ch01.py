"""Quiz questions of chapter 1, "The three steps of machine learning"."""

QUESTIONS = ()
