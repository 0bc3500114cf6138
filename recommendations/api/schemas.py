"""The shapes of the API's answers, as REST framework serializers, for its OpenAPI
description: what `data.py` and the views build, field by field. Only described, never
used to build a response (see data.py); the tests check every answer against them."""

from rest_framework import serializers as s

from ..models import Agreement, Status

MONTH = r"^\d{4}-\d{2}$"


def month_field(help_text: str) -> s.RegexField:
    return s.RegexField(MONTH, allow_null=True, help_text=f"{help_text} (YYYY-MM).")


class RichText(s.Serializer):
    markdown = s.CharField(allow_blank=True, help_text="As stored: paragraphs and lists.")
    html = s.CharField(allow_blank=True, help_text="Sanitised HTML, as the pages show it.")


class Error(s.Serializer):
    detail = s.CharField(help_text="What was wrong, in a sentence.")
    errors = s.DictField(
        child=s.ListField(child=s.CharField()),
        required=False,
        help_text="For a wrong query parameter (400): the messages, by parameter.",
    )


class PlanRef(s.Serializer):
    slug = s.SlugField()
    title = s.CharField()


class Body(s.Serializer):
    id = s.IntegerField()
    name = s.CharField()
    short_name = s.CharField(allow_blank=True)


class Round(s.Serializer):
    id = s.IntegerField()
    label = s.CharField()
    month = month_field("The month the round reports on")


class Progress(s.Serializer):
    id = s.IntegerField()
    round_id = s.IntegerField()
    text = RichText()
    owners = s.ListField(child=s.CharField())
    status = s.ChoiceField(Status.choices)
    status_label = s.CharField()
    target_text = s.CharField(allow_blank=True)
    target_month = month_field("The month the target names, if it names one")
    revises_action_id = s.IntegerField(allow_null=True)
    revision_reason = s.CharField(allow_blank=True)
    revised_from = s.CharField(allow_blank=True, help_text="The revised action's target.")


class Action(s.Serializer):
    id = s.IntegerField()
    number = s.IntegerField(help_text="Its number within the recommendation, from 1.")
    text = RichText()
    owners = s.ListField(child=s.CharField())
    status = s.ChoiceField(Status.choices, help_text="Where it stands now, progress included.")
    status_label = s.CharField()
    original_status = s.ChoiceField(Status.choices, help_text="As the action was written.")
    target_text = s.CharField(allow_blank=True, help_text="The current target, as written.")
    target_month = month_field("The current target month")
    original_target_text = s.CharField(allow_blank=True)
    original_target_month = month_field("The target month first agreed")
    months_slipped = s.IntegerField(help_text="From the original target to the current one.")
    is_revised = s.BooleanField()
    is_overdue = s.BooleanField(help_text="Past its current target month and not closed.")
    baseline_corrected = s.BooleanField()
    revisions = Progress(many=True, help_text="The progress entries that revised its target.")


class Reason(s.Serializer):
    value = s.CharField()
    label = s.CharField()


class RoundUpdates(s.Serializer):
    round = Round()
    updates = Progress(many=True)


class Recommendation(s.Serializer):
    id = s.IntegerField()
    reference = s.CharField()
    text = RichText()
    agreement = s.ChoiceField(Agreement.choices)
    agreement_label = s.CharField()
    rationale = RichText()
    reasons = Reason(many=True)
    response = RichText()
    response_after = RichText()
    actions = Action(many=True)
    progress = RoundUpdates(many=True)


class Heading(s.Serializer):
    id = s.IntegerField()
    heading = s.CharField()
    recommendations = Recommendation(many=True)


class Version(s.Serializer):
    live = s.BooleanField(help_text="The working version (the plan's editors only).")
    submission = s.IntegerField(
        allow_null=True, help_text="The number of the submission read, if one is."
    )
    as_of = s.DateTimeField(allow_null=True, help_text="The moment the plan is read at.")
    day = s.DateField(allow_null=True, help_text="The day asked for with ?as_of=, if any.")


class Report(s.Serializer):
    title = s.CharField()
    published_on = s.DateField(allow_null=True)
    inspection_period = s.CharField(allow_blank=True)


class Milestone(s.Serializer):
    id = s.IntegerField()
    kind = s.CharField()
    label = s.CharField()
    date = s.DateField()
    change_note = s.CharField(allow_blank=True)


class Term(s.Serializer):
    term = s.ChoiceField(Agreement.choices)
    label = s.CharField()
    definition = s.CharField(allow_blank=True)
    comment = s.CharField(allow_blank=True)


class Summary(s.Serializer):
    agreed = s.IntegerField()
    partly_agreed = s.IntegerField()
    not_agreed = s.IntegerField()
    total = s.IntegerField()


