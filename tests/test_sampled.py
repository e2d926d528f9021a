"""Sampled values: arithmetic carries the samples, structure follows the central value."""

from __future__ import annotations

import numpy as np
import pytest

from lca.sampled import Sampled, relative, samples_of


def _x() -> Sampled:
    return Sampled(2.0, np.array([1.0, 2.0, 4.0]), frozenset({"x"}))


def test_arithmetic_carries_samples_and_inputs():
    x, y = _x(), Sampled(3.0, np.array([3.0, 3.0, 6.0]), frozenset({"y"}))
    result = (1 + x * y - x / 2) ** 2 / 10

    assert float(result) == pytest.approx((1 + 6 - 1) ** 2 / 10)
    assert result.samples == pytest.approx([(1 + 3 - 0.5) ** 2 / 10, 3.6, (1 + 24 - 2) ** 2 / 10])
    assert result.inputs == {"x", "y"}
    assert (10 - x).samples.tolist() == [9.0, 8.0, 6.0]
    assert (8 / x).samples.tolist() == [8.0, 4.0, 2.0]
    assert (np.float64(3) * x).samples.tolist() == [3.0, 6.0, 12.0]


def test_comparisons_and_abs_follow_the_central_value():
    change = Sampled(-2.0, np.array([-1.0, 3.0]), frozenset({"c"}))

    assert change < 0 and not change > 0
    assert abs(change).samples.tolist() == [1.0, -3.0]  # one sign flip for every sample
    assert int(_x()) == 2


def test_what_would_drop_samples_is_refused():
    with pytest.raises(TypeError):
        np.ones(3) * _x()
    with pytest.raises(TypeError):
        _x() // 2


def test_relative_and_samples_of():
    assert relative(5.0) == 1.0
    assert relative(_x()).samples.tolist() == [0.5, 1.0, 2.0]
    assert samples_of(1.5, 2).tolist() == [1.5, 1.5]
