"""Quiz questions of chapter 4, "Classification losses"."""

QUESTIONS = ()
