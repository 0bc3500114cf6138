"""A plan and its front matter: bodies, report, milestones, categorisation, headings
and reporting rounds."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from .vocabulary import SUBMISSION_KINDS, Agreement, Archivable, MilestoneKind, Timestamped


class ResponsibleBody(Timestamped):
    """A body that responds to inspections and owns plans (HMPPS, Counter Terrorism Policing)."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=50, blank=True)
    logo_alt = models.CharField(
        max_length=200, blank=True, help_text="Alternative text for the body's logo."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "responsible bodies"

    def __str__(self):
        return self.short_name or self.name


class InspectionReport(Timestamped):
    title = models.TextField()
    published_on = models.DateField(null=True, blank=True)
    inspection_period = models.CharField(
        max_length=200, blank=True, help_text='As written, for example "23 April – 3 May 2019".'
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self):
        return self.title


class ActionPlan(Timestamped):
    """One plan answering one report; the unit that is submitted and published."""

    slug = models.SlugField(max_length=100, unique=True)
    report = models.ForeignKey(
        InspectionReport, on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.TextField(help_text="The heading of the action plan table.")
    bodies = models.ManyToManyField(ResponsibleBody, related_name="action_plans")
    caveat = models.TextField(blank=True, help_text="An opening caveat, if the plan has one.")
    introduction = models.TextField(blank=True)
    history = HistoricalRecords(m2m_fields=[bodies])

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.title


class Milestone(Timestamped):
    """A dated line of the front matter: report published, plan submitted, update submitted."""

    Kind = MilestoneKind
    SUBMISSION_KINDS = SUBMISSION_KINDS

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    label = models.CharField(
        max_length=200,
        help_text='As published, for example "12 Month Update Action Plan Submitted".',
    )
    date = models.DateField()
    position = models.PositiveIntegerField(default=0)
    # Set on submissions: the moment that fixes what reviewers see.
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    change_note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(kind__in=SUBMISSION_KINDS),
                name="milestone_only_submissions_are_submitted",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.date:%d %B %Y}"

    @property
    def is_submission(self) -> bool:
        return self.kind in SUBMISSION_KINDS


class CategorisationTerm(Timestamped):
    """A row of the plan's categorisation table (Term, Definition, Additional comment)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="categorisation")
    term = models.CharField(max_length=20, choices=Agreement.choices)
    definition = models.TextField()
    comment = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "term"], name="categorisation_term_once"),
        ]

    def __str__(self):
        return self.get_term_display()


class AddresseeGroup(Archivable):
    """A heading of the action plan table: "The Ministry of Justice should:".

    Archived with what is under it: its recommendations leave the plan with it."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="groups")
    heading = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.heading


class ReportingRound(Timestamped):
    """A round of progress reporting, such as "July 2024" (the 12-month update)."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="rounds")
    label = models.CharField(max_length=50)
    month = models.DateField()
    due_on = models.DateField(
        "due to the inspectorate", null=True, blank=True, help_text="When the round is due."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="round_label_once_per_plan"),
        ]

    def __str__(self):
        return self.label
