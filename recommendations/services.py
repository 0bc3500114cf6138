"""Writes. Every function validates with full_clean() and runs in one transaction.

Each takes the acting user and an optional change reason, recorded in the history.
Requests record their user through HistoryRequestMiddleware; passing `user` covers
writes made outside a request (commands, tests).
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Model
from django.utils import timezone

from . import targets
from .models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Agreement,
    Assessment,
    CategorisationTerm,
    Comment,
    InspectionReport,
    Milestone,
    Owner,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    ResponsibleBody,
    Status,
)


def _save(instance: Model, *, user=None, change_reason: str = "") -> Model:
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


def _lock_current(instance: Model, version: str | None) -> Model:
    """Lock the row and refuse the write if it changed since the form was loaded.

    Returns the row as locked: changes are made to it, not to the instance passed in,
    so that fields the edit does not touch (a position changed by a move meanwhile, say)
    are saved as they now are, not as they were when the instance was read.
    """
    current = type(instance).objects.select_for_update().get(pk=instance.pk)
    if version is not None and version_of(current) != version:
        raise StaleEdit(current)
    return current


def owner_get_or_create(*, name: str, user=None) -> Owner:
    """The owner with this role name (matched ignoring case and spacing), made if new."""
    clean_name = " ".join(name.split())
    existing = Owner.objects.filter(name__iexact=clean_name).first()
    if existing:
        return existing
    try:
        # Two editors may name the same new role at once: the database decides.
        with transaction.atomic():
            return _save(Owner(name=clean_name), user=user)
    except (IntegrityError, ValidationError):
        found = Owner.objects.filter(name__iexact=clean_name).first()
        if found is None:
            raise
        return found


def _owners(names: Iterable[str], *, user=None) -> list[Owner]:
    return [owner_get_or_create(name=n, user=user) for n in names]


def _set_in_order(instance: Model, field: str, items: list[Model], *, new: bool = False) -> None:
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


def _set_owners(instance: Action | ProgressUpdate, owners: list[Owner], *, new=False) -> None:
    _set_in_order(instance, "owners", owners, new=new)


@transaction.atomic
def action_add(
    *,
    recommendation: Recommendation,
    text: str,
    owners: Iterable[Owner],
    target_text: str,
    status: str = Status.IN_PROGRESS,
    user=None,
    change_reason: str = "",
) -> Action:
    owners = list(owners)
    if not owners:
        raise ValidationError({"owners": "Choose at least one responsible owner"})
    position = recommendation.actions.count()
    action = Action(
        recommendation=recommendation,
        position=position,
        text=text,
        target_text=target_text,
        status=status,
    )
    _save(action, user=user, change_reason=change_reason)
    _set_owners(action, owners, new=True)
    return action


@transaction.atomic
def progress_update_add(
    *,
    recommendation: Recommendation,
    round: ReportingRound,
    text: str,
    owners: Iterable[Owner],
    status: str,
    target_text: str = "",
    revises_action: Action | None = None,
    revision_reason: str = "",
    user=None,
    change_reason: str = "",
) -> ProgressUpdate:
    """Add a progress entry; a revised target date is recorded here, never on the action."""
    owners = list(owners)
    if not owners:
        raise ValidationError({"owners": "Choose at least one responsible owner"})
    position = recommendation.progress_updates.filter(round=round).count()
    update = ProgressUpdate(
        recommendation=recommendation,
        round=round,
        position=position,
        text=text,
        status=status,
        target_text=target_text,
        revises_action=revises_action,
        revision_reason=revision_reason,
    )
    _save(update, user=user, change_reason=change_reason)
    _set_owners(update, owners, new=True)
    return update


# --- Loading a whole plan from its data file ------------------------------------------


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
    submissions = [
        m
        for m in milestones
        if m.get("kind") in {k.value for k in Milestone.Kind} - {"report_published", "other"}
    ]
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
    _save(report, user=user)
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
    _save(plan, user=user)
    bodies = []
    for i, body in enumerate(_require(data, "bodies", "plan")):
        name = _require(body, "name", f"bodies[{i}]")
        found = ResponsibleBody.objects.filter(name=name).first()
        if not found:
            found = _save(
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
    _set_in_order(plan, "bodies", bodies)

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
        _save(_dated(milestone, _evening(milestone.date)), user=user)
    for i, row in enumerate(data.get("categorisation") or []):
        where = f"categorisation[{i}]"
        _save(
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
        rnd = _save(
            _dated(
                ReportingRound(plan=plan, label=_require(r, "label", where), month=month), reported
            ),
            user=user,
        )
        rounds[rnd.label] = (rnd, reported)

    for g_index, g in enumerate(_require(data, "groups", "plan")):
        group = _save(
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
    _save(_dated(rec, first_submitted), user=user)

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
        _save(action, user=user)
        _set_owners(action, _owners(_require(a, "owners", a_where), user=user), new=True)
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
        _save(update, user=user)
        _set_owners(update, _owners(_require(p, "owners", p_where), user=user), new=True)


# --- Editing a plan ------------------------------------------------------------------


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
    report = _save(
        InspectionReport(title=report_title, published_on=report_published_on),
        user=user,
        change_reason=change_reason,
    )
    plan = _save(
        ActionPlan(
            slug=slug, report=report, title=title or report_title, introduction=introduction
        ),
        user=user,
        change_reason=change_reason,
    )
    _set_in_order(plan, "bodies", bodies)
    if report_published_on:
        _save(
            Milestone(
                plan=plan,
                kind=Milestone.Kind.REPORT_PUBLISHED,
                label="Report Published",
                date=report_published_on,
            ),
            user=user,
            change_reason=change_reason,
        )
    return plan


@transaction.atomic
def group_add(*, plan: ActionPlan, heading: str, user=None, change_reason: str = ""):
    heading = " ".join(heading.split())
    if not heading:
        raise ValidationError(
            {"heading": "Enter the addressee heading, such as “The Ministry of Justice should:”"}
        )
    position = (plan.groups.aggregate(m=models.Max("position"))["m"] or 0) + 1
    return _save(
        AddresseeGroup(plan=plan, heading=heading, position=position),
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
            _save(item, user=user, change_reason=change_reason)


@transaction.atomic
def recommendation_add(
    *, group: AddresseeGroup, user=None, change_reason: str = "", **fields
) -> Recommendation:
    reasons = fields.pop("reasons", ())
    position = (group.recommendations.aggregate(m=models.Max("position"))["m"] or 0) + 1
    rec = Recommendation(group=group, position=position, **fields)
    rec.reasons = reasons
    return _save(rec, user=user, change_reason=change_reason)


@transaction.atomic
def recommendation_update(
    *,
    recommendation: Recommendation,
    user=None,
    change_reason: str = "",
    version: str | None = None,
    **fields,
) -> Recommendation:
    recommendation = _lock_current(recommendation, version)
    reasons = fields.pop("reasons", None)
    for name, value in fields.items():
        setattr(recommendation, name, value)
    if reasons is not None:
        recommendation.reasons = reasons if recommendation.agreement != Agreement.AGREED else ()
    return _save(recommendation, user=user, change_reason=change_reason)


@transaction.atomic
def action_update(
    *,
    action: Action,
    owners: list[Owner],
    user=None,
    change_reason: str = "",
    version: str | None = None,
    **fields,
) -> Action:
    action = _lock_current(action, version)
    if not owners:
        raise ValidationError({"owners": "Choose at least one responsible owner"})
    for name, value in fields.items():
        setattr(action, name, value)
    if "target_text" in fields:
        action.target_month = None  # re-derived from the words by clean()
    _save(action, user=user, change_reason=change_reason)
    _set_owners(action, owners)
    return action


@transaction.atomic
def round_get_or_create(*, plan: ActionPlan, label: str, user=None) -> ReportingRound:
    """The plan's reporting round called `label` ("July 2025"), made if new."""
    label = " ".join(label.split())
    found = plan.rounds.filter(label__iexact=label).first()
    if found:
        return found
    # A new round: lock the plan, so that two editors starting the same round make it
    # once, and look again, as another editor may have made it while this one waited.
    ActionPlan.objects.select_for_update().filter(pk=plan.pk).first()
    found = plan.rounds.filter(label__iexact=label).first()
    if found:
        return found
    month = targets.parse_month(label)
    if month is None:
        raise ValidationError(
            {"round": "Enter the reporting round as a month and year, such as July 2025"}
        )
    return _save(ReportingRound(plan=plan, label=label, month=month), user=user)


