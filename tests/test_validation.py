"""Tests for the validation floor shared by every public function (lossedu._validation).

The floor is private, so its rules are tested twice: through the public functions that
rely on it (losses, penalties), and directly where a helper is meant for later callers.
"""

import numpy as np
import pytest

from lossedu import _validation as v
from lossedu import losses, regularization

# --- masked arrays ------------------------------------------------------------------------------

MASKED = np.ma.masked_array([0.0, 1e6, 2.0], mask=[False, True, False])


def test_mse_refuses_masked_arrays():
    # before: the mask was dropped and mse counted the masked 1e6 (3.3e11 instead of 0)
    with pytest.raises(TypeError, match=r"y_pred is a masked array.*\.filled\(.*\.compressed\(\)"):
        losses.mse([0.0, 0.0, 2.0], MASKED)
    with pytest.raises(TypeError, match=r"y_true is a masked array"):
        losses.mse_grad(MASKED, [0.0, 0.0, 2.0])


def test_l1_penalty_refuses_masked_arrays():
    with pytest.raises(TypeError, match=r"is a masked array.*\.filled\(.*\.compressed\(\)"):
        regularization.l1_penalty(MASKED, 0.5)


def test_unmasked_data_of_a_masked_array_is_accepted_once_filled():
    # the fix the message suggests works: 0 error on the two unmasked entries
    assert losses.mse([0.0, 2.0], MASKED.compressed()) == 0.0
    assert losses.mse([0.0, 0.0, 2.0], MASKED.filled(0.0)) == 0.0


# --- probability rows of low-precision dtypes ---------------------------------------------------


def test_row_sum_tolerance_follows_the_dtype():
    # float64 keeps the documented 1e-6; narrower floats round each entry by eps / 2
    assert v.row_sum_tolerance(np.float64, 3) == 1e-6
    assert v.row_sum_tolerance(np.float32, 1000) == pytest.approx(2 * 1000 * 2.0**-23)
    assert v.row_sum_tolerance(np.float16, 3) == pytest.approx(2 * 3 * 2.0**-10)
    assert v.row_sum_tolerance(np.dtype("int64"), 3) == 1e-6  # integers: as float64


def test_float16_rows_pass_with_their_dtype_and_fail_as_float64():
    rows16 = np.array([[0.1, 0.2, 0.7], [0.3, 0.3, 0.4]], dtype=np.float16)
    rows = rows16.astype(np.float64)  # [0.1, 0.2, 0.7] in float16 sums to 1.000122
    v.check_rows_sum_to_one(rows, "probs", dtype=np.float16)
    with pytest.raises(ValueError, match=r"row 0 sums to 1\.000122"):
        v.check_rows_sum_to_one(rows, "probs")
    with pytest.raises(ValueError, match="every row of probs must sum to 1"):
        v.check_rows_sum_to_one(rows + np.array([0.01, 0.0, 0.0]), "probs", dtype=np.float16)
    assert v.source_dtype(rows16) == np.float16
    assert v.source_dtype([[0.1, 0.9]]) == np.float64
    assert v.source_dtype(np.array([[0, 1]])) == np.float64


def test_categorical_cross_entropy_accepts_float16_rows():
    probs = np.array([[0.1, 0.2, 0.7]], dtype=np.float16)
    # closed form: -log of the true class's probability, as stored in float16
    expected = -np.log(float(probs[0, 2]))
    assert losses.categorical_cross_entropy([2], probs) == pytest.approx(expected, rel=1e-12)


# --- reductions that overflow -------------------------------------------------------------------


def test_finite_reduce_mean_survives_an_overflowing_sum():
    # the sum 4e308 overflows, the mean 1e308 does not (closed form)
    values = np.full(4, 1e308)
    assert v.finite_reduce(values, "mean", "mae") == 1e308
    assert v.finite_reduce(np.array([1e308, -1e308, 1e308]), "mean", "mae") == pytest.approx(
        1e308 / 3
    )


def test_finite_reduce_refuses_what_float64_cannot_hold():
    with pytest.raises(ValueError, match=r"the sum of l1_penalty overflows float64.*mean"):
        v.finite_reduce(np.array([1e308, 1e308]), "sum", "l1_penalty")
    with pytest.raises(ValueError, match=r"mse overflows float64 at index \(1,\).*rescale"):
        v.finite_reduce(np.array([1.0, np.inf]), "none", "mse")
    with pytest.raises(ValueError, match=r"mse overflows float64 at index \(1,\)"):
        v.finite_reduce(np.array([1.0, np.inf]), "mean", "mse")


def test_finite_reduce_matches_numpy_on_ordinary_values(rng):
    values = rng.normal(size=(5, 7))
    assert v.finite_reduce(values, "mean", "x") == float(np.mean(values))
    assert v.finite_reduce(values, "sum", "x") == float(np.sum(values))
    assert v.finite_reduce(values, "none", "x") is values
    assert type(v.finite_reduce(values, "mean", "x")) is float


def test_reduce_used_by_the_losses_no_longer_returns_inf():
    # mae of 0 against 1e308 four times: the mean 1e308 is representable (before: inf)
    assert losses.mae(np.zeros(4), np.full(4, 1e308)) == 1e308
    with pytest.raises(ValueError, match="overflows float64"):
        losses.mae(np.zeros(2), np.full(2, 1e308), reduction="sum")


# --- probabilities in one pass ------------------------------------------------------------------


def test_as_probability_array_accepts_what_both_checks_accept():
    np.testing.assert_array_equal(v.as_probability_array([0, 0.5, 1], "t"), [0.0, 0.5, 1.0])
    assert v.as_probability_array(np.array([-0.0, 1.0]), "t").dtype == np.float64
    assert v.as_probability_array([True, False], "t").tolist() == [1.0, 0.0]


def test_as_probability_array_refuses_with_the_messages_of_the_two_checks():
    with pytest.raises(ValueError, match=r"t contains NaN or infinite values"):
        v.as_probability_array([0.5, np.nan], "t")
    with pytest.raises(ValueError, match=r"t contains NaN or infinite values"):
        v.as_probability_array([np.inf], "t")
    with pytest.raises(ValueError, match=r"t must be probabilities in \[0, 1\], got values in"):
        v.as_probability_array([0.5, 1.0000000000000002], "t")
    with pytest.raises(ValueError, match=r"t must be probabilities"):
        v.as_probability_array([-5e-324], "t")
    with pytest.raises(TypeError, match="t is a masked array"):
        v.as_probability_array(MASKED, "t")
    with pytest.raises(ValueError, match="t is empty"):
        v.as_probability_array([], "t")
