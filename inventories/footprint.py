"""The twin's own IT footprint: IT description -> first-order inventory lines.

Tiers follow the French digital-services category rules and ITU-T L.1410:
terminals (field devices and user devices), networks, datacentres (cloud and
edge). Phases: manufacture (with transport), use, end of life.

Allocation rules applied here:

- embodied impact (manufacture, end of life) is counted by the share of each
  device's life inside the study: ``count x share x study / lifetime`` devices
  in all, replacements included; in time, manufacture falls when a device is
  bought (up front, then at each replacement);
- a shared device counts by the twin's share of its use;
- use-phase electricity is average power x hours of use; datacentre
  electricity is IT energy x PUE, and on-site water is IT energy x WUE;
- networks: energy per GB x data volume (the attributional per-GB model), or
  the power model: the always-on baseline power of the lines the twin causes
  plus a marginal energy per GB (the consequential reading);
- cloud compute: energy per vCPU-hour at a utilisation (Cloud Carbon
  Footprint's linear power model), and the host's manufacture shared by
  vCPU-hours over the host's vCPUs and lifetime; GPU work (inference a year,
  training once or per retraining) likewise by GPU-hours.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from inventories.context import BuildContext
from inventories.lines import InventoryLine
from inventories.project import Cloud, Device, ITInventory, Network
from lca.errors import LookupFailure, ProjectError
from lca.sampled import central, relative

HOURS_PER_MONTH = 730.0
ON_SITE_WATER = "water/consumed-on-site"

_DEVICE_TIERS = {
    "field_devices": "terminals",
    "user_terminals": "terminals",
    "edge_servers": "datacentres",
}


def _line(context: BuildContext, **fields) -> InventoryLine:
    fields.setdefault("months", context.every_month())
    return InventoryLine(effect_order="first", role="added", **fields)


def purchases(n_months: int, lifetime_months: float) -> tuple[np.ndarray, np.ndarray]:
    """When devices are made and reach end of life, as weights in devices per month.

    A device is bought at the start, and again each time one reaches the end of its
    life within the study. Each counts by the share of its life inside the study, so
    the total is study / lifetime (the amortised count) while the time profile puts
    manufacture up front; the end of life falls when a life ends, or in the last
    month for a device that outlives the study.
    """
    made = np.zeros(n_months)
    ended = np.zeros(n_months)
    start = 0.0
    while start < n_months:
        counted = min(lifetime_months, n_months - start) / lifetime_months
        made[int(start)] += counted
        end = start + lifetime_months
        ended[min(int(np.ceil(end)) - 1, n_months - 1)] += counted
        start = end
    return made, ended


def _default(context: BuildContext, given, parameter_id: str, unit: str, path: str) -> float:
    if given is not None:
        return given.value
    try:
        return context.parameter(parameter_id, unit)
    except LookupFailure as error:
        raise ProjectError(path, f"no value given and no default: {error}") from None


def _hours_per_day(context: BuildContext, device: Device) -> float:
    """Hours of use per day: given, else the device type's use-time ratio, else always on."""
    if device.hours_per_day is not None:
        return device.hours_per_day.value
    ratio = f"it/{device.type}/use-time-ratio"
    if ratio in context.background.parameters:
        return 24.0 * context.parameter(ratio, "dimensionless")
    return 24.0


def _on_site_water(context: BuildContext, kind: str, given, path: str | None) -> float:
    """WUE in L/kWh: given, else the kind's default; 0, with a warning, where none exists."""
    if given is not None:
        return given.value
    try:
        return context.parameter(f"datacentre/{kind}/wue", "L/kWh")
    except LookupFailure:
        hint = f" (give {path}.wue to count it)" if path else ""
        context.warn(
            f"On-site water of {kind} datacentres is not counted: no open WUE figure{hint}."
        )
        return 0.0


