"""Writes to a plan as a whole: creating it, its addressee headings, and ordering.

The front matter's own edits are in `front_matter`."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import ActionPlan, AddresseeGroup, InspectionReport, Milestone, ResponsibleBody
from ..text import single_spaced
from .common import position_after, save_validated, set_in_order
from .front_matter import categorisation_standard_add


@transaction.atomic
def plan_create(
    *,
    report_title: str,
    report_published_on: datetime.date | None,
    slug: str,
    title: str,
    bodies: Iterable[ResponsibleBody],
    introduction: str = "",
    user=None,
    change_reason: str = "",
) -> ActionPlan:
    bodies = list(bodies)
    if not bodies:
        raise ValidationError({"bodies": "Select at least one responding body"})
    if ActionPlan.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": "A plan with this web address already exists"})
    report = save_validated(
        InspectionReport(title=report_title, published_on=report_published_on),
        user=user,
        change_reason=change_reason,
    )
    plan = save_validated(
        ActionPlan(
            slug=slug, report=report, title=title or report_title, introduction=introduction
        ),
        user=user,
        change_reason=change_reason,
    )
    set_in_order(plan, "bodies", bodies)
    if report_published_on:
        save_validated(
            Milestone(
                plan=plan,
                kind=Milestone.Kind.REPORT_PUBLISHED,
                label="Report Published",
                date=report_published_on,
            ),
            user=user,
            change_reason=change_reason,
        )
    # The standard table: its definitions are the hints beside the agreement question.
    categorisation_standard_add(plan=plan, user=user, change_reason=change_reason)
    return plan


@transaction.atomic
def group_add(*, plan: ActionPlan, heading: str, user=None, change_reason: str = ""):
    heading = single_spaced(heading)
    if not heading:
        raise ValidationError(
            {"heading": "Enter the addressee heading, such as “The Ministry of Justice should:”"}
        )
    return save_validated(
        AddresseeGroup(plan=plan, heading=heading, position=position_after(plan.groups.all())),
        user=user,
        change_reason=change_reason,
    )


@transaction.atomic
def move(*, instance, siblings, direction: str, user=None, change_reason: str = "") -> None:
    """Move one item up or down among its siblings, renumbering them 0..n-1."""
    items = list(siblings.select_for_update().order_by("position", "id"))
    index = next(i for i, item in enumerate(items) if item.pk == instance.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(items):
        return
    items[index], items[target] = items[target], items[index]
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            save_validated(item, user=user, change_reason=change_reason)
