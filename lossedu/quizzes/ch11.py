"""Quiz questions of chapter 11, "Capstone"."""

QUESTIONS = ()
