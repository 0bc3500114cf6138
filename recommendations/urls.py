from django.urls import path

from .views import (
    archive,
    baselines,
    dashboard,
    editing,
    front_matter,
    importing,
    notifications,
    plans,
    publishing,
    reading,
    review,
    rounds,
    verification,
)

app_name = "recommendations"
PLAN = "plans/<slug:slug>/"
REC = PLAN + "recommendations/<id:rec>/"
urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("plans/", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", plans.PlanCreateView.as_view(), name="plan-create"),
    path("plans/import/", importing.PlanImportView.as_view(), name="plan-import"),
    path(
        "plans/import/<uuid:pk>/",
        importing.PlanImportPreviewView.as_view(),
        name="plan-import-preview",
    ),
    path(PLAN, plans.PlanDetailView.as_view(), name="plan-detail"),
    path(PLAN + "publication/", publishing.PublicationHtmlView.as_view(), name="plan-publication"),
    path(PLAN + "publication.pdf", publishing.PublicationPdfView.as_view(), name="plan-pdf"),
    path(
        PLAN + "publication/renders/<str:digest>.pdf",
        publishing.RenderPdfView.as_view(),
        name="plan-render-pdf",
    ),
    path(PLAN + "downloads/", publishing.DownloadsView.as_view(), name="plan-downloads"),
    path(PLAN + "export/<str:fmt>/", publishing.PlanExportView.as_view(), name="plan-export"),
    path(PLAN + "submit/", plans.PlanSubmitView.as_view(), name="plan-submit"),
    path(PLAN + "history/", review.PlanHistoryView.as_view(), name="plan-history"),
    path(PLAN + "compare/", review.CompareView.as_view(), name="plan-compare"),
    path(PLAN + "groups/new/", editing.GroupAddView.as_view(), name="group-add"),
    path(PLAN + "groups/<id:pk>/edit/", front_matter.GroupEditView.as_view(), name="group-edit"),
    path(PLAN + "front-matter/", front_matter.FrontMatterView.as_view(), name="front-matter"),
    path(PLAN + "front-matter/report/", front_matter.ReportEditView.as_view(), name="report-edit"),
    path(PLAN + "front-matter/plan/", front_matter.PlanTextEditView.as_view(), name="plan-edit"),
    path(
        PLAN + "front-matter/bodies/",
        front_matter.PlanBodiesEditView.as_view(),
        name="plan-bodies-edit",
    ),
    path(PLAN + "milestones/new/", front_matter.MilestoneAddView.as_view(), name="milestone-add"),
    path(
        PLAN + "milestones/<id:pk>/edit/",
        front_matter.MilestoneEditView.as_view(),
        name="milestone-edit",
    ),
    path(
        PLAN + "milestones/<id:pk>/move/",
        front_matter.MilestoneMoveView.as_view(kind="milestone"),
        name="milestone-move",
    ),
    path(
        PLAN + "categorisation/standard/",
        front_matter.CategorisationStandardAddView.as_view(),
        name="categorisation-add",
    ),
    path(
        PLAN + "categorisation/<id:pk>/edit/",
        front_matter.CategorisationTermEditView.as_view(),
        name="categorisation-edit",
    ),
    path(PLAN + "groups/<id:pk>/move/", editing.MoveView.as_view(kind="group"), name="group-move"),
    path(
        PLAN + "groups/<id:group>/recommendations/new/",
        editing.RecommendationAddView.as_view(),
        name="recommendation-add",
    ),
    path(
        PLAN + "recommendations/<id:pk>/",
        reading.RecommendationDetailView.as_view(),
        name="recommendation-detail",
    ),
    path(
        PLAN + "recommendations/<id:pk>/history/",
        review.PlanHistoryView.as_view(),
        name="recommendation-history",
    ),
    path(
        PLAN + "recommendations/<id:pk>/edit/",
        editing.RecommendationEditView.as_view(),
        name="recommendation-edit",
    ),
    path(
        PLAN + "recommendations/<id:pk>/move/",
        editing.MoveView.as_view(kind="recommendation"),
        name="recommendation-move",
    ),
    path(
        PLAN + "recommendations/<id:pk>/assessment/",
        review.AssessmentView.as_view(),
        name="assessment-record",
    ),
    path(
        PLAN + "recommendations/<id:pk>/comments/",
        review.CommentView.as_view(),
        name="comment-add",
    ),
    path(PLAN + "<str:kind>/<id:pk>/archive/", archive.ArchiveView.as_view(), name="archive"),
    path(REC + "actions/new/", editing.ActionAddView.as_view(), name="action-add"),
    path(REC + "actions/<id:pk>/edit/", editing.ActionEditView.as_view(), name="action-edit"),
    path(
        REC + "actions/<id:pk>/move/", editing.MoveView.as_view(kind="action"), name="action-move"
    ),
    path(REC + "progress/new/", editing.ProgressAddView.as_view(), name="progress-add"),
    path(
        REC + "progress/<id:pk>/edit/", baselines.ProgressEditView.as_view(), name="progress-edit"
    ),
    path(
        REC + "actions/<id:pk>/target/",
        baselines.ActionTargetReviseView.as_view(),
        name="action-target-revise",
    ),
    path(
        REC + "actions/<id:pk>/baseline/",
        baselines.BaselineCorrectView.as_view(),
        name="action-baseline-correct",
    ),
    path(PLAN + "rounds/new/", rounds.RoundStartView.as_view(), name="round-start"),
    path(PLAN + "rounds/<id:round>/", rounds.RoundDetailView.as_view(), name="round-detail"),
    path(PLAN + "rounds/<id:round>/submit/", rounds.RoundSubmitView.as_view(), name="round-submit"),
    path(
        PLAN + "rounds/<id:round>/recommendations/<id:pk>/done/",
        rounds.RoundTaskMarkView.as_view(),
        name="round-task-mark",
    ),
    path(PLAN + "owners/", notifications.PlanOwnersView.as_view(), name="plan-owners"),
    path(
        PLAN + "owners/<id:owner>/contacts/new/",
        notifications.OwnerContactAddView.as_view(),
        name="owner-contact-add",
    ),
    path(
        PLAN + "owners/<id:owner>/contacts/<id:pk>/remove/",
        notifications.OwnerContactRemoveView.as_view(),
        name="owner-contact-remove",
    ),
    path("messages/", notifications.MessageListView.as_view(), name="message-list"),
    path("owners/", reading.OwnerListView.as_view(), name="owner-list"),
    path("bodies/", front_matter.BodyListView.as_view(), name="body-list"),
    path("bodies/new/", front_matter.BodyAddView.as_view(), name="body-add"),
    path("bodies/<id:pk>/edit/", front_matter.BodyEditView.as_view(), name="body-edit"),
    path("owners/<id:pk>/", reading.OwnerDetailView.as_view(), name="owner-detail"),
    path("reports/slippage/", review.SlippageReportView.as_view(), name="slippage-report"),
    path("archive/", archive.ArchivedListView.as_view(), name="archived-list"),
    path("check/", verification.CheckFileView.as_view(), name="check-file"),
    path("archive/<str:kind>/<id:pk>/restore/", archive.RestoreView.as_view(), name="restore"),
]
