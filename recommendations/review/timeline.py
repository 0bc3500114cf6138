"""Reading the revision history: a timeline of who changed what, when and why."""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Model

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Assessment,
    CategorisationTerm,
    Comment,
    InspectionReport,
    Milestone,
    Owner,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
)
from ..snapshots import m2m_history_model
from .diff import Change

IGNORED_FIELDS = {"id", "created_at", "updated_at", "submitted_at"}
# A create followed at once by its owners being set is one change, not two.
SAME_CHANGE_WINDOW = datetime.timedelta(seconds=2)


@dataclass
class Event:
    when: datetime.datetime
    who: str
    why: str
    what: str
    kind: str  # created, changed, archived, restored, deleted
    changes: list[Change] = field(default_factory=list)
    recommendation_id: int | None = None


def _label(model: type[Model], name: str) -> str:
    verbose = str(model._meta.get_field(name).verbose_name)
    return verbose[:1].upper() + verbose[1:]


def _display(model: type[Model], name: str, value, owner_names) -> str:
    if value is None or value == "":
        return ""
    if name == "owners":
        return ", ".join(owner_names.get(i, "") for i in value)
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.strftime("%-d %B %Y") if name != "target_month" else value.strftime("%B %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


class _Collector:
    """Loads the history of every record of one plan, each model in one query."""

    def __init__(
        self,
        plan: ActionPlan,
        until: datetime.datetime | None,
        submitted: list[datetime.datetime] | None = None,
    ):
        self.plan, self.until, self.submitted = plan, until, submitted

    def records(self, model: type[Model], **filters) -> list:
        qs = model.history.filter(**filters).select_related("history_user")
        if self.until is not None:
            qs = qs.filter(history_date__lte=self.until)
        rows = list(qs.order_by("id", "history_date", "history_id"))
        return rows if self.submitted is None else _as_submitted(rows, self.submitted)


def _as_submitted(rows: list, submitted: list[datetime.datetime]) -> list:
    """Of each record, only its last revision before each submission: what a reader of
    submissions sees changes from one submission to the next, never a working state
    that was changed again before it was submitted."""
    kept = {}
    for row in rows:  # in order of record, then time: a later revision replaces one
        kept[(row.id, bisect.bisect_left(submitted, row.history_date))] = row
    rows = sorted(kept.values(), key=lambda r: (r.id, r.history_date, r.history_id))
    for i, row in enumerate(rows):
        if i == 0 or rows[i - 1].id != row.id:
            row.history_type = "+"  # the first state this reader saw is its creation
    return rows


def plan_timeline(
    *,
    plan: ActionPlan,
    until: datetime.datetime | None = None,
    recommendation_id: int | None = None,
    submitted: list[datetime.datetime] | None = None,
) -> list[Event]:
    """Every change to the plan (or one recommendation), newest first, up to `until`.

    Given the moments of the submissions a reader may read (`submitted`, in order), each
    record's changes are those between one submission and the next, as submitted."""
    c = _Collector(plan, until, submitted)
    groups = c.records(AddresseeGroup, plan_id=plan.pk)
    group_ids = {g.id for g in groups}
    recs = c.records(Recommendation, group_id__in=group_ids)
    if recommendation_id is not None:
        recs = [r for r in recs if r.id == recommendation_id]
    rec_ids = {r.id for r in recs}
    references = {r.id: r.reference for r in recs}  # latest reference wins (ordered by date)

    sources: list[tuple[type[Model], list, callable]] = []
    sources.append(
        (Recommendation, recs, lambda r: f"Recommendation {references.get(r.id, r.reference)}")
    )
    actions = c.records(Action, recommendation_id__in=rec_ids)
    action_numbers = _numbers(actions, "recommendation_id")
    sources.append(
        (
            Action,
            actions,
            lambda r: f"Recommendation {references.get(r.recommendation_id, '?')}, action {
                action_numbers.get(r.id, '')
            }".strip(),
        )
    )
    updates = c.records(ProgressUpdate, recommendation_id__in=rec_ids)
    sources.append(
        (
            ProgressUpdate,
            updates,
            lambda r: f"Recommendation {references.get(r.recommendation_id, '?')}, progress update",
        )
    )
    sources.append(
        (
            Assessment,
            c.records(Assessment, recommendation_id__in=rec_ids),
            lambda r: (
                "Inspectorate assessment of recommendation "
                f"{references.get(r.recommendation_id, '?')}"
            ),
        )
    )
    sources.append(
        (
            Comment,
            c.records(Comment, recommendation_id__in=rec_ids),
            lambda r: f"Comment on recommendation {references.get(r.recommendation_id, '?')}",
        )
    )
    if recommendation_id is None:
        sources.append((ActionPlan, c.records(ActionPlan, id=plan.pk), lambda r: "The plan"))
        sources.append(
            (
                InspectionReport,
                c.records(InspectionReport, id=plan.report_id),
                lambda r: "The inspection report",
            )
        )
        sources.append(
            (Milestone, c.records(Milestone, plan_id=plan.pk), lambda r: f"Milestone “{r.label}”")
        )
        sources.append(
            (
                CategorisationTerm,
                c.records(CategorisationTerm, plan_id=plan.pk),
                lambda r: f"Categorisation table: {r.get_term_display()}",
            )
        )
        sources.append((AddresseeGroup, groups, lambda r: f"Heading “{r.heading}”"))
        sources.append(
            (
                ReportingRound,
                c.records(ReportingRound, plan_id=plan.pk),
                lambda r: f"Reporting round {r.label}",
            )
        )

    owners_by_record = _owners_by_record([(Action, actions), (ProgressUpdate, updates)])
    owner_names = dict(Owner.objects.values_list("id", "name"))
    events: list[Event] = []
    for model, records, describe in sources:
        events.extend(_events(model, records, describe, owners_by_record, owner_names))
    events.sort(key=lambda e: e.when, reverse=True)
    return events


