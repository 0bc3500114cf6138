"""Recommendations, their actions and progress entries, and the owners named in them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from .. import targets
from ..text import single_spaced
from .plans import AddresseeGroup, ReportingRound
from .vocabulary import Agreement, Archivable, ReasonCategory, Status, Timestamped, status_known


class Owner(Timestamped):
    """A responsible owner: a role, not a person, shared across recommendations and plans."""

    name = models.CharField(max_length=255)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="owner_name_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = single_spaced(self.name)
        if not self.name:
            raise ValidationError({"name": "Enter the owner's role"})
        clash = Owner.objects.filter(name__iexact=self.name).exclude(pk=self.pk)
        if clash.exists():
            raise ValidationError({"name": f"An owner called “{self.name}” already exists"})


def _target(text: str | None, month: datetime.date | None):
    """The target's words single-spaced, and its month: as given (moved to the first of
    the month), or else read from the words."""
    text = single_spaced(text)
    if month is None:
        return text, targets.parse_month(text)
    return text, month.replace(day=1)


_REASON_FIELDS = {
    ReasonCategory.COMMISSIONING: "reason_commissioning",
    ReasonCategory.POLICY: "reason_policy",
    ReasonCategory.OPERATIONAL: "reason_operational",
    ReasonCategory.AFFORDABILITY: "reason_affordability",
}


class Recommendation(Archivable):
    """A recommendation of the report and the department's response to it."""

    # What an editor writes, in the order the form asks it (the rest the system keeps).
    EDITABLE_FIELDS = (
        "reference",
        "text",
        "agreement",
        "rationale",
        "reasons",
        "response",
        "response_after",
    )

    group = models.ForeignKey(
        AddresseeGroup, on_delete=models.CASCADE, related_name="recommendations"
    )
    reference = models.CharField(
        max_length=20, help_text='As the report numbers it: "1", "S40" or "1.46".'
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    agreement = models.CharField(max_length=20, choices=Agreement.choices, default=Agreement.AGREED)
    rationale = models.TextField(
        blank=True,
        help_text="For Partly Agreed: which part will be implemented and why not all of it. "
        "For Not Agreed: why not.",
    )
    # Four flags rather than a list so that the database itself can check the rule.
    reason_commissioning = models.BooleanField(default=False)
    reason_policy = models.BooleanField(default=False)
    reason_operational = models.BooleanField(default=False)
    reason_affordability = models.BooleanField(default=False)
    response = models.TextField(blank=True, help_text="Text of the response before the actions.")
    response_after = models.TextField(
        blank=True, help_text="Text of the response after the actions."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__in=Agreement.values), name="recommendation_agreement_known"
            ),
            models.CheckConstraint(
                condition=Q(agreement=Agreement.AGREED) | ~Q(rationale=""),
                name="recommendation_not_fully_agreed_has_rationale",
            ),
            models.CheckConstraint(
                condition=Q(agreement=Agreement.AGREED)
                | Q(reason_commissioning=True)
                | Q(reason_policy=True)
                | Q(reason_operational=True)
                | Q(reason_affordability=True),
                name="recommendation_not_fully_agreed_has_reason",
            ),
        ]

    def __str__(self):
        return f"Recommendation {self.reference}"

    @property
    def reasons(self) -> list[str]:
        return [reason for reason, field in _REASON_FIELDS.items() if getattr(self, field)]

    @reasons.setter
    def reasons(self, values) -> None:
        chosen = {ReasonCategory(v) for v in values}
        for reason, field in _REASON_FIELDS.items():
            setattr(self, field, reason in chosen)

    def get_reasons_display(self) -> list[str]:
        return [ReasonCategory(r).label for r in self.reasons]

    def validate_constraints(self, exclude=None):
        # clean() already explains a missing reason beside the reasons field; the
        # database constraint would repeat it as an error about no field at all.
        exclude = set(exclude or ())
        if self.agreement != Agreement.AGREED and not self.reasons:
            exclude |= set(_REASON_FIELDS.values())
        super().validate_constraints(exclude=exclude)

    def clean(self):
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = "Enter the text of the recommendation"
        if not (self.reference or "").strip():
            errors["reference"] = "Enter the recommendation's number or reference"
        elif self.group_id:
            clash = Recommendation.objects.filter(
                group__plan_id=self.group.plan_id, reference__iexact=self.reference.strip()
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["reference"] = (
                    f"Recommendation {self.reference.strip()} is already in this plan"
                )
        if self.agreement == Agreement.PARTLY_AGREED and not self.rationale.strip():
            errors["rationale"] = (
                "Explain which part of the recommendation will be implemented and why not all of it"
            )
        if self.agreement == Agreement.NOT_AGREED and not self.rationale.strip():
            errors["rationale"] = "Explain why the recommendation is not agreed"
        if self.agreement != Agreement.AGREED and not self.reasons:
            status = Agreement(self.agreement).label
            errors["reasons"] = (
                f"Select at least one reason why the recommendation is {status}: "
                "commissioning, policy, operational or affordability"
            )
        if errors:
            raise ValidationError(errors)


class Action(Archivable):
    """One step of a response, with its own owners and target date."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="actions"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    owners = models.ManyToManyField(Owner, related_name="actions")
    target_text = models.CharField(
        "target date", max_length=100, help_text='As written: "March 2024", "end of 2023-24".'
    )
    # The original (baseline) target: revisions live on progress updates, never here.
    target_month = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    # Set when an administrator overwrote the baseline after the plan's submission (a
    # target typed wrongly): the report marks it, and the reason says why.
    baseline_corrected_at = models.DateTimeField(null=True, blank=True)
    baseline_correction_reason = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            status_known("action_status_known"),
            models.CheckConstraint(
                condition=Q(baseline_corrected_at__isnull=True) | ~Q(baseline_correction_reason=""),
                name="action_corrected_baseline_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.recommendation}, action {self.position + 1}"

    def clean(self):
        self.target_text, self.target_month = _target(self.target_text, self.target_month)
        if not self.target_text:
            raise ValidationError({"target_text": "Enter a target date, such as March 2024"})
        if self.target_month is None and self.status not in Status.closed():
            raise ValidationError(
                {
                    "target_text": "Enter a target date that includes a month and year, "
                    "such as March 2024 or end of 2023-24"
                }
            )


class ProgressUpdate(Archivable):
    """A dated progress entry against a recommendation, optionally revising an action's date."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="progress_updates"
    )
    round = models.ForeignKey(ReportingRound, on_delete=models.PROTECT, related_name="updates")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField()
    owners = models.ManyToManyField(Owner, related_name="progress_updates")
    status = models.CharField(max_length=20, choices=Status.choices)
    target_text = models.CharField(
        "target date",
        max_length=100,
        blank=True,
        help_text='As written: "Completed", "January 2025".',
    )
    target_month = models.DateField(null=True, blank=True)
    revises_action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="revisions"
    )
    revision_reason = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[owners])

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            status_known("progress_status_known"),
            # A revised target date needs the new date and the reason: slippage must be explained.
            models.CheckConstraint(
                condition=Q(revises_action__isnull=True)
                | (Q(target_month__isnull=False) & ~Q(revision_reason="")),
                name="progress_revision_has_date_and_reason",
            ),
        ]

    def __str__(self):
        return f"Progress on {self.recommendation} ({self.round})"

    def clean(self):
        errors = {}
        if not (self.text or "").strip():
            errors["text"] = "Enter the progress made"
        self.target_text, self.target_month = _target(self.target_text, self.target_month)
        if self.revises_action_id:
            if self.revises_action.recommendation_id != self.recommendation_id:
                errors["revises_action"] = "Choose an action of this recommendation"
            if self.target_month is None:
                errors["target_text"] = (
                    "Enter the revised target date, including a month and year, such as "
                    "January 2025"
                )
            if not self.revision_reason.strip():
                errors["revision_reason"] = "Enter the reason the target date has changed"
        elif self.revision_reason.strip():
            errors["revises_action"] = "Choose the action whose target date has changed"
        if self.round_id and self.recommendation_id:
            if self.round.plan_id != self.recommendation.group.plan_id:
                errors["round"] = "Choose a reporting round of this plan"
        if errors:
            raise ValidationError(errors)
