"""Writing a whole plan from its plan data (the shape of fixtures/*.yaml), in one
transaction, with its history.

Every record is validated by its model before anything of its kind is written, and
the many rows of a plan (recommendations, actions, progress entries and their owners)
are written in bulk with their history: the same rows and the same history that saving
them one at a time gives, in a fraction of the time. History is dated from the plan's
own milestones, so a loaded plan's history reads as it happened, and each submission
is frozen as the plan stood at its moment.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model

from ..models import (
    Action,
    ActionPlan,
    AddresseeGroup,
    Agreement,
    CategorisationTerm,
    InspectionReport,
    Milestone,
    Owner,
    ProgressUpdate,
    Recommendation,
    ReportingRound,
    ResponsibleBody,
    Status,
)
from ..services.common import save_validated, set_in_order
from ..services.freezing import submission_freeze
from .checks import PlanDataError, day_of, month_of, owner_keys, plan_data_check


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
def plan_import(
    *, data: dict, user=None, reason: str = "", freeze: bool = True, pdf_now: bool = False
) -> tuple[ActionPlan, bool]:
    """Create a plan from its data (see fixtures/). Returns (plan, created).

    A plan whose slug exists already is left as it is: loading twice never duplicates.
    Otherwise the data is checked whole first (plan_data_check) and PlanDataError names
    its first problem. History is dated from the plan's own milestones: the plan as
    first submitted, then each round of progress at the first progress-update
    submission after the round; `reason` is every history row's change reason
    ("Imported from plan.docx"). `freeze`: freeze each submission (its PDF queued for
    the background worker, or rendered here with `pdf_now`); without it the
    submissions are left to freeze later.
    """
    slug = data.get("slug") if isinstance(data, dict) else None
    if slug not in (None, ""):
        existing = ActionPlan.objects.filter(slug=slug).first()
        if existing:
            return existing, False
    problems = plan_data_check(data=data)
    if problems:
        raise PlanDataError(str(problems[0]))
    writer = _Writer(user=user, reason=reason)
    plan = writer.plan(data)
    if freeze:
        # Each submission frozen as the history has the plan at its moment, in order
        # (each names the one before it): the loaded plan's submissions read as submitted.
        for milestone in plan.milestones.filter(submitted_at__isnull=False).order_by(
            "submitted_at", "id"
        ):
            submission_freeze(milestone=milestone, pdf_now=pdf_now)
    return plan, True


class _Writer:
    def __init__(self, *, user, reason: str):
        self.user = user
        self.reason = reason
        self.owners: dict[str, Owner] = {}

    def save(self, instance: Model, when: datetime.datetime | None) -> Model:
        return save_validated(_dated(instance, when), user=self.user, change_reason=self.reason)

    def plan(self, data: dict) -> ActionPlan:
        milestones = data.get("milestones") or []
        days = [day_of(m["date"]) for m in milestones]
        submissions = [
            day
            for m, day in zip(milestones, days, strict=True)
            if m["kind"] in Milestone.SUBMISSION_KINDS
        ]
        first_submitted = _morning(submissions[0]) if submissions else None
        progress_days = [
            day
            for m, day in zip(milestones, days, strict=True)
            if m["kind"] == Milestone.Kind.PROGRESS_UPDATE_SUBMITTED
        ]

        report = data["report"]
        published = report.get("published")
        report = self.save(
            InspectionReport(
                title=report["title"],
                published_on=day_of(published) if published is not None else None,
                inspection_period=report.get("inspection_period", ""),
            ),
            first_submitted,
        )
        plan = self.save(
            ActionPlan(
                slug=data["slug"],
                report=report,
                title=data["title"],
                caveat=data.get("caveat", ""),
                introduction=data.get("introduction", ""),
            ),
            first_submitted,
        )
        bodies = []
        for body in data["bodies"]:
            found = ResponsibleBody.objects.filter(name=body["name"]).first()
            if not found:
                found = self.save(
                    ResponsibleBody(
                        name=body["name"],
                        short_name=body.get("short_name", ""),
                        logo_alt=body.get("logo_alt", body["name"]),
                    ),
                    first_submitted,
                )
            bodies.append(found)
        set_in_order(plan, "bodies", bodies)

        for i, (m, day) in enumerate(zip(milestones, days, strict=True)):
            milestone = Milestone(
                plan=plan,
                kind=m["kind"],
                label=m["label"],
                date=day,
                position=i,
                change_note=m.get("change_note", ""),
            )
            if milestone.is_submission:
                milestone.submitted_at = _evening(day)
            self.save(milestone, _evening(day))
        for i, row in enumerate(data.get("categorisation") or []):
            term = CategorisationTerm(
                plan=plan,
                term=row["term"],
                definition=row["definition"],
                comment=row.get("comment", ""),
                position=i,
            )
            self.save(term, first_submitted)

        rounds = {}
        for r in data.get("rounds") or []:
            month = month_of(r["month"])
            reported = next((_morning(d) for d in progress_days if d >= month), None)
            rnd = self.save(ReportingRound(plan=plan, label=r["label"], month=month), reported)
            rounds[rnd.label] = (rnd, reported)

        recs = []
        for g_index, g in enumerate(data["groups"]):
            group = self.save(
                AddresseeGroup(plan=plan, heading=g["heading"], position=g_index), first_submitted
            )
            for r_index, r in enumerate(g.get("recommendations") or []):
                recs.append((self.recommendation(group, r_index, r, first_submitted), r))
        # New owners are made in the order the plan first names them, as row by row.
        for _, r in recs:
            for row in (r.get("actions") or []) + (r.get("progress") or []):
                self.owners_named(row["owners"])
        self.write(Recommendation, [rec for rec, _ in recs], exclude=["group"])

        actions = {}
        for rec, r in recs:
            actions[rec.pk] = [
                _dated(
                    Action(
                        recommendation=rec,
                        position=a_index,
                        text=a.get("text", ""),
                        target_text=str(a["target"]),
                        status=a.get("status", Status.IN_PROGRESS),
                    ),
                    first_submitted,
                )
                for a_index, a in enumerate(r.get("actions") or [])
            ]
        all_actions = [action for rec_actions in actions.values() for action in rec_actions]
        self.write(Action, all_actions, exclude=["recommendation"])
        self.write_owners(
            Action,
            all_actions,
            [a["owners"] for _, r in recs for a in r.get("actions") or []],
        )

        updates, owner_lists = [], []
        for rec, r in recs:
            positions: dict[str, int] = {}
            for p in r.get("progress") or []:
                rnd, reported = rounds[p["round"]]
                revises = p.get("revises_action")
                updates.append(
                    _dated(
                        ProgressUpdate(
                            recommendation=rec,
                            round=rnd,
                            position=positions.get(rnd.label, 0),
                            text=p["text"],
                            status=p["status"],
                            target_text=str(p.get("target", "")),
                            revises_action=actions[rec.pk][revises - 1] if revises else None,
                            revision_reason=p.get("revision_reason", ""),
                        ),
                        reported,
                    )
                )
                owner_lists.append(p["owners"])
                positions[rnd.label] = positions.get(rnd.label, 0) + 1
        self.write(ProgressUpdate, updates, exclude=["recommendation", "round"])
        self.write_owners(ProgressUpdate, updates, owner_lists)
        return plan

    def recommendation(self, group, position, r, first_submitted) -> Recommendation:
        rec = Recommendation(
            group=group,
            reference=str(r["reference"]),
            position=position,
            text=r["text"],
            agreement=r.get("agreement", Agreement.AGREED),
            rationale=r.get("rationale", ""),
            response=r.get("response", ""),
            response_after=r.get("response_after", ""),
        )
        rec.reasons = r.get("reasons") or ()
        return _dated(rec, first_submitted)

    def write(self, model: type[Model], rows: list[Model], *, exclude: list[str]) -> None:
        """Validate every row, then insert them all with a history row each ("+").

        `exclude`: the links to records this import has just written, which the database
        would only confirm exist, one query per row. The check constraints are left to
        the database, which checks them on every insert (a breach aborts the whole
        import): Django would ask it one query per constraint per row, most of the time
        an import took, and clean() states the same rules in words beforehand.
        """
        for row in rows:
            row.full_clean(exclude=exclude, validate_constraints=False)
        bulk_create_with_history(
            rows, model, default_user=self.user, default_change_reason=self.reason or None
        )

    def write_owners(self, model: type[Model], rows: list[Model], names: list[list[str]]):
        """Name each row's owners, in order, as one more revision of it ("~").

        What set_in_order records per row, written in bulk: the through rows in the order
        the cell names them (their ids keep it), then one history row per record with
        the owners it now has, as its many-to-many history.
        """
        through = model.owners.through
        link = model.owners.field.m2m_field_name()
        links = []
        for row, row_names in zip(rows, names, strict=True):
            owners = list({owner.pk: owner for owner in self.owners_named(row_names)}.values())
            links += [through(**{f"{link}_id": row.pk, "owner_id": owner.pk}) for owner in owners]
        links = through.objects.bulk_create(links)
        history = get_history_manager_for_model(model)
        revisions = history.bulk_history_create(
            rows,
            update=True,
            default_user=self.user,
            default_change_reason=self.reason or None,
        )
        revision_of = {revision.id: revision for revision in revisions}
        m2m_history = history.model.owners.model
        m2m_history.objects.bulk_create(
            m2m_history(
                history_id=revision_of[getattr(row, f"{link}_id")].pk,
                id=row.id,
                owner_id=row.owner_id,
                **{f"{link}_id": getattr(row, f"{link}_id")},
            )
            for row in links
        )

    def owners_named(self, names: Iterable[str]) -> list[Owner]:
        """The owners a cell names, as owners_from_names finds or makes them, each looked
        up once per import."""
        owners = []
        for name in owner_keys(list(names)):
            key = name.casefold()
            if key not in self.owners:
                self.owners[key] = self.owner(name)
            owners.append(self.owners[key])
        return owners

    def owner(self, name: str) -> Owner:
        existing = Owner.objects.filter(name__iexact=name).first()
        if existing:
            return existing
        try:
            # Someone may name the same new role meanwhile: the database decides.
            with transaction.atomic():
                return save_validated(Owner(name=name), user=self.user, change_reason=self.reason)
        except (IntegrityError, ValidationError):
            found = Owner.objects.filter(name__iexact=name).first()
            if found is None:
                raise
            return found
