"""Which versions of a plan exist, and which one a given reader may read.

Worked out once per request (`plan_versions`) and passed down: the plan's submissions
in the order they were made (submission N is the N-th), the moment this reader reads
the plan at (None: the live plan, for its editors), and how a calendar day or a
submission number becomes a moment.
"""

import datetime
from dataclasses import dataclass, replace
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
    # A past version the reader chose (`of_submission`, `on_day`): the submission read as
    # frozen, or the day whose end the history is read at (editors only).
    chosen_submission: Milestone | None = None
    chosen_day: datetime.date | None = None

    @property
    def latest(self) -> Milestone | None:
        return self.submissions[-1] if self.submissions else None

    @property
    def is_chosen(self) -> bool:
        """The reader asked for a past version, not the one they read by default."""
        return self.chosen_submission is not None or self.chosen_day is not None

    @property
    def read_submission(self) -> Milestone | None:
        """The submission this reader reads the plan as (None: the live plan or history)."""
        if self.chosen_submission is not None:
            return self.chosen_submission
        latest = self.latest
        if self.as_of is not None and latest is not None and self.as_of == latest.submitted_at:
            return latest
        return None

    @property
    def read_number(self) -> int | None:
        """The number of the submission read (1 is the first), if one is."""
        chosen = self.read_submission
        return self.submissions.index(chosen) + 1 if chosen in self.submissions else None

    def of_submission(self, number: int) -> "PlanVersions":
        """Submission `number` (1-based), read as frozen. Every reader of a plan may read
        every submission. Raises Milestone.DoesNotExist for a number there is not."""
        moment = self.moment_of(number)
        return replace(
            self, as_of=moment, can_edit=False, chosen_submission=self.submissions[number - 1]
        )

    def on_day(self, day: datetime.date) -> "PlanVersions":
        """The plan as it stood at the end of `day` (London time), as this reader may read it.

        Its editors read the history at that moment, drafts and all. Everyone else reads
        the latest submission made by then, never the working state between two
        submissions. Raises Milestone.DoesNotExist if this reader has nothing that early.
        """
        if self.as_of is None:
            return replace(self, as_of=end_of_day(day), can_edit=False, chosen_day=day)
        made = [m for m in self.submissions if m.submitted_at <= self.capped(end_of_day(day))]
        if not made:
            raise Milestone.DoesNotExist(
                f"The plan had not been submitted by {day:%-d %B %Y}: choose a later date"
            )
        return replace(
            self, as_of=made[-1].submitted_at, can_edit=False, chosen_submission=made[-1]
        )

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


def versions_chosen(
    *, versions: PlanVersions, submission: str | None = None, day: str | None = None
) -> PlanVersions:
    """The version a reader asked for in a link: `?submission=N` or `?as_of=YYYY-MM-DD`
    (neither: the version they read by default).

    Raises ValueError for a value that is not a number or a date, and
    Milestone.DoesNotExist for a version this reader has not got."""
    if submission is not None:
        return versions.of_submission(int(submission))
    if day is not None:
        return versions.on_day(datetime.date.fromisoformat(day))
    return versions
