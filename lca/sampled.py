"""Sampled values: a central value that carries its Monte Carlo samples through the model.

The builders that turn a project into inventory lines are written for plain
numbers. To propagate uncertainty they are run once per chunk of samples with
:class:`Sampled` values in place of the uncertain inputs. A ``Sampled`` *is*
its central value (a float subclass): comparisons, ``if`` tests, ``int()`` and
formatting see the central value, so the model's structure (which lines exist,
their roles, their months) is that of the central case, while ``+ - * / **``
carry the samples along, element by element.

What does not carry samples is refused loudly rather than dropped silently:
numpy arrays meeting a ``Sampled`` raise ``TypeError`` (``__array_ufunc__`` is
None), as do ``//`` and ``%``. A builder that needs a sampled value next to a
monthly array writes the array from the central value and scales the amount
by :func:`relative`.

Each value also records the ids of the inputs it depends on, so that an input
whose uncertainty never reaches an inventory amount can be named.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from numbers import Real

import numpy as np


class Sampled(float):
    """A central value with its samples (one per Monte Carlo iteration) and input ids."""

    __slots__ = ("samples", "inputs")
    __array_ufunc__ = None

    samples: np.ndarray
    inputs: frozenset[str]

    def __new__(cls, central: float, samples: np.ndarray, inputs: frozenset[str] = frozenset()):
        value = super().__new__(cls, central)
        value.samples = samples
        value.inputs = inputs
        return value

    def __repr__(self) -> str:
        return f"Sampled({float(self)!r}, n={self.samples.shape[0]}, inputs={sorted(self.inputs)})"

    def _combine(self, other: object, op: Callable, reflected: bool) -> Sampled:
        if isinstance(other, Sampled):
            if other.samples.shape != self.samples.shape:
                raise ValueError(
                    f"sampled values of different lengths meet: {self.samples.shape} and "
                    f"{other.samples.shape}"
                )
            other_central, other_samples, inputs = (
                float(other),
                other.samples,
                self.inputs | other.inputs,
            )
        elif isinstance(other, Real):
            other_central, other_samples, inputs = float(other), float(other), self.inputs
        else:
            return NotImplemented
        if reflected:
            return Sampled(op(other_central, float(self)), op(other_samples, self.samples), inputs)
        return Sampled(op(float(self), other_central), op(self.samples, other_samples), inputs)

    def __add__(self, other):
        return self._combine(other, operator.add, False)

    def __radd__(self, other):
        return self._combine(other, operator.add, True)

    def __sub__(self, other):
        return self._combine(other, operator.sub, False)

    def __rsub__(self, other):
        return self._combine(other, operator.sub, True)

    def __mul__(self, other):
        return self._combine(other, operator.mul, False)

    def __rmul__(self, other):
        return self._combine(other, operator.mul, True)

    def __truediv__(self, other):
        return self._combine(other, operator.truediv, False)

    def __rtruediv__(self, other):
        return self._combine(other, operator.truediv, True)

    def __pow__(self, other, modulo=None):
        if modulo is not None:
            return NotImplemented
        return self._combine(other, operator.pow, False)

    def __rpow__(self, other):
        return self._combine(other, operator.pow, True)

    def __neg__(self) -> Sampled:
        return Sampled(-float(self), -self.samples, self.inputs)

    def __pos__(self) -> Sampled:
        return self

    def __abs__(self) -> Sampled:
        """The magnitude with the central value's sign flipped away, in every sample alike.

        A change that is a saving in the central case stays one line; a sample
        where it turns into an increase keeps the line with a negative amount,
        so that sums stay right.
        """
        return -self if float(self) < 0 else self

    def _refused(self, *_: object):
        raise TypeError("// and % have no sampled form; write the model with / instead")

    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __divmod__ = __rdivmod__ = _refused


def central(value: float) -> float:
    """The central value of a plain or sampled number."""
    return float(value)


def relative(value: float) -> float:
    """``value / central(value)``: 1.0 for a plain number, the samples' ratio otherwise.

    A builder that shapes a monthly profile from a central value (device
    replacements, a ramp-up) multiplies the line's amount by this, so that the
    study-period total follows every sample.
    """
    if isinstance(value, Sampled):
        return value / float(value)
    return 1.0


def samples_of(value: float, n: int) -> np.ndarray:
    """The samples of a value; a plain number repeats ``n`` times."""
    if isinstance(value, Sampled):
        return value.samples
    return np.full(n, float(value))


def inputs_of(value: float) -> frozenset[str]:
    """The ids of the uncertain inputs a value depends on (none for a plain number)."""
    return value.inputs if isinstance(value, Sampled) else frozenset()


def sampled_from(central_value: float, samples: np.ndarray, inputs: frozenset[str]) -> float:
    """A :class:`Sampled`, or the central value itself when there are no inputs."""
    if not inputs:
        return float(central_value)
    return Sampled(central_value, samples, inputs)
