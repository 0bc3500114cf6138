"""The concrete URLs of the permission matrix: the kwargs of each URL name, made from
the seed plan's objects."""

from collections.abc import Callable

from recommendations import services
from recommendations.models import (
    ActionPlan,
    Milestone,
    PlanImport,
    ProgressUpdate,
    Recommendation,
)
from tests.conftest import SEED_SLUG

ARCHIVE_KINDS = ("group", "recommendation", "action", "progress")


# --- Concrete URLs: the kwargs of each URL name, made from the seed plan --------------


class Seed:
    """The seed plan's objects that URLs point at."""

    def __init__(self):
        self.plan = ActionPlan.objects.get(slug=SEED_SLUG)
        self.rec = Recommendation.objects.get(group__plan=self.plan, reference="6")
        self.action = self.rec.actions.order_by("position").first()
        self.progress = ProgressUpdate.objects.filter(recommendation=self.rec).first()
        self.group = self.rec.group
        self.owner = self.action.owners.first()
        self.milestone = self.plan.milestones.exclude(kind__in=Milestone.SUBMISSION_KINDS).first()
        self.term = self.plan.categorisation.first()
        self.body = self.plan.bodies.first()
        self.round = self.plan.rounds.get()

    @property
    def slug(self):
        return {"slug": self.plan.slug}

    def of_rec(self, **more):
        return {**self.slug, "pk": self.rec.pk, **more}

    def archivable(self, kind):
        return {
            "group": self.group,
            "recommendation": self.rec,
            "action": self.action,
            "progress": self.progress,
        }[kind]

    def pending_import(self):
        """A plan file the seed plan's editor has uploaded and not yet imported."""
        from django.contrib.auth import get_user_model

        content = (
            "slug: imported-in-the-matrix\ntitle: A plan imported in the matrix\n"
            "report: {title: A thematic inspection}\n"
            "bodies: [{name: HM Prison & Probation Service}]\n"
            "groups:\n  - heading: 'HMPPS should:'\n    recommendations:\n"
            "      - {reference: '1', text: Review the approach., actions: "
            "[{owners: [Deputy Director Custody], target: March 2027}]}\n"
        )
        return PlanImport.objects.create(
            uploaded_by=get_user_model().objects.get(username="editor"),
            file_name="plan.yaml",
            content=content.encode(),
        )

    def working_render(self):
        """A ready render of the seed plan's working version, as the worker leaves one."""
        from django.utils import timezone

        from recommendations.models import Render
        from recommendations.publishing.background import store_file

        name, sha = store_file(data=b"%PDF-1.7 rendered for the matrix", suffix="pdf")
        now = timezone.now()
        return Render.objects.create(
            plan=self.plan,
            digest="f" * 64,
            state=Render.State.READY,
            pdf=name,
            pdf_sha256=sha,
            source_at=now,
            queued_at=now,
            finished_at=now,
        )

    def editor_token(self):
        """A personal API token of the seed plan's editor, for the revoke URL."""
        import datetime

        from django.contrib.auth import get_user_model

        from accounts.tokens import api_token_create

        editor = get_user_model().objects.get(username="editor")
        token, _secret = api_token_create(
            user=editor, name="Matrix", expires_on=datetime.date.today()
        )
        return token

    def owner_contact(self):
        """A contact of the action's owner, for the remove URL."""
        from recommendations.models import OwnerContact

        return OwnerContact.objects.create(owner=self.owner, email="lead@example.gov.uk")

    def archived(self, kind):
        """An archived item of this kind, for the restore URL (made inside the test)."""
        return services.archive(instance=self.archivable(kind), change_reason="Matrix test")