def _numbers(records, parent: str) -> dict[int, int]:
    """Action numbers as the plan shows them (1-based position within the recommendation)."""
    latest = {}
    for r in records:
        latest[r.id] = r
    by_parent = defaultdict(list)
    for r in latest.values():
        by_parent[getattr(r, parent)].append(r)
    numbers = {}
    for siblings in by_parent.values():
        for i, r in enumerate(sorted(siblings, key=lambda r: (r.position, r.id))):
            numbers[r.id] = i + 1
    return numbers


def _owners_by_record(pairs) -> dict[int, list[int]]:
    """Owner ids of each historical record (keyed by history_id), in the order named."""
    result: dict[tuple, list[int]] = defaultdict(list)
    for model, records in pairs:
        ids = [r.history_id for r in records]
        if not ids:
            continue
        m2m = m2m_history_model(model, "owners")
        for row in m2m.objects.filter(history_id__in=ids).order_by("id"):
            result[(model, row.history_id)].append(row.owner_id)
    return result


def _events(model, records, describe, owners_by_record, owner_names):
    fields = [
        f.name
        for f in model.history.model.tracked_fields
        if f.name not in IGNORED_FIELDS and f.editable
    ]
    has_owners = model in {Action, ProgressUpdate}
    previous = None
    previous_values: dict = {}
    pending: Event | None = None
    for record in records:
        if previous is None or previous.id != record.id:
            previous = None
        values = {
            name: getattr(record, name if not _is_fk(model, name) else f"{name}_id")
            for name in fields
        }
        if has_owners:
            values["owners"] = owners_by_record.get((model, record.history_id), [])
        who = record.history_user.get_username() if record.history_user else "System"
        if previous is None:
            kind = "created" if record.history_type == "+" else "changed"
            event = Event(
                record.history_date,
                who,
                record.history_change_reason or "",
                describe(record),
                kind,
                recommendation_id=_rec_id(model, record),
            )
            pending = event
            yield event
        else:
            changes = []
            for name, value in values.items():
                old = previous_values.get(name)
                if old == value:
                    continue
                if name == "archived_at":
                    continue
                label = "Owners" if name == "owners" else _label(model, name)
                is_text = name in {
                    "text",
                    "response",
                    "response_after",
                    "rationale",
                    "introduction",
                    "title",
                    "comment",
                    "revision_reason",
                    "heading",
                    "definition",
                    "change_note",
                }
                changes.append(
                    Change(
                        label,
                        _display(model, name, old, owner_names),
                        _display(model, name, value, owner_names),
                        is_text,
                    )
                )
            kind = "deleted" if record.history_type == "-" else "changed"
            if "archived_at" in values and values["archived_at"] != previous_values.get(
                "archived_at"
            ):
                kind = "archived" if values["archived_at"] else "restored"
            if (
                pending is not None
                and pending.kind == "created"
                and kind == "changed"
                and record.history_date - pending.when <= SAME_CHANGE_WINDOW
                and who == pending.who
            ):
                pass  # the owners set with a new record belong to its creation
            elif changes or kind != "changed":
                pending = None
                yield Event(
                    record.history_date,
                    who,
                    record.history_change_reason or "",
                    describe(record),
                    kind,
                    changes,
                    _rec_id(model, record),
                )
        previous = record
        previous_values = values


def _is_fk(model, name) -> bool:
    return model._meta.get_field(name).is_relation


def _rec_id(model, record) -> int | None:
    if model is Recommendation:
        return record.id
    return getattr(record, "recommendation_id", None)
