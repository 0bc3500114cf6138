"""Writes to a plan's front matter: the report, the plan's own texts and bodies, its
milestones, its categorisation table and its addressee headings; and the responding
bodies themselves (administrators').

Every update takes the version the form was loaded from and refuses a lost update
(`common.lock_current`). Submission milestones are made by `submissions.plan_submit`
alone: they fix what reviewers read, so nothing here adds or changes one.
"""

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import (
    ActionPlan,
    AddresseeGroup,
    Agreement,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    ResponsibleBody,
)
from ..text import single_spaced
from .common import lock_current, model_update, position_after, save_validated, set_in_order

# The standard categorisation table, as the seed plan publishes it (verbatim:
# tests/recommendations/services/test_front_matter_services.py compares it with
# fixtures/ct-joint-inspection-2023.yaml). A new plan starts from it.
STANDARD_CATEGORISATION: tuple[dict[str, str], ...] = (
    {
        "term": Agreement.AGREED.value,
        "definition": (
            "All of the recommendation is agreed with, can be achieved and is affordable."
        ),
        "comment": (
            "The response should clearly explain how the recommendation will be achieved "
            "along with timescales. Actions should be as SMART (Specific, Measurable, "
            "Achievable, Realistic and Time-bound) as possible. Actions should be specific "
            "enough to be tracked for progress."
        ),
    },
    {
        "term": Agreement.PARTLY_AGREED.value,
        "definition": (
            "Only part of the recommendation is agreed with, is achievable, affordable and "
            "will be implemented. This might be because we cannot implement the whole "
            "recommendation because of commissioning, policy, operational or affordability "
            "reasons."
        ),
        "comment": (
            "The response must state clearly which part of the recommendation will be "
            "implemented along with SMART actions and tracked for progress. There must be an "
            "explanation of why we cannot fully agree the recommendation - this must state "
            "clearly whether this is due to commissioning, policy, operational or "
            "affordability reasons."
        ),
    },
    {
        "term": Agreement.NOT_AGREED.value,
        "definition": (
            "The recommendation is not agreed and will not be implemented. This might be "
            "because of commissioning, policy, operational or affordability reasons."
        ),
        "comment": (
            "The response must clearly state the reasons why we have chosen this option. "
            "There must be an explanation of why we cannot agree the recommendation - this "
            "must state clearly whether this is due to commissioning, policy, operational or "
            "affordability reasons."
        ),
    },
)

REPORT_FIELDS = ("title", "published_on", "inspection_period")
PLAN_FIELDS = ("title", "caveat", "introduction")
BODY_FIELDS = ("name", "short_name", "logo_alt")
MILESTONE_FIELDS = ("kind", "label", "date")
TERM_FIELDS = ("definition", "comment")
# The milestones an editor may add or change: every kind but the submissions.
EDITABLE_MILESTONE_KINDS = tuple(
    kind for kind in Milestone.Kind.values if kind not in Milestone.SUBMISSION_KINDS
)


def _required(data: Mapping[str, Any], field: str, message: str) -> None:
    if field in data and not str(data[field] or "").strip():
        raise ValidationError({field: message})


def _update(instance, *, fields, data, user, change_reason):
    """Set the named fields and save, with history, only if something changed."""
    if model_update(instance=instance, fields=fields, data=data):
        save_validated(instance, user=user, change_reason=change_reason)
    return instance


