"""Responsible owners: roles named in cells, shared across recommendations and plans."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ..models import Owner
from ..text import single_spaced
from .common import save_validated


def owner_get_or_create(*, name: str, user=None) -> Owner:
    """The owner with this role name (matched ignoring case and spacing), made if new."""
    clean_name = single_spaced(name)
    existing = Owner.objects.filter(name__iexact=clean_name).first()
    if existing:
        return existing
    try:
        # Two editors may name the same new role at once: the database decides.
        with transaction.atomic():
            return save_validated(Owner(name=clean_name), user=user)
    except (IntegrityError, ValidationError):
        found = Owner.objects.filter(name__iexact=clean_name).first()
        if found is None:
            raise
        return found


def owners_from_names(*, names: Iterable[str], user=None) -> list[Owner]:
    """The owners a cell names, in its order: blanks skipped, a role named twice (in any
    case or spacing) kept once, new roles made. Refuses a cell that names nobody."""
    owners: list[Owner] = []
    seen: set[str] = set()
    for name in names:
        key = single_spaced(name).casefold()
        if key and key not in seen:
            seen.add(key)
            owners.append(owner_get_or_create(name=name, user=user))
    if not owners:
        raise ValidationError({"owners": "Choose at least one responsible owner"})
    return owners
