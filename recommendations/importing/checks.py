"""Checking plan data before anything is written: every problem, each with where it is.

The plan data is the shape of fixtures/*.yaml (see writer.py). The check reads the
whole of it and reports every problem at once, so that a person fixes a file in one
pass: missing values, words outside the closed vocabularies, progress in a round that
is not listed, a revision of an action that does not exist, a reference used twice,
and whatever the models' own rules refuse (a partly agreed recommendation without its
rationale, an open action whose target names no month), checked on unsaved records.
"""

import datetime
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Agreement,
    InspectionReport,
    Milestone,
    MilestoneKind,
    Owner,
    ProgressUpdate,
    ReasonCategory,
    Recommendation,
    ReportingRound,
    ResponsibleBody,
    Status,
)
from ..targets import parse_month
from ..text import single_spaced
from .reading import Problem


class PlanDataError(ValueError):
    """The plan data file does not hold what a plan needs; the message says where."""


# The plan data's name for a model field, where the two differ.
_DATA_KEYS = {
    "target_text": "target",
    "reason_commissioning": "reasons",
    "reason_policy": "reasons",
    "reason_operational": "reasons",
    "reason_affordability": "reasons",
    "published_on": "published",
}


def is_missing(value: Any) -> bool:
    return value is None or value == ""


def month_of(value: Any) -> datetime.date | None:
    """The first day of a month written "YYYY-MM" (or given as a date); None if neither."""
    if isinstance(value, datetime.date):
        return value.replace(day=1)
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        return None


