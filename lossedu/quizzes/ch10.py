"""Quiz questions of chapter 10, "Losses in reinforcement learning"."""

QUESTIONS = ()
