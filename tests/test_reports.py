"""Report writers: user text stays text, numbers keep their units and markers."""

from __future__ import annotations

import pytest

from reports.markdown import markdown_report, markdown_text
from reports.numbers import net_is_meaningful, significant


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (548046.6, "548\u202f000"),
        (2649.68, "2\u202f650"),
        (0.0195, "0.0195"),
        (1.234e-7, "1.23e-07"),
        (-493334.01, "-493\u202f000"),
        (1e300, "1.00e+300"),
        (0, "0"),
    ],
)
def test_significant_figures(value, expected):
    assert significant(value) == expected


def test_user_text_cannot_inject_html_or_break_tables():
    assert markdown_text("<script>alert(1)</script> | x\nnext") == (
        "&lt;script&gt;alert(1)&lt;/script&gt; \\| x next"
    )


def test_report_escapes_the_project_name(tiny_assessment):
    assessment, _ = tiny_assessment
    hostile = assessment.project.model_copy(update={"name": "<script>alert(1)</script>"})
    assessment.project = hostile
    try:
        report = markdown_report(assessment, "twinlca run")
    finally:
        assessment.project = hostile.model_copy(update={"name": "Tiny twin"})
    assert "<script>" not in report
    assert "&lt;script&gt;" in report


def test_net_benefit_without_any_data_on_one_side_is_not_a_number_to_show():
    entry = {"coverage": {"gains": 0.0, "footprint": 0.4, "rebound": 1.0}}
    assert not net_is_meaningful(entry)
    entry["coverage"]["gains"] = 0.2
    assert net_is_meaningful(entry)
