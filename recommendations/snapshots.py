"""A plan as plain data, either as it stands now or as it stood at any moment.

Every page, the published HTML and the PDF render this one shape, so a plan read from
the revision history (as submitted on a date) looks exactly like the live one. The
live plan is read with a fixed number of queries; a past one from simple-history's
records, with the same number of queries whatever the plan's size.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Model

from . import targets
from .models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Agreement,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    Owner,
    ProgressUpdate,
    ReasonCategory,
    Recommendation,
    ReportingRound,
    ResponsibleBody,
    Status,
)
from .summary import Summary, numbering_gaps


@dataclass
class ProgressView:
    id: int
    round_id: int
    position: int
    text: str
    owners: list[str]
    status: str
    target_text: str
    target_month: datetime.date | None
    revises_action_id: int | None
    revision_reason: str
    revised_from: str = ""  # the revised action's original target, as written

    @property
    def status_label(self) -> str:
        return Status(self.status).label


@dataclass
class ActionView:
    id: int
    position: int
    text: str
    owners: list[str]
    target_text: str
    target_month: datetime.date | None
    status: str
    revisions: list[ProgressView] = field(default_factory=list)
    # The status the latest progress round gives the whole recommendation, if it
    # closes every entry (progress entries are written per recommendation, not per action).
    round_status: str = ""

    @property
    def status_label(self) -> str:
        return Status(self.status).label

    @property
    def current_target_text(self) -> str:
        return self.revisions[-1].target_text if self.revisions else self.target_text

    @property
    def current_target_month(self) -> datetime.date | None:
        return self.revisions[-1].target_month if self.revisions else self.target_month

    @property
    def is_revised(self) -> bool:
        return bool(self.revisions)

    @property
    def months_slipped(self) -> int:
        current = self.current_target_month
        if self.target_month is None or current is None:
            return 0
        return targets.months_between(self.target_month, current)

    @property
    def latest_status(self) -> str:
        if self.revisions:
            return self.revisions[-1].status
        return self.round_status or self.status

    def is_overdue(self, today: datetime.date) -> bool:
        if self.latest_status in Status.closed():
            return False
        month = self.current_target_month
        return month is not None and targets.month_end(month) < today


@dataclass
class RoundProgress:
    round: "RoundView"
    updates: list[ProgressView]


@dataclass
class RecommendationView:
    id: int
    reference: str
    position: int
    text: str
    agreement: str
    rationale: str
    reasons: list[str]
    response: str
    response_after: str
    actions: list[ActionView] = field(default_factory=list)
    progress: list[RoundProgress] = field(default_factory=list)

    @property
    def agreement_label(self) -> str:
        return Agreement(self.agreement).label

    @property
    def rows(self) -> list[ActionView | None]:
        """Table rows: one per action, or one empty row for a response with no actions yet."""
        return self.actions or [None]

    @property
    def reason_labels(self) -> list[str]:
        return [ReasonCategory(r).label for r in self.reasons]


@dataclass
class GroupView:
    id: int
    heading: str
    position: int
    recommendations: list[RecommendationView] = field(default_factory=list)


@dataclass
class RoundView:
    id: int
    label: str
    month: datetime.date


@dataclass
class MilestoneView:
    id: int
    kind: str
    label: str
    date: datetime.date
    change_note: str = ""


@dataclass
class TermView:
    term: str
    definition: str
    comment: str

    @property
    def label(self) -> str:
        return Agreement(self.term).label


@dataclass
class PlanView:
    id: int
    slug: str
    title: str
    report_title: str
    report_published_on: datetime.date | None
    bodies: list[ResponsibleBody]
    caveat: str
    introduction: str
    milestones: list[MilestoneView]
    categorisation: list[TermView]
    rounds: list[RoundView]
    groups: list[GroupView]
    as_of: datetime.datetime | None = None

    @property
    def recommendations(self) -> list[RecommendationView]:
        return [rec for group in self.groups for rec in group.recommendations]

    @property
    def summary(self) -> Summary:
        counts = dict.fromkeys(Agreement.values, 0)
        for rec in self.recommendations:
            counts[rec.agreement] += 1
        return Summary(counts["agreed"], counts["partly_agreed"], counts["not_agreed"])

    @property
    def gaps(self) -> list[str]:
        return numbering_gaps([rec.reference for rec in self.recommendations])

    @property
    def actions(self) -> list[ActionView]:
        return [action for rec in self.recommendations for action in rec.actions]


def plan_snapshot(*, plan: ActionPlan, as_of: datetime.datetime | None = None) -> PlanView:
    """The plan now, or as it stood at `as_of` according to its revision history."""
    source = _History(as_of) if as_of else _Live()
    return _assemble(plan, source, as_of)


class _Live:
    """Reads current rows."""

    def one(self, model: type[Model], pk: int):
        return model.objects.get(pk=pk)

    def many(self, model: type[Model], **filters) -> list:
        if _archivable(model):
            filters["archived_at__isnull"] = True
        return list(model.objects.filter(**filters))

    def owners(self, model: type[Model], ids: list[int]) -> dict[int, list[str]]:
        fk = model._meta.model_name
        through = model.owners.through.objects.filter(**{f"{fk}_id__in": ids})
        result: dict[int, list[str]] = defaultdict(list)
        for row in through.select_related("owner").order_by("id"):
            result[getattr(row, f"{fk}_id")].append(row.owner.name)
        return result

    def bodies(self, plan: ActionPlan) -> list[ResponsibleBody]:
        rows = ActionPlan.bodies.through.objects.filter(actionplan_id=plan.pk)
        return [
            row.responsiblebody for row in rows.select_related("responsiblebody").order_by("id")
        ]


class _History:
    """Reads the latest historical record of each object at a moment; deletions drop out."""

    def __init__(self, as_of: datetime.datetime):
        self.as_of = as_of
        self._records: dict[type[Model], dict[int, Model]] = {}

    def _latest(self, model: type[Model], filters: dict) -> list:
        # Latest record per object, ties on history_date broken by history_id: a create
        # and the owners set with it share one date. Done in Python, one plain query.
        records = model.history.filter(history_date__lte=self.as_of, **filters).order_by(
            "history_date", "history_id"
        )
        latest = {record.id: record for record in records}
        return [record for record in latest.values() if record.history_type != "-"]

    def one(self, model: type[Model], pk: int):
        found = self._latest(model, {"id": pk})
        if not found:
            raise model.DoesNotExist(f"{model.__name__} {pk} did not exist yet")
        return found[0]

    def many(self, model: type[Model], **filters) -> list:
        records = self._latest(model, filters)
        if _archivable(model):
            records = [r for r in records if r.archived_at is None]
        self._records.setdefault(model, {}).update({r.id: r for r in records})
        return records

    def owners(self, model: type[Model], ids: list[int]) -> dict[int, list[str]]:
        records = self._records.get(model, {})
        history_ids = {records[i].history_id: i for i in ids if i in records}
        m2m = _m2m_history(model, "owners")
        # Order by the through row id: the order in which the owners were named.
        rows = list(m2m.objects.filter(history_id__in=history_ids).order_by("id"))
        names = _owner_names_as_of({row.owner_id for row in rows}, self.as_of)
        result: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            result[history_ids[row.history_id]].append(names.get(row.owner_id, ""))
        return result

    def bodies(self, plan) -> list[ResponsibleBody]:
        m2m = _m2m_history(ActionPlan, "bodies")
        ids = [
            r.responsiblebody_id
            for r in m2m.objects.filter(history_id=plan.history_id).order_by("id")
        ]
        found = {b.pk: b for b in ResponsibleBody.objects.filter(pk__in=ids)}
        return [found[i] for i in ids if i in found]


def _archivable(model: type[Model]) -> bool:
    return any(f.name == "archived_at" for f in model._meta.fields)


def _m2m_history(model: type[Model], field_name: str) -> type[Model]:
    """simple-history's model of the historical rows of one many-to-many field."""
    history_model = model.history.model
    name = f"{history_model._meta.model_name}_{field_name}"
    return history_model._meta.get_field(name).related_model