@transaction.atomic
def report_update(
    *,
    plan: ActionPlan,
    data: Mapping[str, Any],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> InspectionReport:
    """Change the report's title, publication date or inspection period (as written)."""
    _required(data, "title", "Enter the title of the inspection report")
    report = lock_current(plan.report, version)
    return _update(report, fields=REPORT_FIELDS, data=data, user=user, change_reason=change_reason)


@transaction.atomic
def plan_update(
    *,
    plan: ActionPlan,
    data: Mapping[str, Any],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> ActionPlan:
    """Change the plan's own title (the heading of its table), caveat or introduction."""
    _required(data, "title", "Enter the title of the action plan")
    plan = lock_current(plan, version)
    return _update(plan, fields=PLAN_FIELDS, data=data, user=user, change_reason=change_reason)


@transaction.atomic
def plan_bodies_set(
    *,
    plan: ActionPlan,
    bodies: Sequence[ResponsibleBody],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> ActionPlan:
    """Name the plan's responding bodies, in the order they head the plan."""
    bodies = list(dict.fromkeys(bodies))
    if not bodies:
        raise ValidationError({"bodies": "Select at least one responding body"})
    plan = lock_current(plan, version)
    through = ActionPlan.bodies.through.objects.filter(actionplan=plan).order_by("id")
    if list(through.values_list("responsiblebody_id", flat=True)) == [b.pk for b in bodies]:
        return plan
    # Moves the version on, so that a form loaded before this change is refused.
    plan.updated_at = timezone.now()
    ActionPlan.objects.filter(pk=plan.pk).update(updated_at=plan.updated_at)
    # The revision is the one simple-history writes for the many-to-many change; it
    # takes the user and the reason from the instance.
    if user is not None:
        plan._history_user = user
    if change_reason:
        plan._change_reason = change_reason
    set_in_order(plan, "bodies", bodies)
    return plan


@transaction.atomic
def categorisation_standard_add(*, plan: ActionPlan, user=None, change_reason: str = ""):
    """Give a plan the standard categorisation table: each term it lacks, in order."""
    have = set(plan.categorisation.values_list("term", flat=True))
    for position, row in enumerate(STANDARD_CATEGORISATION):
        if row["term"] not in have:
            save_validated(
                CategorisationTerm(plan=plan, position=position, **row),
                user=user,
                change_reason=change_reason,
            )
    return list(plan.categorisation.all())


@transaction.atomic
def categorisation_term_update(
    *,
    term: CategorisationTerm,
    data: Mapping[str, Any],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> CategorisationTerm:
    """Change a term's definition (the hint beside its agreement choice) or comment."""
    _required(data, "definition", f"Enter the definition of {term.get_term_display()}")
    term = lock_current(term, version)
    return _update(term, fields=TERM_FIELDS, data=data, user=user, change_reason=change_reason)


def _editable_milestone(kind: str) -> None:
    if kind in Milestone.SUBMISSION_KINDS:
        raise ValidationError(
            {"kind": "Submissions are recorded by submitting the plan, not added here"}
        )


@transaction.atomic
def milestone_add(
    *,
    plan: ActionPlan,
    label: str,
    date: datetime.date,
    kind: str = Milestone.Kind.OTHER,
    user=None,
    change_reason: str = "",
) -> Milestone:
    _editable_milestone(kind)
    label = single_spaced(label)
    if not label:
        raise ValidationError({"label": "Enter the milestone as it will be published"})
    return save_validated(
        Milestone(
            plan=plan,
            kind=kind,
            label=label,
            date=date,
            position=position_after(plan.milestones.all()),
        ),
        user=user,
        change_reason=change_reason,
    )


@transaction.atomic
def milestone_update(
    *,
    milestone: Milestone,
    data: Mapping[str, Any],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> Milestone:
    """Change a milestone that is not a submission (submissions fix what reviewers read)."""
    _editable_milestone(milestone.kind)
    _editable_milestone(data.get("kind", ""))
    _required(data, "label", "Enter the milestone as it will be published")
    milestone = lock_current(milestone, version)
    _editable_milestone(milestone.kind)
    if "label" in data:
        data = {**data, "label": single_spaced(data["label"])}
    return _update(
        milestone, fields=MILESTONE_FIELDS, data=data, user=user, change_reason=change_reason
    )


@transaction.atomic
def group_update(
    *,
    group: AddresseeGroup,
    heading: str,
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> AddresseeGroup:
    """Rename an addressee heading ("The Ministry of Justice should:")."""
    heading = single_spaced(heading)
    if not heading:
        raise ValidationError({"heading": "Enter the addressee heading"})
    group = lock_current(group, version)
    return _update(
        group, fields=["heading"], data={"heading": heading}, user=user, change_reason=change_reason
    )


def _unique_body_name(name: str, *, exclude: int | None = None) -> None:
    others = ResponsibleBody.objects.filter(name__iexact=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"name": "A responding body with this name already exists"})


@transaction.atomic
def body_add(
    *, name: str, short_name: str = "", logo_alt: str = "", user=None, change_reason: str = ""
) -> ResponsibleBody:
    name = single_spaced(name)
    if not name:
        raise ValidationError({"name": "Enter the name of the responding body"})
    _unique_body_name(name)
    return save_validated(
        ResponsibleBody(
            name=name, short_name=single_spaced(short_name), logo_alt=logo_alt.strip() or name
        ),
        user=user,
        change_reason=change_reason,
    )


@transaction.atomic
def body_update(
    *,
    body: ResponsibleBody,
    data: Mapping[str, Any],
    version: str | None = None,
    user=None,
    change_reason: str = "",
) -> ResponsibleBody:
    """Rename a responding body, or change its short name or logo's alternative text."""
    data = {k: single_spaced(v) if k != "logo_alt" else v.strip() for k, v in data.items()}
    _required(data, "name", "Enter the name of the responding body")
    if "name" in data:
        _unique_body_name(data["name"], exclude=body.pk)
    body = lock_current(body, version)
    return _update(body, fields=BODY_FIELDS, data=data, user=user, change_reason=change_reason)