@transaction.atomic
def plan_submit(
    *,
    plan: ActionPlan,
    kind: str,
    label: str,
    date: datetime.date,
    change_note: str = "",
    user=None,
) -> Milestone:
    """Submit the plan as it stands now: reviewers see this version until the next one."""
    milestone = Milestone(
        plan=plan,
        kind=kind,
        label=" ".join(label.split()),
        date=date,
        position=(plan.milestones.aggregate(m=models.Max("position"))["m"] or 0) + 1,
        submitted_at=timezone.now(),
        submitted_by=user,
        change_note=change_note,
    )
    if not milestone.is_submission:
        raise ValidationError({"kind": "Choose what is being submitted"})
    if not milestone.label:
        raise ValidationError(
            {
                "label": "Enter the milestone as it will be published, such as "
                "“Action Plan Submitted”"
            }
        )
    return _save(milestone, user=user, change_reason=change_note[:200])


# --- Archiving: nothing a user deletes is lost ----------------------------------------


@transaction.atomic
def archive(
    *, instance: Recommendation | Action | ProgressUpdate, user=None, change_reason: str = ""
):
    """Hide an item from the plan. Its history, and the item, stay for restoring."""
    if instance.archived_at is None:
        instance.archived_at = timezone.now()
        _save(instance, user=user, change_reason=change_reason or "Archived")
    return instance


@transaction.atomic
def restore(
    *, instance: Recommendation | Action | ProgressUpdate, user=None, change_reason: str = ""
):
    if instance.archived_at is not None:
        instance.archived_at = None
        _save(instance, user=user, change_reason=change_reason or "Restored")
    return instance


# --- The inspectorate's own writes ----------------------------------------------------


@transaction.atomic
def assessment_record(
    *, recommendation: Recommendation, submission: Milestone, rating: str, comment: str = "", user
) -> Assessment:
    """Record or revise a reviewer's judgement; earlier judgements stay in its history."""
    # One assessment per recommendation and submission, even when two reviewers save.
    Recommendation.objects.select_for_update().filter(pk=recommendation.pk).first()
    assessment = Assessment.objects.filter(
        recommendation=recommendation, submission=submission
    ).first()
    if assessment is None:
        assessment = Assessment(recommendation=recommendation, submission=submission)
    assessment.rating = rating
    assessment.comment = comment
    assessment.assessed_by = user
    return _save(assessment, user=user)


@transaction.atomic
def comment_add(
    *, recommendation: Recommendation, submission: Milestone, text: str, user
) -> Comment:
    return _save(
        Comment(recommendation=recommendation, submission=submission, text=text, author=user),
        user=user,
    )