def device_lines(
    context: BuildContext, device: Device, tier: str, path: str, pue: float = 1.0, wue: float = 0.0
) -> list[InventoryLine]:
    """Manufacture, use and end of life of one kind of device."""
    manufacture = f"it/{device.type}/manufacture"
    if manufacture not in context.background.datasets:
        known = sorted({key.split("/")[1] for key in context.background.ids_under("it/")})
        raise ProjectError(
            f"{path}.type", f"{device.type!r} is not a known device type; known: {', '.join(known)}"
        )
    lifetime = _default(
        context, device.lifetime, f"it/{device.type}/lifetime", "year", f"{path}.lifetime"
    )
    if lifetime <= 0:
        raise ProjectError(
            f"{path}.lifetime",
            f"the default lifetime of {device.type} is {lifetime}; give one above zero",
        )
    power = _default(context, device.power, f"it/{device.type}/power", "W", f"{path}.power")
    share = device.share.value if device.share is not None else 1.0
    hours_per_day = _hours_per_day(context, device)
    # Purchases fall in the months the central lifetime gives; a sampled lifetime
    # scales the number of devices made (study / lifetime) in every sample.
    made, ended = purchases(context.n_months, central(lifetime) * 12)
    units = device.count.value * share * relative(1 / lifetime)
    key = f"footprint/{tier}/{device.name}"
    lines = [
        _line(
            context,
            line_id=f"{key}/manufacture",
            tier=tier,
            phase="manufacture",
            source=device.name,
            component=f"{device.name} ({device.type})",
            dataset=manufacture,
            amount_per_month=units,
            months=made,
        ),
    ]
    end_of_life = f"it/{device.type}/end-of-life"
    if end_of_life in context.background.datasets:
        lines.append(
            _line(
                context,
                line_id=f"{key}/end-of-life",
                tier=tier,
                phase="end of life",
                source=device.name,
                component=f"{device.name} ({device.type})",
                dataset=end_of_life,
                amount_per_month=units,
                months=ended,
            )
        )
    elif device.waste_mass is None:
        context.warn(
            f"{device.type}: no separate end-of-life dataset; its end of life counts only "
            "where the manufacture figure includes it (see `twinlca data show "
            f"{manufacture}`)."
        )
    if device.waste_mass is not None:
        lines.append(
            _line(
                context,
                line_id=f"{key}/waste",
                tier=tier,
                phase="end of life",
                source=device.name,
                component=f"{device.name} ({device.type}) to {device.waste_treatment}",
                dataset=f"waste/{device.waste_treatment}",
                amount_per_month=units * device.waste_mass.value,
                months=ended,
            )
        )
    it_energy = device.count.value * share * power / 1000 * hours_per_day * HOURS_PER_MONTH / 24
    lines.append(
        _line(
            context,
            line_id=f"{key}/use",
            tier=tier,
            phase="use",
            source=device.name,
            component=f"{device.name} ({device.type})",
            dataset=context.electricity(device.location),
            amount_per_month=it_energy * pue,
        )
    )
    if wue > 0:
        lines.append(
            _line(
                context,
                line_id=f"{key}/water",
                tier=tier,
                phase="use",
                source=device.name,
                component=f"{device.name} ({device.type}) cooling water",
                dataset=ON_SITE_WATER,
                amount_per_month=it_energy * wue / 1000,
            )
        )
    return lines


def network_lines(context: BuildContext, network: Network, path: str) -> list[InventoryLine]:
    """Electricity of the data a network carries for the twin, per GB or with the power model."""
    name = network.name or network.type
    volume = network.volume.value
    if network.model == "per-GB":
        intensity = _default(
            context, None, f"network/{network.type}/energy-intensity", "kWh/GB", path
        )
        kwh_per_year = volume * intensity
        context.warn(
            "Networks are counted with the per-GB energy model (use phase only): the "
            "manufacture and end of life of network equipment are not counted, and a "
            "marginal GB on an always-on line costs less than its average share "
            '(model = "power" counts that reading).'
        )
    else:
        baseline = _default(context, None, f"network/{network.type}/baseline-power", "W", path)
        marginal = _default(
            context, None, f"network/{network.type}/marginal-energy", "kWh/GB", path
        )
        capacity_w = 0.0
        if network.capacity is not None:
            capacity_w = network.capacity.value * _default(
                context,
                None,
                f"network/{network.type}/capacity-power",
                "W/(Mbit/s)",
                f"{path}.capacity",
            )
        lines = network.lines.value if network.lines is not None else 1.0
        share = network.line_share.value if network.line_share is not None else 1.0
        kwh_per_year = lines * share * (baseline + capacity_w) * 8.76 + volume * marginal
        context.warn(
            f"{name}: power model: the always-on baseline of {lines:g} line(s) x {share:g} "
            "caused by the twin, plus a marginal energy per GB; a line that exists anyway "
            "should have line_share = 0."
        )
    return [
        _line(
            context,
            line_id=f"footprint/networks/{name}/use",
            tier="networks",
            phase="use",
            source=name,
            component=f"{name} ({network.type}) data transfer",
            dataset=context.electricity(network.location),
            amount_per_month=kwh_per_year / 12,
        )
    ]


