"""What every write shares: validate before saving, record who and why, refuse lost
updates, keep many-to-many order, and change only the fields a service names."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models import Model


def save_validated(instance: Model, *, user=None, change_reason: str = "") -> Model:
    """full_clean() then save, with the history's user and reason."""
    instance.full_clean()
    if user is not None:
        instance._history_user = user
    if change_reason:
        instance._change_reason = change_reason
    instance.save()
    return instance


class StaleEdit(Exception):
    """Someone saved the record after this user loaded it: saving would lose their work."""

    def __init__(self, current: Model):
        self.current = current
        latest = current.history.order_by("-history_date", "-history_id").first()
        self.changed_by = latest.history_user if latest else None
        self.changed_at = latest.history_date if latest else current.updated_at
        super().__init__(f"{current} was changed by {self.changed_by} at {self.changed_at}")


def version_of(instance: Model) -> str:
    """The token an edit form carries: the moment the record was last saved."""
    return instance.updated_at.isoformat()


def lock_current(instance: Model, version: str | None) -> Model:
    """Lock the row and refuse the write if it changed since the form was loaded.

    Returns the row as locked: changes are made to it, not to the instance passed in,
    so that fields the edit does not touch (a position changed by a move meanwhile, say)
    are saved as they now are, not as they were when the instance was read.
    """
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if version is not None and version_of(current) != version:
        raise StaleEdit(current)
    return current


def model_update(*, instance: Model, fields: Iterable[str], data: Mapping[str, Any]) -> list[str]:
    """Set the named fields that `data` holds and return those whose value changed.

    A key outside `fields` is a programming error, refused before anything is set:
    each update service names exactly what it may change.
    """
    allowed = list(fields)
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"{type(instance).__name__} fields not updatable here: {sorted(unknown)}")
    changed = []
    for name in allowed:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def set_in_order(instance: Model, field: str, items: list[Model], *, new: bool = False) -> None:
    """Set a many-to-many field in the order given, recorded as one revision.

    Django's add() takes a set, losing the order in which a cell names its owners
    ("SRO MAPPS Programme", then "T/Det Supt ...") or a plan its bodies; adding one at
    a time keeps it, and history is written only for the last add, which sees the list.
    `new`: the instance was created in this transaction, so it has none yet.
    """
    manager = getattr(instance, field)
    if not new:
        relation = getattr(type(instance), field).field
        through = manager.through.objects.filter(**{relation.m2m_field_name(): instance})
        target = f"{relation.m2m_reverse_field_name()}_id"
        if list(through.order_by("id").values_list(target, flat=True)) == [i.pk for i in items]:
            return
    instance.skip_history_when_saving = True
    try:
        if not new:
            manager.clear()
        for item in items[:-1]:
            manager.add(item)
    finally:
        del instance.skip_history_when_saving
    if items:
        manager.add(items[-1])
    else:
        manager.clear()


def create_with_owners(instance: Model, owners: list[Model], *, user, change_reason: str):
    """Save a new action or progress entry and name its owners, in order, as one change."""
    save_validated(instance, user=user, change_reason=change_reason)
    set_in_order(instance, "owners", owners, new=True)
    return instance


def position_after(siblings) -> int:
    """A position after every one of these siblings."""
    return (siblings.aggregate(m=models.Max("position"))["m"] or 0) + 1
