"""Loading a whole plan from its YAML data file (the format of fixtures/).

The loader builds every record through the services' own validation and dates each
revision from the plan's milestones, so a loaded plan's history reads as it happened,
and freezes each submission as the plan stood at its moment.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Model

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Agreement,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    ResponsibleBody,
    Status,
)
from ..services.common import save_validated, set_in_order
from ..services.freezing import submission_freeze
from ..services.owners import owners_from_names


class PlanDataError(ValueError):
    """The plan data file does not hold what a plan needs; the message says where."""


def _require(data: dict, key: str, where: str) -> Any:
    if not isinstance(data, dict) or key not in data or data[key] in (None, ""):
        raise PlanDataError(f"{where}: '{key}' is missing")
    return data[key]


def _month(value: Any, where: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError) as error:
        raise PlanDataError(f"{where}: '{value}' is not a month (YYYY-MM)") from error


def _set_owners(instance: Action | ProgressUpdate, names: list[str], user) -> None:
    set_in_order(instance, "owners", owners_from_names(names=names, user=user), new=True)


def _morning(day: datetime.date) -> datetime.datetime:
    """When a loaded plan's content is dated: before that day's submission."""
    return datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC)


def _evening(day: datetime.date) -> datetime.datetime:
    """When a loaded submission is dated: after that day's content."""
    return datetime.datetime.combine(day, datetime.time(17), tzinfo=datetime.UTC)


def _dated(instance: Model, when: datetime.datetime | None) -> Model:
    """Date the history of a loaded record as the plan records it, not as the load ran."""
    if when is not None:
        instance._history_date = when
    return instance


@transaction.atomic
def plan_import(*, data: dict, user=None) -> tuple[ActionPlan, bool]:
    """Create a plan from its data (see fixtures/). Returns (plan, created).

    A plan whose slug exists already is left as it is: loading twice never duplicates.
    History is dated from the plan's own milestones: the plan as first submitted, then
    each round of progress at the first progress-update submission after the round.
    """
    slug = _require(data, "slug", "plan")
    existing = ActionPlan.objects.filter(slug=slug).first()
    if existing:
        return existing, False

    milestones = data.get("milestones") or []
    submissions = [m for m in milestones if m.get("kind") in Milestone.SUBMISSION_KINDS]
    first_submitted = _morning(submissions[0]["date"]) if submissions else None

    report_data = _require(data, "report", "plan")
    report = _dated(
        InspectionReport(
            title=_require(report_data, "title", "report"),
            published_on=report_data.get("published"),
            inspection_period=report_data.get("inspection_period", ""),
        ),
        first_submitted,
    )
    save_validated(report, user=user)
    plan = _dated(
        ActionPlan(
            slug=slug,
            report=report,
            title=_require(data, "title", "plan"),
            caveat=data.get("caveat", ""),
            introduction=data.get("introduction", ""),
        ),
        first_submitted,
    )
    save_validated(plan, user=user)
    bodies = []
    for i, body in enumerate(_require(data, "bodies", "plan")):
        name = _require(body, "name", f"bodies[{i}]")
        found = ResponsibleBody.objects.filter(name=name).first()
        if not found:
            found = save_validated(
                _dated(
                    ResponsibleBody(
                        name=name,
                        short_name=body.get("short_name", ""),
                        logo_alt=body.get("logo_alt", name),
                    ),
                    first_submitted,
                ),
                user=user,
            )
        bodies.append(found)
    set_in_order(plan, "bodies", bodies)

    for i, m in enumerate(milestones):
        where = f"milestones[{i}]"
        milestone = Milestone(
            plan=plan,
            kind=_require(m, "kind", where),
            label=_require(m, "label", where),
            date=_require(m, "date", where),
            position=i,
            change_note=m.get("change_note", ""),
        )
        if milestone.is_submission:
            milestone.submitted_at = _evening(milestone.date)
        save_validated(_dated(milestone, _evening(milestone.date)), user=user)
    for i, row in enumerate(data.get("categorisation") or []):
        where = f"categorisation[{i}]"
        save_validated(
            _dated(
                CategorisationTerm(
                    plan=plan,
                    term=_require(row, "term", where),
                    definition=_require(row, "definition", where),
                    comment=row.get("comment", ""),
                    position=i,
                ),
                first_submitted,
            ),
            user=user,
        )

    rounds = {}
    for i, r in enumerate(data.get("rounds") or []):
        where = f"rounds[{i}]"
        month = _month(_require(r, "month", where), where)
        reported = next(
            (
                _morning(m["date"])
                for m in submissions
                if m["kind"] == Milestone.Kind.PROGRESS_UPDATE_SUBMITTED and m["date"] >= month
            ),
            None,
        )
        rnd = save_validated(
            _dated(
                ReportingRound(plan=plan, label=_require(r, "label", where), month=month), reported
            ),
            user=user,
        )
        rounds[rnd.label] = (rnd, reported)

    for g_index, g in enumerate(_require(data, "groups", "plan")):
        group = save_validated(
            _dated(
                AddresseeGroup(
                    plan=plan,
                    heading=_require(g, "heading", f"groups[{g_index}]"),
                    position=g_index,
                ),
                first_submitted,
            ),
            user=user,
        )
        for r_index, r in enumerate(g.get("recommendations") or []):
            _import_recommendation(group, r_index, r, rounds, first_submitted, user)
    # Each submission frozen as the history has the plan at its moment, in order (each
    # names the one before it): the loaded plan's submissions read as submitted.
    for milestone in plan.milestones.filter(submitted_at__isnull=False).order_by(
        "submitted_at", "id"
    ):
        submission_freeze(milestone=milestone)
    return plan, True


