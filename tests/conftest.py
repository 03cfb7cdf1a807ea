"""Shared fixtures: every random draw in the tests comes from a seeded generator."""

import numpy as np
import pytest


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)
