"""Building a snapshot: one fixed set of reads, live or from history, whatever the size."""

import datetime
from collections import defaultdict

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    ProgressUpdate,
    ReasonCategory,
    Recommendation,
    ReportingRound,
    Status,
)
from . import shapes as v
from .sources import HistorySource, LiveSource


def plan_snapshot(*, plan: ActionPlan, as_of: datetime.datetime | None = None) -> v.PlanView:
    """The plan now, or as it stood at `as_of` according to its revision history."""
    source = HistorySource(as_of) if as_of else LiveSource()
    return _assemble(plan, source, as_of)


def _assemble(plan: ActionPlan, source, as_of) -> v.PlanView:
    plan_row = source.one(ActionPlan, plan.pk)
    report = source.one(InspectionReport, plan_row.report_id) if as_of else plan.report

    milestones = sorted(source.many(Milestone, plan_id=plan.pk), key=lambda m: (m.position, m.date))
    terms = sorted(source.many(CategorisationTerm, plan_id=plan.pk), key=lambda t: t.position)
    rounds = {
        r.id: v.RoundView(r.id, r.label, r.month)
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
        a.id: v.ActionView(
            a.id,
            a.position,
            a.text,
            action_owners.get(a.id, []),
            a.target_text,
            a.target_month,
            a.status,
            baseline_corrected=a.baseline_corrected_at is not None,
        )
        for a in actions
    }
    rec_views = {
        r.id: v.RecommendationView(
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
    progress_by_rec: dict[int, dict[int, list[v.ProgressView]]] = defaultdict(dict)
    for u in updates:
        revised = action_views.get(u.revises_action_id)
        view = v.ProgressView(
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
            v.RoundProgress(rounds[round_id], entries)
            for round_id, entries in by_round.items()
            if round_id in rounds
        ]
        latest = rec.progress[-1].updates if rec.progress else []
        if latest and all(u.status in Status.closed() for u in latest):
            for action in rec.actions:
                action.round_status = latest[-1].status

    group_views = [v.GroupView(g.id, g.heading, g.position) for g in groups]
    by_group = {g.id: g for g in group_views}
    for r in recs:
        if r.group_id in by_group:
            by_group[r.group_id].recommendations.append(rec_views[r.id])

    return v.PlanView(
        id=plan.pk,
        slug=plan_row.slug,
        title=plan_row.title,
        report_title=report.title,
        report_published_on=report.published_on,
        bodies=source.bodies(plan_row),
        caveat=plan_row.caveat,
        introduction=plan_row.introduction,
        milestones=[
            v.MilestoneView(m.id, m.kind, m.label, m.date, getattr(m, "change_note", ""))
            for m in milestones
        ],
        categorisation=[v.TermView(t.term, t.definition, t.comment) for t in terms],
        rounds=list(rounds.values()),
        groups=group_views,
        as_of=as_of,
        report_inspection_period=report.inspection_period,
    )
