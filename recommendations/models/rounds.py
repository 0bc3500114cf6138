"""The progress round as a task list: which recommendations an editor has marked done."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .plans import ReportingRound
from .recommendations import Recommendation
from .vocabulary import Timestamped


class RoundCompletion(Timestamped):
    """An editor's mark that a recommendation's update for a round is done.

    Not started and in progress are read from the round's progress entries; only the
    editor can say an update is finished, so only that is stored (and unmarking deletes
    the mark, which its history keeps)."""

    round = models.ForeignKey(ReportingRound, on_delete=models.CASCADE, related_name="completions")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="round_completions"
    )
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "recommendation"], name="round_completion_once"
            ),
        ]

    def __str__(self):
        return f"{self.recommendation} done for {self.round}"

    def clean(self):
        if self.round_id and self.recommendation_id:
            if self.round.plan_id != self.recommendation.group.plan_id:
                raise ValidationError({"round": "Choose a reporting round of this plan"})
