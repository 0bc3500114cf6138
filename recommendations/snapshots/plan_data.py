"""A snapshot as *plan data*: the dict a plan's YAML file holds and every reader gives back.

The one converter every exporter that writes a plan for people to edit (spreadsheets,
Word) starts from, so that what is exported is what `importing.yaml_plan.plan_import`
reads back. Like the YAML fixtures, it leaves out what is empty or a default (a body's
logo text that is just its name, a milestone with no change note, a recommendation with
no rationale), so the seed plan's data equals its fixture.
"""

from .shapes import ActionView, PlanView, ProgressView, RecommendationView


def plan_data_from_snapshot(snapshot: PlanView) -> dict:
    """The plan-data dict of a snapshot (the shape of fixtures/*.yaml)."""
    report = {"title": snapshot.report_title}
    _put(report, "published", snapshot.report_published_on)
    _put(report, "inspection_period", snapshot.report_inspection_period)
    data: dict = {"slug": snapshot.slug, "title": snapshot.title, "report": report}
    data["bodies"] = [_body(body) for body in snapshot.bodies]
    _put(data, "caveat", snapshot.caveat)
    _put(data, "milestones", [_milestone(m) for m in snapshot.milestones])
    _put(data, "introduction", snapshot.introduction)
    _put(
        data,
        "categorisation",
        [_term(t.term, t.definition, t.comment) for t in snapshot.categorisation],
    )
    _put(
        data,
        "rounds",
        [{"label": r.label, "month": r.month.strftime("%Y-%m")} for r in snapshot.rounds],
    )
    data["groups"] = [
        {
            "heading": group.heading,
            "recommendations": [_recommendation(rec) for rec in group.recommendations],
        }
        for group in snapshot.groups
    ]
    return data


def _put(target: dict, key: str, value) -> None:
    """Set a key only when it holds something: plan data leaves out what is empty."""
    if value not in (None, "", [], ()):
        target[key] = value


def _body(body) -> dict:
    data = {"name": body.name}
    _put(data, "short_name", body.short_name)
    # A body loaded without logo text gets its name as one: that is no text of its own.
    if body.logo_alt != body.name:
        _put(data, "logo_alt", body.logo_alt)
    return data


def _milestone(milestone) -> dict:
    data = {"kind": milestone.kind, "label": milestone.label, "date": milestone.date}
    _put(data, "change_note", milestone.change_note)
    return data


def _term(term: str, definition: str, comment: str) -> dict:
    data = {"term": term, "definition": definition}
    _put(data, "comment", comment)
    return data


def _recommendation(rec: RecommendationView) -> dict:
    data = {"reference": rec.reference, "text": rec.text, "agreement": rec.agreement}
    _put(data, "rationale", rec.rationale)
    _put(data, "reasons", list(rec.reasons))
    _put(data, "response", rec.response)
    data["actions"] = [_action(action) for action in rec.actions]
    _put(data, "response_after", rec.response_after)
    numbers = {action.id: number for number, action in enumerate(rec.actions, start=1)}
    data["progress"] = [
        _progress(update, round_progress.round.label, numbers)
        for round_progress in rec.progress
        for update in round_progress.updates
    ]
    return data


def _action(action: ActionView) -> dict:
    return {
        "text": action.text,
        "owners": list(action.owners),
        "target": action.target_text,
        "status": action.status,
    }


def _progress(update: ProgressView, round_label: str, numbers: dict[int, int]) -> dict:
    data = {"round": round_label, "text": update.text, "owners": list(update.owners)}
    _put(data, "target", update.target_text)
    data["status"] = update.status
    # An entry that revises an action no longer in the plan (archived) revises nothing here.
    _put(data, "revises_action", numbers.get(update.revises_action_id))
    _put(data, "revision_reason", update.revision_reason)
    return data
