"""Fuzzing the project-file loader: no input gives a traceback; every rejection is one line
naming the dotted path of a field."""

from __future__ import annotations

import copy
import math
import re
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cli
from inventories.project import parse_project
from lca.errors import ProjectError

EXAMPLE = tomllib.loads(cli.example_text())

_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["5 kg", "nan kWh", "inf", "1e308 years", "-3 %", "8000 Gb/year", "0 years",
                     "__import__('os').system('id')", "1/0", "FR", "Production-01", "{}", "[]"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.sampled_from(["value", "min", "max", "gsd", "distribution", "x"]),
                    st.one_of(st.floats(), st.text(max_size=8)), max_size=3),
)  # fmt: skip


def _paths(node, prefix=()):
    """Every (path, leaf) of a nested TOML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list) and node and isinstance(node[0], dict):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))
    else:
        yield prefix, node


PATHS = [path for path, _ in _paths(EXAMPLE)]


def _set(document, path, value):
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.tuples(st.sampled_from(PATHS), _LEAVES), min_size=1, max_size=3))
def test_mutated_projects_load_or_fail_in_one_line(mutations):
    document = copy.deepcopy(EXAMPLE)
    for path, value in mutations:
        _set(document, path, value)
    try:
        project = parse_project(document)
    except ProjectError as error:
        message = str(error)
        assert "\n" not in message and "Traceback" not in message
        assert re.match(r"^[A-Za-z_][\w.\[\]-]*(\.[\w-]+|\[\d+\])*: ", message), message
        return
    for quantity_path, _ in mutations:
        assert quantity_path  # accepted: every number in it must be finite
    assert math.isfinite(project.study_period.value)
