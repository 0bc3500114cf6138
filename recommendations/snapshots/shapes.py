"""The shape every page, the published HTML and the PDF render: a plan as plain data."""

import datetime
from dataclasses import dataclass, field

from .. import targets
from ..models import Agreement, ReasonCategory, ResponsibleBody, Status
from ..summary import Summary, numbering_gaps

# "Due soon": the current target month ends within this many days of today.
DUE_SOON_DAYS = 30


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
    # An administrator corrected the baseline after submission (services.baselines).
    baseline_corrected: bool = False

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

    def is_due_soon(self, today: datetime.date, days: int = DUE_SOON_DAYS) -> bool:
        """Open, and its current target month ends between today and `days` days on:
        due soon, not yet overdue (a month is met if done by its last day)."""
        if self.latest_status in Status.closed():
            return False
        month = self.current_target_month
        if month is None:
            return False
        return today <= targets.month_end(month) <= today + datetime.timedelta(days=days)


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
    # Last, with a default: documents frozen before it was kept still read.
    report_inspection_period: str = ""

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
