"""A plan's snapshot (snapshots.PlanView) as the API gives it: plain dicts of JSON values.

Built by hand rather than through REST framework serializers: a plan of a thousand
recommendations is tens of thousands of objects, and plain functions turn them into
JSON in a fraction of the time. `schemas.py` describes exactly these shapes for the
OpenAPI description, and the tests check every response against it.

Field names are plain English. Dates are ISO 8601 (`2024-06-30`), moments ISO 8601 in
UTC, target months `YYYY-MM`. Rich text is given both as its stored Markdown and as the
sanitised HTML the pages show. An action's `target_*` is its current target (revised by
progress, if it was) and `original_target_*` the one first agreed.
"""

import datetime
import functools

from .. import richtext
from ..models import Agreement, ReasonCategory, Status
from ..snapshots import (
    ActionView,
    GroupView,
    PlanView,
    ProgressView,
    RecommendationView,
    RoundView,
)


@functools.lru_cache(maxsize=65_536)
def html_of(source: str) -> str:
    """richtext.render, remembered for more texts than its own cache holds: a plan of a
    thousand recommendations with ten rounds of progress has some 20,000 texts, and a
    list across plans reads them all again on every request."""
    return richtext.render(source)


def rich(source: str) -> dict:
    return {"markdown": source or "", "html": html_of(source or "")}


def month(value: datetime.date | None) -> str | None:
    return f"{value:%Y-%m}" if value else None


def day(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def moment(value: datetime.datetime | None) -> str | None:
    return value.astimezone(datetime.UTC).isoformat() if value else None


def status_label(value: str) -> str:
    return Status(value).label if value in Status.values else value


def progress_data(update: ProgressView) -> dict:
    return {
        "id": update.id,
        "round_id": update.round_id,
        "text": rich(update.text),
        "owners": list(update.owners),
        "status": update.status,
        "status_label": status_label(update.status),
        "target_text": update.target_text,
        "target_month": month(update.target_month),
        "revises_action_id": update.revises_action_id,
        "revision_reason": update.revision_reason,
        "revised_from": update.revised_from,
    }


def action_data(action: ActionView, number: int, today: datetime.date) -> dict:
    return {
        "id": action.id,
        "number": number,
        "text": rich(action.text),
        "owners": list(action.owners),
        "status": action.latest_status,
        "status_label": status_label(action.latest_status),
        "original_status": action.status,
        "target_text": action.current_target_text,
        "target_month": month(action.current_target_month),
        "original_target_text": action.target_text,
        "original_target_month": month(action.target_month),
        "months_slipped": action.months_slipped,
        "is_revised": action.is_revised,
        "is_overdue": action.is_overdue(today),
        "baseline_corrected": action.baseline_corrected,
        "revisions": [progress_data(update) for update in action.revisions],
    }


def round_data(rnd: RoundView) -> dict:
    return {"id": rnd.id, "label": rnd.label, "month": month(rnd.month)}


def recommendation_data(rec: RecommendationView, today: datetime.date) -> dict:
    return {
        "id": rec.id,
        "reference": rec.reference,
        "text": rich(rec.text),
        "agreement": rec.agreement,
        "agreement_label": Agreement(rec.agreement).label,
        "rationale": rich(rec.rationale),
        "reasons": [
            {"value": r, "label": ReasonCategory(r).label if r in ReasonCategory.values else r}
            for r in rec.reasons
        ],
        "response": rich(rec.response),
        "response_after": rich(rec.response_after),
        "actions": [
            action_data(action, number, today) for number, action in enumerate(rec.actions, start=1)
        ],
        "progress": [
            {"round": round_data(p.round), "updates": [progress_data(u) for u in p.updates]}
            for p in rec.progress
        ],
    }


def heading_data(group: GroupView, today: datetime.date) -> dict:
    return {
        "id": group.id,
        "heading": group.heading,
        "recommendations": [recommendation_data(rec, today) for rec in group.recommendations],
    }


def plan_ref(view: PlanView) -> dict:
    """Which plan a row of a cross-plan list belongs to."""
    return {"slug": view.slug, "title": view.title}


def bodies_data(view: PlanView) -> list[dict]:
    return [{"id": b.pk, "name": b.name, "short_name": b.short_name} for b in view.bodies]


def plan_data(view: PlanView, *, version: dict, today: datetime.date) -> dict:
    """The whole plan, as the reader reads it (`version` says which version that is)."""
    summary = view.summary
    return {
        "slug": view.slug,
        "title": view.title,
        "version": version,
        "report": {
            "title": view.report_title,
            "published_on": day(view.report_published_on),
            "inspection_period": view.report_inspection_period,
        },
        "bodies": bodies_data(view),
        "caveat": rich(view.caveat),
        "introduction": rich(view.introduction),
        "milestones": [
            {
                "id": m.id,
                "kind": m.kind,
                "label": m.label,
                "date": day(m.date),
                "change_note": m.change_note,
            }
            for m in view.milestones
        ],
        "categorisation": [
            {
                "term": t.term,
                "label": t.label,
                "definition": t.definition,
                "comment": t.comment,
            }
            for t in view.categorisation
        ],
        "rounds": [round_data(r) for r in view.rounds],
        "headings": [heading_data(group, today) for group in view.groups],
        "summary": {
            "agreed": summary.agreed,
            "partly_agreed": summary.partly_agreed,
            "not_agreed": summary.not_agreed,
            "total": summary.total,
        },
        "numbering_gaps": list(view.gaps),
    }
