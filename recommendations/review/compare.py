"""What changed between two versions of a plan: the reviewer's first question."""

from dataclasses import dataclass, field

from .. import targets
from ..models import Agreement, Status
from ..snapshots import ActionView, PlanView, ProgressView, RecommendationView
from .diff import Change


@dataclass
class TargetMove:
    old_text: str
    new_text: str
    months: int | None
    reasons: list[str]

    @property
    def slipped(self) -> bool:
        return bool(self.months and self.months > 0)


@dataclass
class ActionChange:
    number: int
    action: ActionView
    text: Change | None = None
    owners: Change | None = None
    status: Change | None = None
    target: TargetMove | None = None

    @property
    def has_changes(self) -> bool:
        return any([self.text, self.owners, self.status, self.target])


@dataclass
class RecommendationChange:
    reference: str
    recommendation: RecommendationView
    kind: str  # added, removed, changed
    texts: list[Change] = field(default_factory=list)
    agreement: Change | None = None
    actions_added: list[ActionView] = field(default_factory=list)
    actions_removed: list[ActionView] = field(default_factory=list)
    actions_changed: list[ActionChange] = field(default_factory=list)
    new_progress: list[tuple[str, ProgressView]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return self.kind != "changed" or any(
            [
                self.texts,
                self.agreement,
                self.actions_added,
                self.actions_removed,
                self.actions_changed,
                self.new_progress,
            ]
        )


@dataclass
class Comparison:
    old: PlanView
    new: PlanView
    recommendations: list[RecommendationChange]
    headings_added: list[str]
    headings_removed: list[str]

    @property
    def changed(self) -> list[RecommendationChange]:
        return [r for r in self.recommendations if r.has_changes]

    @property
    def moved_targets(self) -> list[tuple[RecommendationChange, ActionChange]]:
        return [(r, a) for r in self.recommendations for a in r.actions_changed if a.target]

    @property
    def new_progress_count(self) -> int:
        return sum(len(r.new_progress) for r in self.recommendations)


def _text_change(label: str, old: str, new: str) -> Change | None:
    return Change(label, old, new, is_text=True) if (old or "") != (new or "") else None


def compare_plans(old: PlanView, new: PlanView) -> Comparison:
    old_recs = {r.id: r for r in old.recommendations}
    new_recs = {r.id: r for r in new.recommendations}
    changes = []
    for rec in new.recommendations:
        before = old_recs.get(rec.id)
        if before is None:
            changes.append(
                RecommendationChange(
                    rec.reference,
                    rec,
                    "added",
                    actions_added=list(rec.actions),
                    new_progress=_progress(rec),
                )
            )
            continue
        changes.append(_compare_recommendation(before, rec))
    for rec in old.recommendations:
        if rec.id not in new_recs:
            changes.append(RecommendationChange(rec.reference, rec, "removed"))
    old_headings = {g.id: g.heading for g in old.groups}
    new_headings = {g.id: g.heading for g in new.groups}
    return Comparison(
        old,
        new,
        changes,
        headings_added=[h for i, h in new_headings.items() if i not in old_headings],
        headings_removed=[h for i, h in old_headings.items() if i not in new_headings],
    )


def _progress(rec: RecommendationView, known: set[int] = frozenset()):
    return [(rnd.round.label, u) for rnd in rec.progress for u in rnd.updates if u.id not in known]


def _compare_recommendation(old: RecommendationView, new: RecommendationView):
    change = RecommendationChange(new.reference, new, "changed")
    for label, name in [
        ("Recommendation", "text"),
        ("Explanation", "rationale"),
        ("Response", "response"),
        ("Closing text", "response_after"),
        ("Number", "reference"),
    ]:
        if found := _text_change(label, getattr(old, name), getattr(new, name)):
            change.texts.append(found)
    if old.agreement != new.agreement:
        change.agreement = Change(
            "Agreement", Agreement(old.agreement).label, Agreement(new.agreement).label
        )
    old_actions = {a.id: a for a in old.actions}
    new_ids = {a.id for a in new.actions}
    for number, action in enumerate(new.actions, start=1):
        before = old_actions.get(action.id)
        if before is None:
            change.actions_added.append(action)
            continue
        found = _compare_action(number, before, action)
        if found.has_changes:
            change.actions_changed.append(found)
    change.actions_removed = [a for a in old.actions if a.id not in new_ids]
    known = {u.id for rnd in old.progress for u in rnd.updates}
    change.new_progress = _progress(new, known)
    return change


def _compare_action(number: int, old: ActionView, new: ActionView) -> ActionChange:
    change = ActionChange(number, new)
    change.text = _text_change("Action", old.text, new.text)
    if old.owners != new.owners:
        change.owners = Change("Owners", ", ".join(old.owners), ", ".join(new.owners))
    if old.latest_status != new.latest_status:
        change.status = Change(
            "Status", Status(old.latest_status).label, Status(new.latest_status).label
        )
    if old.current_target_text != new.current_target_text:
        months = None
        if old.current_target_month and new.current_target_month:
            months = targets.months_between(old.current_target_month, new.current_target_month)
        known = {r.id for r in old.revisions}
        reasons = [r.revision_reason for r in new.revisions if r.id not in known]
        change.target = TargetMove(
            old.current_target_text, new.current_target_text, months, reasons
        )
    return change
