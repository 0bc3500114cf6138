"""Which versions of a plan exist, and which one a given reader may read.

Worked out once per request (`plan_versions`) and passed down: the plan's submissions
in the order they were made (submission N is the N-th), the moment this reader reads
the plan at (None: the live plan, for its editors), and how a calendar day or a
submission number becomes a moment.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied

from .. import permissions
from ..models import ActionPlan, Milestone

LONDON = ZoneInfo("Europe/London")


def end_of_day(day: datetime.date) -> datetime.datetime:
    """A date read as "as it stood that day": its last moment, London time."""
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=LONDON)


def plan_submissions(*, plan: ActionPlan) -> list[Milestone]:
    """The plan's submissions in the order they were made: number N is the N-th."""
    return list(plan.milestones.filter(submitted_at__isnull=False).order_by("submitted_at", "id"))


@dataclass(frozen=True)
class PlanVersions:
    """The versions of one plan as one reader sees them."""

    plan: ActionPlan
    submissions: tuple[Milestone, ...]
    # The moment this reader reads the plan at; None for the live plan.
    as_of: datetime.datetime | None
    can_edit: bool

    @property
    def latest(self) -> Milestone | None:
        return self.submissions[-1] if self.submissions else None

    @property
    def read_submission(self) -> Milestone | None:
        """The submission this reader reads the plan as (None: the live plan)."""
        latest = self.latest
        if self.as_of is not None and latest is not None and self.as_of == latest.submitted_at:
            return latest
        return None

    @property
    def readable_submissions(self) -> list[Milestone]:
        """The submissions made by the moment this reader reads (all, for editors)."""
        return [m for m in self.submissions if self.as_of is None or m.submitted_at <= self.as_of]

    def numbered(self) -> list[tuple[int, Milestone]]:
        return list(enumerate(self.submissions, start=1))

    def moment_of(self, number: int) -> datetime.datetime:
        """When submission `number` (1-based) was made. Raises Milestone.DoesNotExist."""
        if not 1 <= number <= len(self.submissions):
            raise Milestone.DoesNotExist(
                f"Plan '{self.plan.slug}' has {len(self.submissions)} submission(s); "
                f"there is no number {number}"
            )
        return self.submissions[number - 1].submitted_at

    def capped(self, moment: datetime.datetime) -> datetime.datetime:
        """A moment this reader asked for, no later than the version they may read."""
        return min(moment, self.as_of) if self.as_of else moment


def plan_versions(*, user, plan: ActionPlan) -> PlanVersions:
    """The plan's versions as this user may read them; PermissionDenied if none.

    Editors of the plan (and administrators) read it live. Reviewers, and editors of
    other bodies, read it as at its latest submission, never a working draft.
    """
    submissions = tuple(plan_submissions(plan=plan))
    if permissions.can_edit_plan(user, plan):
        return PlanVersions(plan, submissions, as_of=None, can_edit=True)
    if permissions.role_of(user) in {permissions.EDITOR, permissions.REVIEWER} and submissions:
        return PlanVersions(plan, submissions, as_of=submissions[-1].submitted_at, can_edit=False)
    raise PermissionDenied


def plan_versions_for_export(*, plan: ActionPlan) -> PlanVersions:
    """Every version of the plan, for the command line (which reads as an administrator)."""
    return PlanVersions(plan, tuple(plan_submissions(plan=plan)), as_of=None, can_edit=True)