def cloud_lines(context: BuildContext, cloud: Cloud, path: str) -> list[InventoryLine]:
    """Compute, memory and storage rented in a cloud region."""
    hours_per_year = 8760.0
    if cloud.vcpu_hours is not None:
        vcpu_hours = cloud.vcpu_hours.value
    elif cloud.vcpus is not None:
        vcpu_hours = cloud.vcpus.value * hours_per_year
    else:
        vcpu_hours = 0.0
    if cloud.utilisation is None and vcpu_hours > 0:
        context.warn(
            f"{cloud.name}: vCPU utilisation not given; the Cloud Carbon Footprint average "
            "utilisation is used (see `twinlca data show cloud/vcpu/utilisation`)."
        )
    utilisation = _default(
        context, cloud.utilisation, "cloud/vcpu/utilisation", "dimensionless", f"{path}.utilisation"
    )
    power_min = context.parameter("cloud/vcpu/power-min", "W")
    power_max = context.parameter("cloud/vcpu/power-max", "W")
    vcpu_power = power_min + utilisation * (power_max - power_min)
    memory_w = (
        cloud.memory.value * context.parameter("cloud/memory/power", "W/GB")
        if cloud.memory
        else 0.0
    )
    storage_tb = cloud.storage.value / 1000 if cloud.storage else 0.0
    storage_w = storage_tb * context.parameter(f"cloud/storage-{cloud.storage_type}/power", "W/TB")
    gpu_hours = cloud.gpu_hours.value if cloud.gpu_hours is not None else 0.0
    gpu_power = (
        context.parameter("cloud/gpu/power", "W")
        if (gpu_hours or cloud.training_gpu_hours)
        else 0.0
    )
    it_kwh_per_year = (
        vcpu_hours * vcpu_power + gpu_hours * gpu_power + (memory_w + storage_w) * hours_per_year
    ) / 1000
    kind = cloud.datacentre
    pue = _default(context, cloud.pue, f"datacentre/{kind}/pue", "dimensionless", f"{path}.pue")
    wue = _on_site_water(context, kind, cloud.wue, path)
    key = f"footprint/datacentres/{cloud.name}"
    component = f"{cloud.name} (cloud, {cloud.region})"
    lines = [
        _line(
            context,
            line_id=f"{key}/use",
            tier="datacentres",
            phase="use",
            source=cloud.name,
            component=component,
            dataset=context.electricity(cloud.region),
            amount_per_month=it_kwh_per_year * pue / 12,
        ),
    ]
    if wue > 0:
        lines.append(
            _line(
                context,
                line_id=f"{key}/water",
                tier="datacentres",
                phase="use",
                source=cloud.name,
                component=f"{component} cooling water",
                dataset=ON_SITE_WATER,
                amount_per_month=it_kwh_per_year * wue / 1000 / 12,
            )
        )
    if vcpu_hours > 0:
        host_vcpus = context.parameter("cloud/host/vcpus", "dimensionless")
        host_life_h = context.parameter("cloud/host/lifetime", "hour")
        lines.append(
            _line(
                context,
                line_id=f"{key}/hosts/manufacture",
                tier="datacentres",
                phase="manufacture",
                source=cloud.name,
                component=f"{component} host servers",
                dataset="it/rack-server/manufacture",
                amount_per_month=vcpu_hours / 12 / (host_vcpus * host_life_h),
            )
        )
    if storage_tb > 0:
        storage_life = context.parameter(f"it/storage-{cloud.storage_type}/lifetime", "year")
        lines.append(
            _line(
                context,
                line_id=f"{key}/storage/manufacture",
                tier="datacentres",
                phase="manufacture",
                source=cloud.name,
                component=f"{component} storage",
                dataset=f"it/storage-{cloud.storage_type}/manufacture",
                amount_per_month=storage_tb / (storage_life * 12),
            )
        )
    if gpu_hours > 0:
        lines.append(_gpu_servers(context, key, component, cloud.name, gpu_hours / 12, "inference"))
    if cloud.training_gpu_hours is not None and cloud.training_gpu_hours.value > 0:
        lines += _training(context, cloud, key, component, gpu_power, pue)
    context.warn(
        "Cloud: the manufacture of hosts and storage is counted; datacentre buildings, "
        "cooling plant and storage replication are not."
    )
    return lines


