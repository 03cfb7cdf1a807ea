"""Quiz questions of chapter 2, "Error versus loss"."""

QUESTIONS = ()