def _import_recommendation(group, position, r, rounds, first_submitted, user):
    where = f"recommendation {r.get('reference', position)}"
    rec = Recommendation(
        group=group,
        reference=str(_require(r, "reference", where)),
        position=position,
        text=_require(r, "text", where),
        agreement=r.get("agreement", Agreement.AGREED),
        rationale=r.get("rationale", ""),
        response=r.get("response", ""),
        response_after=r.get("response_after", ""),
    )
    rec.reasons = r.get("reasons") or ()
    save_validated(_dated(rec, first_submitted), user=user)

    actions = []
    for a_index, a in enumerate(r.get("actions") or []):
        a_where = f"{where}, action {a_index + 1}"
        action = _dated(
            Action(
                recommendation=rec,
                position=a_index,
                text=a.get("text", ""),
                target_text=str(_require(a, "target", a_where)),
                status=a.get("status", Status.IN_PROGRESS),
            ),
            first_submitted,
        )
        save_validated(action, user=user)
        _set_owners(action, _require(a, "owners", a_where), user)
        actions.append(action)

    positions: dict[str, int] = {}
    for p_index, p in enumerate(r.get("progress") or []):
        p_where = f"{where}, progress entry {p_index + 1}"
        label = _require(p, "round", p_where)
        if label not in rounds:
            raise PlanDataError(f"{p_where}: round '{label}' is not listed under rounds")
        rnd, reported = rounds[label]
        revises = p.get("revises_action")
        if revises is not None and not (1 <= revises <= len(actions)):
            raise PlanDataError(f"{p_where}: revises_action {revises} is not an action")
        update = _dated(
            ProgressUpdate(
                recommendation=rec,
                round=rnd,
                position=positions.get(label, 0),
                text=_require(p, "text", p_where),
                status=_require(p, "status", p_where),
                target_text=str(p.get("target", "")),
                revises_action=actions[revises - 1] if revises else None,
                revision_reason=p.get("revision_reason", ""),
            ),
            reported,
        )
        positions[label] = positions.get(label, 0) + 1
        save_validated(update, user=user)
        _set_owners(update, _require(p, "owners", p_where), user)