KwargsList = list[dict]
URL_KWARGS: dict[str, Callable[[Seed], KwargsList]] = {
    "login": lambda s: [{}],
    "logout": lambda s: [{}],
    "keep-alive": lambda s: [{}],
    "timed-out": lambda s: [{}],
    "recommendations:dashboard": lambda s: [{}],
    "api-tokens": lambda s: [{}],
    "api-token-revoke": lambda s: [{"pk": s.editor_token().pk}],
    "recommendations:plan-list": lambda s: [{}],
    "recommendations:check-file": lambda s: [{}],
    "recommendations:plan-create": lambda s: [{}],
    "recommendations:plan-import": lambda s: [{}],
    "recommendations:plan-import-preview": lambda s: [{"pk": s.pending_import().pk}],
    "recommendations:owner-list": lambda s: [{}],
    "recommendations:owner-detail": lambda s: [{"pk": s.owner.pk}],
    "recommendations:slippage-report": lambda s: [{}],
    "recommendations:archived-list": lambda s: [{}],
    "recommendations:plan-detail": lambda s: [s.slug],
    "recommendations:plan-submit": lambda s: [s.slug],
    "recommendations:plan-history": lambda s: [s.slug],
    "recommendations:plan-compare": lambda s: [s.slug],
    "recommendations:plan-downloads": lambda s: [s.slug],
    "recommendations:plan-publication": lambda s: [s.slug],
    "recommendations:plan-pdf": lambda s: [s.slug],
    "recommendations:plan-render-pdf": lambda s: [{**s.slug, "digest": s.working_render().digest}],
    "recommendations:plan-export": lambda s: [
        {**s.slug, "fmt": fmt} for fmt in ("xlsx", "ods", "csv", "docx")
    ],
    "recommendations:group-add": lambda s: [s.slug],
    "recommendations:group-move": lambda s: [{**s.slug, "pk": s.group.pk}],
    "recommendations:recommendation-add": lambda s: [{**s.slug, "group": s.group.pk}],
    "recommendations:recommendation-detail": lambda s: [s.of_rec()],
    "recommendations:recommendation-history": lambda s: [s.of_rec()],
    "recommendations:recommendation-edit": lambda s: [s.of_rec()],
    "recommendations:recommendation-move": lambda s: [s.of_rec()],
    "recommendations:assessment-record": lambda s: [s.of_rec()],
    "recommendations:comment-add": lambda s: [s.of_rec()],
    "recommendations:archive": lambda s: [
        {**s.slug, "kind": kind, "pk": s.archivable(kind).pk} for kind in ARCHIVE_KINDS
    ],
    "recommendations:restore": lambda s: [
        {"kind": kind, "pk": s.archived(kind).pk} for kind in ARCHIVE_KINDS
    ],
    "recommendations:action-add": lambda s: [{**s.slug, "rec": s.rec.pk}],
    "recommendations:action-edit": lambda s: [{**s.slug, "rec": s.rec.pk, "pk": s.action.pk}],
    "recommendations:action-move": lambda s: [{**s.slug, "rec": s.rec.pk, "pk": s.action.pk}],
    "recommendations:progress-add": lambda s: [{**s.slug, "rec": s.rec.pk}],
    "recommendations:progress-edit": lambda s: [{**s.slug, "rec": s.rec.pk, "pk": s.progress.pk}],
    "recommendations:action-target-revise": lambda s: [
        {**s.slug, "rec": s.rec.pk, "pk": s.action.pk}
    ],
    "recommendations:action-baseline-correct": lambda s: [
        {**s.slug, "rec": s.rec.pk, "pk": s.action.pk}
    ],
    "recommendations:front-matter": lambda s: [s.slug],
    "recommendations:report-edit": lambda s: [s.slug],
    "recommendations:plan-edit": lambda s: [s.slug],
    "recommendations:plan-bodies-edit": lambda s: [s.slug],
    "recommendations:milestone-add": lambda s: [s.slug],
    "recommendations:milestone-edit": lambda s: [{**s.slug, "pk": s.milestone.pk}],
    "recommendations:milestone-move": lambda s: [{**s.slug, "pk": s.milestone.pk}],
    "recommendations:categorisation-add": lambda s: [s.slug],
    "recommendations:categorisation-edit": lambda s: [{**s.slug, "pk": s.term.pk}],
    "recommendations:group-edit": lambda s: [{**s.slug, "pk": s.group.pk}],
    "recommendations:body-list": lambda s: [{}],
    "recommendations:body-add": lambda s: [{}],
    "recommendations:body-edit": lambda s: [{"pk": s.body.pk}],
    "recommendations:round-start": lambda s: [s.slug],
    "recommendations:round-detail": lambda s: [{**s.slug, "round": s.round.pk}],
    "recommendations:round-submit": lambda s: [{**s.slug, "round": s.round.pk}],
    "recommendations:round-task-mark": lambda s: [{**s.slug, "round": s.round.pk, "pk": s.rec.pk}],
    "recommendations:plan-owners": lambda s: [s.slug],
    "recommendations:owner-contact-add": lambda s: [{**s.slug, "owner": s.owner.pk}],
    "recommendations:owner-contact-remove": lambda s: [
        {**s.slug, "owner": s.owner.pk, "pk": s.owner_contact().pk}
    ],
    "recommendations:message-list": lambda s: [{}],
    "email-preferences": lambda s: [{}],
}