class Plan(s.Serializer):
    slug = s.SlugField()
    title = s.CharField()
    version = Version()
    report = Report()
    bodies = Body(many=True)
    caveat = RichText()
    introduction = RichText()
    milestones = Milestone(many=True)
    categorisation = Term(many=True)
    rounds = Round(many=True)
    headings = Heading(many=True)
    summary = Summary(help_text="The closing table, computed from the recommendations.")
    numbering_gaps = s.ListField(
        child=s.CharField(), help_text="Whole numbers missing from the recommendations."
    )


class StatusCount(s.Serializer):
    status = s.ChoiceField(Status.choices)
    label = s.CharField()
    count = s.IntegerField()


class PlanListItem(s.Serializer):
    slug = s.SlugField()
    title = s.CharField()
    report_title = s.CharField()
    bodies = Body(many=True)
    version = Version()
    updated_at = s.DateTimeField(
        allow_null=True, help_text="When the version you read last changed."
    )
    submissions = s.IntegerField(help_text="How many times the plan has been submitted.")
    recommendations = s.IntegerField()
    actions = s.IntegerField()
    overdue_actions = s.IntegerField()
    status_counts = StatusCount(many=True)
    url = s.CharField()


class Submission(s.Serializer):
    number = s.IntegerField()
    kind = s.CharField()
    label = s.CharField()
    date = s.DateField()
    submitted_at = s.DateTimeField()
    submitted_by = s.CharField(allow_blank=True)
    change_note = s.CharField(allow_blank=True)
    frozen = s.BooleanField(help_text="Kept as a frozen record (with hashes).")
    document_sha256 = s.CharField(allow_null=True)
    html_sha256 = s.CharField(allow_null=True)
    pdf_sha256 = s.CharField(allow_null=True)
    record_sha256 = s.CharField(allow_null=True)
    previous_sha256 = s.CharField(allow_null=True, allow_blank=True)
    document_url = s.CharField()


class FrozenDocument(s.Serializer):
    schema_version = s.IntegerField()
    plan = s.DictField(help_text="The plan as submitted, every field of its snapshot.")


class RecommendationRef(s.Serializer):
    id = s.IntegerField()
    reference = s.CharField()
    agreement = s.ChoiceField(Agreement.choices)


class ActionItem(Action):
    plan = PlanRef()
    recommendation = RecommendationRef()


class RecommendationItem(Recommendation):
    plan = PlanRef()
    heading = s.CharField()


class OwnerItem(s.Serializer):
    id = s.IntegerField()
    name = s.CharField()
    actions = s.IntegerField(help_text="How many actions they hold in the plans you read.")


class OwnerAction(Action):
    recommendation = RecommendationRef()


class OwnerProgress(Progress):
    recommendation = RecommendationRef()


class OwnerHolding(s.Serializer):
    plan = PlanRef()
    actions = OwnerAction(many=True)
    progress = OwnerProgress(many=True)


class OwnerDetail(s.Serializer):
    id = s.IntegerField()
    name = s.CharField()
    plans = OwnerHolding(many=True)


class Change(s.Serializer):
    field = s.CharField()
    old = s.CharField(allow_blank=True)
    new = s.CharField(allow_blank=True)


class Event(s.Serializer):
    when = s.DateTimeField()
    who = s.CharField()
    why = s.CharField(allow_blank=True)
    what = s.CharField()
    kind = s.ChoiceField(["created", "changed", "archived", "restored", "deleted"])
    recommendation_id = s.IntegerField(allow_null=True)
    changes = Change(many=True)


class TargetMove(s.Serializer):
    old_text = s.CharField(allow_blank=True)
    new_text = s.CharField(allow_blank=True)
    months = s.IntegerField(allow_null=True)
    reasons = s.ListField(child=s.CharField())


class ActionChange(s.Serializer):
    number = s.IntegerField()
    id = s.IntegerField()
    text = Change(allow_null=True)
    owners = Change(allow_null=True)
    status = Change(allow_null=True)
    target = TargetMove(allow_null=True)


class NewProgress(s.Serializer):
    round = s.CharField()
    update = Progress()


class RecommendationChange(s.Serializer):
    id = s.IntegerField()
    reference = s.CharField()
    kind = s.ChoiceField(["added", "removed", "changed"])
    recommendation = Recommendation(
        help_text="The recommendation as it stands in `new` (in `old` if it was removed)."
    )
    texts = Change(many=True)
    agreement = Change(allow_null=True)
    actions_added = Action(many=True)
    actions_removed = Action(many=True)
    actions_changed = ActionChange(many=True)
    new_progress = NewProgress(many=True)


class ComparedVersion(s.Serializer):
    submission = s.IntegerField(allow_null=True, help_text="Null: the working version.")
    label = s.CharField()


class Comparison(s.Serializer):
    old = ComparedVersion()
    new = ComparedVersion()
    headings_added = s.ListField(child=s.CharField())
    headings_removed = s.ListField(child=s.CharField())
    recommendations = RecommendationChange(many=True, help_text="Those that changed.")


class Root(s.Serializer):
    plans = s.CharField()
    recommendations = s.CharField()
    actions = s.CharField()
    owners = s.CharField()
    openapi = s.CharField()
    docs = s.CharField()