def _owner_names_as_of(ids: set[int], as_of: datetime.datetime) -> dict[int, str]:
    names = {o.id: o.name for o in Owner.objects.filter(pk__in=ids)}
    for record in Owner.history.filter(id__in=ids, history_date__lte=as_of).order_by(
        "history_date", "history_id"
    ):
        names[record.id] = record.name
    return names


def _assemble(plan: ActionPlan, source, as_of) -> PlanView:
    plan_row = source.one(ActionPlan, plan.pk)
    report = source.one(InspectionReport, plan_row.report_id) if as_of else plan.report

    milestones = sorted(source.many(Milestone, plan_id=plan.pk), key=lambda m: (m.position, m.date))
    terms = sorted(source.many(CategorisationTerm, plan_id=plan.pk), key=lambda t: t.position)
    rounds = {
        r.id: RoundView(r.id, r.label, r.month)
        for r in sorted(source.many(ReportingRound, plan_id=plan.pk), key=lambda r: r.month)
    }
    groups = sorted(source.many(AddresseeGroup, plan_id=plan.pk), key=lambda g: (g.position, g.id))
    group_ids = [g.id for g in groups]
    recs = sorted(
        source.many(Recommendation, group_id__in=group_ids), key=lambda r: (r.position, r.id)
    )
    rec_ids = [r.id for r in recs]
    actions = sorted(
        source.many(Action, recommendation_id__in=rec_ids), key=lambda a: (a.position, a.id)
    )
    updates = source.many(ProgressUpdate, recommendation_id__in=rec_ids)
    updates.sort(
        key=lambda u: (
            rounds[u.round_id].month if u.round_id in rounds else datetime.date.min,
            u.position,
            u.id,
        )
    )
    action_owners = source.owners(Action, [a.id for a in actions])
    update_owners = source.owners(ProgressUpdate, [u.id for u in updates])

    action_views = {
        a.id: ActionView(
            a.id,
            a.position,
            a.text,
            action_owners.get(a.id, []),
            a.target_text,
            a.target_month,
            a.status,
        )
        for a in actions
    }
    rec_views = {
        r.id: RecommendationView(
            r.id,
            r.reference,
            r.position,
            r.text,
            r.agreement,
            r.rationale,
            [reason for reason in ReasonCategory.values if getattr(r, f"reason_{reason}")],
            r.response,
            r.response_after,
        )
        for r in recs
    }
    for a in actions:
        if a.recommendation_id in rec_views:
            rec_views[a.recommendation_id].actions.append(action_views[a.id])
    progress_by_rec: dict[int, dict[int, list[ProgressView]]] = defaultdict(dict)
    for u in updates:
        revised = action_views.get(u.revises_action_id)
        view = ProgressView(
            u.id,
            u.round_id,
            u.position,
            u.text,
            update_owners.get(u.id, []),
            u.status,
            u.target_text,
            u.target_month,
            u.revises_action_id,
            u.revision_reason,
            revised.target_text if revised else "",
        )
        if revised:
            revised.revisions.append(view)
        progress_by_rec[u.recommendation_id].setdefault(u.round_id, []).append(view)
    for rec_id, by_round in progress_by_rec.items():
        if rec_id not in rec_views:
            continue
        rec = rec_views[rec_id]
        rec.progress = [
            RoundProgress(rounds[round_id], entries)
            for round_id, entries in by_round.items()
            if round_id in rounds
        ]
        latest = rec.progress[-1].updates if rec.progress else []
        if latest and all(u.status in Status.closed() for u in latest):
            for action in rec.actions:
                action.round_status = latest[-1].status

    group_views = [GroupView(g.id, g.heading, g.position) for g in groups]
    by_group = {g.id: g for g in group_views}
    for r in recs:
        if r.group_id in by_group:
            by_group[r.group_id].recommendations.append(rec_views[r.id])

    return PlanView(
        id=plan.pk,
        slug=plan_row.slug,
        title=plan_row.title,
        report_title=report.title,
        report_published_on=report.published_on,
        bodies=source.bodies(plan_row),
        caveat=plan_row.caveat,
        introduction=plan_row.introduction,
        milestones=[
            MilestoneView(m.id, m.kind, m.label, m.date, getattr(m, "change_note", ""))
            for m in milestones
        ],
        categorisation=[TermView(t.term, t.definition, t.comment) for t in terms],
        rounds=list(rounds.values()),
        groups=group_views,
        as_of=as_of,
    )
