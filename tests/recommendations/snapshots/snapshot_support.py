"""Comparing two snapshots of plans held under different ids (a plan imported again)."""

import dataclasses

from recommendations.models import ResponsibleBody

# Database ids differ between two copies of a plan; which action a progress entry
# revises is still compared, through each action's list of revisions.
IDS = {"id", "round_id", "revises_action_id"}


def comparable(view) -> dict:
    """Everything a snapshot says, ids and slug aside, as plain nested data."""
    data = _plain(view)
    del data["slug"]
    return data


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in IDS
        }
    if isinstance(value, ResponsibleBody):
        return (value.name, value.short_name, value.logo_alt)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def differences(left: dict, right: dict, where: str = "plan") -> list[str]:
    """Where two plain snapshots differ, field by field (empty when they are equal)."""
    if isinstance(left, dict) and isinstance(right, dict):
        found = []
        for key in sorted(set(left) | set(right)):
            found += differences(left.get(key), right.get(key), f"{where}.{key}")
        return found
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        found = []
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found += differences(a, b, f"{where}[{index}]")
        return found
    return [] if left == right else [f"{where}: {left!r} != {right!r}"]