def _gpu_servers(
    context: BuildContext,
    key: str,
    component: str,
    source: str,
    gpu_hours_per_month: float,
    purpose: str,
    months=None,
) -> InventoryLine:
    """The share of GPU servers' manufacture that GPU-hours take, by GPU and lifetime."""
    gpus = context.parameter("cloud/gpu-server/gpus", "dimensionless")
    life_h = context.parameter("it/gpu-server/lifetime", "hour")
    line = _line(
        context,
        line_id=f"{key}/gpu-servers/{purpose}/manufacture",
        tier="datacentres",
        phase="manufacture",
        source=source,
        component=f"{component} GPU servers ({purpose})",
        dataset="it/gpu-server/manufacture",
        amount_per_month=gpu_hours_per_month / (gpus * life_h),
    )
    if months is not None:
        line = dataclasses.replace(line, months=months)
    return line


def _training(
    context: BuildContext, cloud: Cloud, key: str, component: str, gpu_power: float, pue: float
) -> list[InventoryLine]:
    """Model training: once, in the first month, or spread as retrainings a year."""
    run_hours = cloud.training_gpu_hours.value
    if cloud.trainings_per_year is not None:
        per_month = run_hours * cloud.trainings_per_year.value / 12
        months = context.every_month()
    else:
        per_month = run_hours
        months = np.zeros(context.n_months)
        months[0] = 1.0
    energy = _line(
        context,
        line_id=f"{key}/training/use",
        tier="datacentres",
        phase="use",
        source=cloud.name,
        component=f"{component} model training",
        dataset=context.electricity(cloud.region),
        amount_per_month=per_month * gpu_power / 1000 * pue,
    )
    return [
        dataclasses.replace(energy, months=months),
        _gpu_servers(context, key, component, cloud.name, per_month, "training", months),
    ]


def footprint_lines(context: BuildContext, architecture: str) -> list[InventoryLine]:
    """Every first-order line of one architecture: the common IT plus its own."""
    project = context.project
    lines: list[InventoryLine] = []
    for prefix, it in (
        ("it", project.it),
        (f"architectures.{architecture}", project.architectures[architecture]),
    ):
        lines += _inventory_lines(context, it, prefix)
    _check_unique(lines, architecture)
    if not lines:
        context.warn(f"Architecture {architecture} lists no IT: the twin's own footprint is zero.")
    return lines


def _inventory_lines(context: BuildContext, it: ITInventory, prefix: str) -> list[InventoryLine]:
    lines: list[InventoryLine] = []
    for section, tier in _DEVICE_TIERS.items():
        for position, device in enumerate(getattr(it, section)):
            path = f"{prefix}.{section}[{position}]"
            if section == "edge_servers":
                pue = context.parameter("datacentre/edge/pue", "dimensionless")
                context.warn(
                    f"Edge servers: their electricity is multiplied by the default PUE of edge "
                    f"micro-datacentres, {pue:g} (see `twinlca data show datacentre/edge/pue`)."
                )
                wue = _on_site_water(context, "edge", None, None)
                lines += device_lines(context, device, tier, path, pue, wue)
            else:
                lines += device_lines(context, device, tier, path)
    for position, network in enumerate(it.networks):
        lines += network_lines(context, network, f"{prefix}.networks[{position}]")
    for position, cloud in enumerate(it.cloud):
        lines += cloud_lines(context, cloud, f"{prefix}.cloud[{position}]")
    return lines


def _check_unique(lines: list[InventoryLine], architecture: str) -> None:
    seen: set[str] = set()
    for line in lines:
        if line.line_id in seen:
            raise ProjectError(
                f"architectures.{architecture}",
                f"two IT items share the name in {line.line_id!r}; give each a distinct name",
            )
        seen.add(line.line_id)
