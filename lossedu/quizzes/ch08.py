"""Quiz questions of chapter 8, "Multi-task losses"."""

QUESTIONS = ()
