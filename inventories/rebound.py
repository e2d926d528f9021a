"""Rebound scenarios: gains and money saved -> higher-order inventory lines.

Five kinds:

- direct rebound: a fraction of each energy gain taken back (more output or
  more comfort from the same saved energy); above 1 only when the project
  says ``backfire = true``;
- re-spending (income) rebound: money saved x share re-spent x the spending
  intensity of the spender (kg CO2-eq per EUR), after ITU-T L.Suppl.54.
  Money saved is given, or priced month by month from the energy gains
  at industrial prices, net of the energy the direct rebound takes back;
- output expansion or faster time-to-market: extra units made or sold x the
  impact of one unit (added);
- induction: extra use the twin enables, more data or devices (added);
- beneficial re-investment: savings invested in a measure that itself avoids
  impact, such as insulating a building (avoided: a negative rebound).
"""

from __future__ import annotations

import numpy as np
import pint

from inventories.context import BuildContext
from inventories.countries import EU27_MEMBERS
from inventories.lines import InventoryLine
from inventories.project import ReboundScenario
from lca import units
from lca.errors import LookupFailure, ProjectError
from lca.sampled import central, relative


def _regional(context: BuildContext, template: str, kind: str) -> str:
    """An id for the project country, or for its region when the country has none."""
    country = context.project.country
    chain = [country] + (["EU27"] if country in EU27_MEMBERS else []) + ["WORLD"]
    background = context.background
    for where in chain:
        candidate = template.format(where=where)
        dataset = background.datasets.get(candidate)
        parameter = background.parameters.get(candidate)
        if (dataset is not None and not dataset.is_gap) or (
            parameter is not None and parameter.value is not None
        ):
            if where != country:
                context.warn(
                    f"No open {kind} for {country}: the {where} figure ({candidate}) is used."
                )
            return candidate
    raise LookupFailure(
        f"no {kind} for {country}, EU27 or WORLD ({template.format(where=country)})"
    )


def energy_carrier(line: InventoryLine) -> str | None:
    """The energy carrier a line saves (electricity, natural-gas...), or None."""
    family, _, rest = line.dataset.partition("/")
    if family == "electricity":
        return "electricity"
    if family in ("fuel", "heat"):
        return rest.split("/")[0]
    return None


def _priced_energy(
    context: BuildContext, gains: list[InventoryLine], kept: float
) -> tuple[np.ndarray, float]:
    """Money saved by the energy gains at industrial prices: per month, and in total.

    ``kept`` is the share of the energy saving not taken back by the direct rebound:
    energy used again is not money saved. The months follow the central values;
    the total follows every sample.
    """
    monthly = np.zeros(context.n_months)
    total = 0.0
    for line in gains:
        carrier = energy_carrier(line)
        if carrier is None:
            continue
        price_id = _regional(context, f"price/{carrier}/{{where}}/industrial", f"{carrier} price")
        price = context.parameter(price_id, "EUR/kWh")
        money = line.sign * line.amount_per_month * price * kept
        monthly += central(money) * line.months
        total = total + money * float(line.months.sum())
    context.warn(
        "Re-spending rebound: money saved is priced from energy gains only; give "
        "rebound.<scenario>.respending.money_saved to include avoided trips and parts."
    )
    return monthly, total


def _flow_lines(
    context: BuildContext, scenario_name: str, kind: str, flows: list, role: str
) -> list[InventoryLine]:
    """Lines for output expansion, induction (added) or re-investment (avoided)."""
    lines = []
    for position, flow in enumerate(flows):
        path = f"rebound.{scenario_name}.{kind}[{position}]"
        dataset = context.electricity() if flow.dataset == "electricity" else flow.dataset
        try:
            record = context.background.dataset(dataset)
            per_year = flow.amount.value * units.conversion_factor(
                flow.amount.unit, f"({units.to_pint(record.unit)}) / year"
            )
        except LookupFailure as error:
            raise ProjectError(f"{path}.dataset", str(error)) from None
        except pint.errors.DimensionalityError:
            raise ProjectError(
                f"{path}.amount",
                f"{flow.amount.written!r} does not fit {dataset}, which is per {record.unit}",
            ) from None
        lines.append(
            InventoryLine(
                line_id=f"rebound/{scenario_name}/{kind}/{position}",
                effect_order="higher",
                role=role,
                source=scenario_name,
                component=f"{kind}: {flow.name or dataset}",
                dataset=dataset,
                amount_per_month=per_year / 12,
                months=context.every_month(),
                scenario=scenario_name,
                lever=kind,
            )
        )
    return lines


def rebound_lines(
    context: BuildContext, name: str, scenario: ReboundScenario, gains: list[InventoryLine]
) -> list[InventoryLine]:
    """The higher-order lines of one rebound scenario."""
    lines: list[InventoryLine] = []
    if scenario.direct is not None and scenario.direct.value > 0:
        for gain in gains:
            if energy_carrier(gain) is None or gain.role != "avoided":
                continue
            lines.append(
                InventoryLine(
                    line_id=f"rebound/{name}/direct/{gain.line_id}",
                    effect_order="higher",
                    role="added",
                    source=name,
                    component=f"direct rebound on {gain.component}",
                    dataset=gain.dataset,
                    amount_per_month=gain.amount_per_month * scenario.direct.value,
                    months=gain.months,
                    scenario=name,
                    lever=gain.lever,
                )
            )
    lines += _flow_lines(context, name, "output", scenario.output, "added")
    lines += _flow_lines(context, name, "induction", scenario.induction, "added")
    lines += _flow_lines(context, name, "reinvestment", scenario.reinvestment, "avoided")
    respending = scenario.respending
    if respending is not None and respending.share.value > 0:
        if respending.money_saved is not None:
            money = context.every_month()
            scale = respending.money_saved.value / 12
        else:
            kept = 1 - (scenario.direct.value if scenario.direct is not None else 0.0)
            try:
                monthly, total = _priced_energy(context, gains, kept)
            except LookupFailure as error:
                raise ProjectError(
                    f"rebound.{name}.respending.money_saved",
                    f"not given and cannot be priced: {error}",
                ) from None
            # Months that cost money (energy added) re-spend nothing; in samples, the
            # money re-spent scales with the total priced.
            money = np.maximum(monthly, 0.0)
            scale = relative(total) if central(total) > 0 else 1.0
        dataset = _regional(
            context,
            f"spending/{respending.spender}/{{where}}/average",
            f"{respending.spender} spending intensity",
        )
        lines.append(
            InventoryLine(
                line_id=f"rebound/{name}/respending",
                effect_order="higher",
                role="added",
                source=name,
                component=f"re-spending of money saved ({respending.spender})",
                dataset=dataset,
                amount_per_month=respending.share.value * scale,
                months=money,
                scenario=name,
                lever="money",
            )
        )
    return lines