def day_of(value: Any) -> datetime.date | None:
    """A date, given as one or written "YYYY-MM-DD"; None if neither."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def owner_keys(names: Any) -> list[str]:
    """The roles a cell names, as owners_from_names reads them: blanks skipped, a role
    named twice (in any case or spacing) kept once, each as single-spaced text."""
    kept, seen = [], set()
    for name in names if isinstance(names, list) else []:
        clean = single_spaced(str(name))
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            kept.append(clean)
    return kept


class _Check:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(Problem(where, message))

    def mapping(self, value: Any, where: str) -> bool:
        if isinstance(value, dict):
            return True
        self.add(where, "is not a list of named values (key: value)")
        return False

    def listing(self, data: dict, key: str, where: str, required: bool = False) -> list:
        value = data.get(key)
        if value is None or (required and value == ""):
            if required:
                self.add(where, f"'{key}' is missing")
            return []
        if not isinstance(value, list):
            self.add(where, f"'{key}' is not a list")
            return []
        return value

    def require(self, data: dict, key: str, where: str) -> bool:
        if is_missing(data.get(key)):
            self.add(where, f"'{key}' is missing")
            return False
        return True

    def choice(self, value: Any, choices, key: str, where: str) -> bool:
        if value in choices.values:
            return True
        self.add(where, f"{key} '{value}' is not one of: {', '.join(choices.values)}")
        return False

    def model(self, instance: Model, where: str, reported: set[str] = frozenset()) -> None:
        """The model's own rules, on the unsaved record; the links to other records are
        left out (they are made as the plan is written), as are values already reported."""
        links = [f.name for f in instance._meta.concrete_fields if f.is_relation]
        try:
            instance.full_clean(exclude=links, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                key = _DATA_KEYS.get(field, field)
                if key in reported:
                    continue
                for message in messages:
                    self.add(where, message if field == NON_FIELD_ERRORS else f"{key}: {message}")


def plan_data_check(*, data: Any) -> list[Problem]:
    """Every problem of this plan data, in the order of the data, each with where it is.

    A plan whose slug exists already is a problem too: importing never merges into it.
    """
    check = _Check()
    if not check.mapping(data, "plan"):
        return check.problems
    if check.require(data, "slug", "plan"):
        slug = data["slug"]
        if ActionPlan.objects.filter(slug=slug).exists():
            check.add(
                "plan",
                f"A plan with the slug '{slug}' already exists: importing never merges into it",
            )
        else:
            check.model(ActionPlan(slug=slug, title=data.get("title") or "x"), "plan")
    report = data.get("report")
    if is_missing(report):
        check.add("plan", "'report' is missing")
    elif check.mapping(report, "report"):
        check.require(report, "title", "report")
        published = report.get("published")
        if published is not None and day_of(published) is None:
            check.add("report", f"published '{published}' is not a date (YYYY-MM-DD)")
        check.model(InspectionReport(title=report.get("title") or "x"), "report", {"title"})
    check.require(data, "title", "plan")
    for i, body in enumerate(check.listing(data, "bodies", "plan", required=True)):
        where = f"bodies[{i}]"
        if check.mapping(body, where) and check.require(body, "name", where):
            name = str(body["name"])
            check.model(
                ResponsibleBody(name=name, short_name=body.get("short_name", ""), logo_alt=name),
                where,
            )
    submissions = _check_milestones(check, data)
    _check_categorisation(check, data)
    rounds = _check_rounds(check, data, submissions)
    references: dict[str, str] = {}
    for g_index, group in enumerate(check.listing(data, "groups", "plan", required=True)):
        where = f"groups[{g_index}]"
        if not check.mapping(group, where):
            continue
        if check.require(group, "heading", where):
            check.model(AddresseeGroup(heading=group["heading"]), where)
        for r_index, rec in enumerate(check.listing(group, "recommendations", where)):
            _check_recommendation(
                check, rec, f"{where}, recommendation {r_index + 1}", rounds, references
            )
    return check.problems


def _check_milestones(check: _Check, data: dict) -> int:
    submissions = 0
    for i, m in enumerate(check.listing(data, "milestones", "plan")):
        where = f"milestones[{i}]"
        if not check.mapping(m, where):
            continue
        reported = set()
        if check.require(m, "kind", where) and not check.choice(
            m["kind"], MilestoneKind, "kind", where
        ):
            reported.add("kind")
        check.require(m, "label", where)
        if check.require(m, "date", where) and day_of(m["date"]) is None:
            check.add(where, f"date '{m['date']}' is not a date (YYYY-MM-DD)")
            reported.add("date")
        submissions += m.get("kind") in Milestone.SUBMISSION_KINDS
        fields = {k: m.get(k) for k in ("kind", "label") if not is_missing(m.get(k))}
        check.model(
            Milestone(**fields, date=day_of(m.get("date")), change_note=m.get("change_note", "")),
            where,
            reported | {k for k in ("kind", "label", "date") if is_missing(m.get(k))},
        )
    return submissions


def _check_categorisation(check: _Check, data: dict) -> None:
    seen = set()
    for i, row in enumerate(check.listing(data, "categorisation", "plan")):
        where = f"categorisation[{i}]"
        if not check.mapping(row, where):
            continue
        term_given = check.require(row, "term", where)
        check.require(row, "definition", where)
        if term_given and check.choice(row["term"], Agreement, "term", where):
            if row["term"] in seen:
                check.add(where, f"term '{row['term']}' is listed twice")
            seen.add(row["term"])


def _check_rounds(check: _Check, data: dict, submissions: int) -> set:
    labels = set()
    for i, r in enumerate(check.listing(data, "rounds", "plan")):
        where = f"rounds[{i}]"
        if not check.mapping(r, where):
            continue
        if check.require(r, "label", where):
            if r["label"] in labels:
                check.add(where, f"round '{r['label']}' is listed twice")
            labels.add(r["label"])
            check.model(ReportingRound(label=r["label"], month=datetime.date(2000, 1, 1)), where)
        if check.require(r, "month", where) and month_of(r["month"]) is None:
            check.add(where, f"'{r['month']}' is not a month (YYYY-MM)")
    return labels


def _check_recommendation(check: _Check, r: Any, fallback: str, rounds: set, references: dict):
    if not isinstance(r, dict):
        check.add(fallback, "is not a list of named values (key: value)")
        return
    where = f"recommendation {r.get('reference', fallback.rsplit(' ', 1)[-1])}"
    reported = {k for k in ("reference", "text") if not check.require(r, k, where)}
    if "reference" not in reported:
        key = str(r["reference"]).strip().casefold()
        if key in references:
            check.add(where, f"the reference '{r['reference']}' is used twice in this plan")
        references[key] = where
    agreement = r.get("agreement", Agreement.AGREED)
    if not check.choice(agreement, Agreement, "agreement", where):
        reported |= {"agreement", "rationale", "reasons"}
    reasons = r.get("reasons") or []
    if not isinstance(reasons, list):
        reasons = [reasons]
    unknown = [reason for reason in reasons if reason not in ReasonCategory.values]
    if unknown:
        check.add(where, f"reasons {unknown} are not among: {', '.join(ReasonCategory.values)}")
        reported.add("reasons")
    rec = Recommendation(
        reference=str(r.get("reference") or ""),
        text=r.get("text") or "",
        # An unknown agreement is reported above; the model's rules read a known one.
        agreement=agreement if agreement in Agreement.values else Agreement.AGREED,
        rationale=r.get("rationale", ""),
        response=r.get("response", ""),
        response_after=r.get("response_after", ""),
    )
    rec.reasons = [reason for reason in reasons if reason not in unknown]
    check.model(rec, where, reported)

    actions = check.listing(r, "actions", where)
    for a_index, a in enumerate(actions):
        a_where = f"{where}, action {a_index + 1}"
        if not check.mapping(a, a_where):
            continue
        reported = _owners_and_status(check, a, a_where, Status.IN_PROGRESS)
        if not check.require(a, "target", a_where):
            reported.add("target")
        action = Action(text=a.get("text", ""), target_text=str(a.get("target") or ""))
        action.status = a.get("status", Status.IN_PROGRESS)
        check.model(action, a_where, reported)

    for p_index, p in enumerate(check.listing(r, "progress", where)):
        p_where = f"{where}, progress entry {p_index + 1}"
        if not check.mapping(p, p_where):
            continue
        if check.require(p, "round", p_where) and p["round"] not in rounds:
            check.add(p_where, f"round '{p['round']}' is not listed under rounds")
        reported = _owners_and_status(check, p, p_where, None)
        if not check.require(p, "text", p_where):
            reported.add("text")
        revises = p.get("revises_action")
        if revises is not None and not (
            isinstance(revises, int)
            and not isinstance(revises, bool)
            and 1 <= revises <= len(actions)
        ):
            check.add(p_where, f"revises_action {revises} is not an action")
            reported |= {"revises_action", "revision_reason", "target"}
        # The model checks a revision only against a saved action: checked here instead.
        update = ProgressUpdate(
            text=p.get("text") or "",
            status=p.get("status") or "",
            target_text=str(p.get("target", "")),
            revision_reason="" if revises is not None else p.get("revision_reason", ""),
        )
        check.model(update, p_where, reported)
        if revises is not None and "revises_action" not in reported:
            if parse_month(single_spaced(str(p.get("target", "")))) is None:
                check.add(
                    p_where,
                    "target: Enter the revised target date, including a month and year, "
                    "such as January 2025",
                )
            if not str(p.get("revision_reason", "")).strip():
                check.add(p_where, "revision_reason: Enter the reason the target date has changed")


def _owners_and_status(check: _Check, row: dict, where: str, default) -> set[str]:
    reported = set()
    if not check.require(row, "owners", where):
        reported.add("owners")
    elif not owner_keys(row["owners"]):
        check.add(where, "'owners' names no responsible owner")
        reported.add("owners")
    else:
        longest = Owner._meta.get_field("name").max_length
        for name in owner_keys(row["owners"]):
            if len(name) > longest:
                check.add(where, f"owner '{name[:40]}…' is longer than {longest} characters")
    status = row.get("status", default)
    if status is None:
        check.add(where, "'status' is missing")
        reported.add("status")
    elif not check.choice(status, Status, "status", where):
        reported.add("status")
    return reported
