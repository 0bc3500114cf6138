from django.urls import path

from .views import archive, editing, plans, publishing, reading, review

app_name = "recommendations"
PLAN = "plans/<slug:slug>/"
REC = PLAN + "recommendations/<id:rec>/"
urlpatterns = [
    path("", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", plans.PlanCreateView.as_view(), name="plan-create"),
    path(PLAN, plans.PlanDetailView.as_view(), name="plan-detail"),
    path(PLAN + "publication/", publishing.PublicationHtmlView.as_view(), name="plan-publication"),
    path(PLAN + "publication.pdf", publishing.PublicationPdfView.as_view(), name="plan-pdf"),
    path(PLAN + "downloads/", publishing.DownloadsView.as_view(), name="plan-downloads"),
    path(PLAN + "submit/", plans.PlanSubmitView.as_view(), name="plan-submit"),
    path(PLAN + "history/", review.PlanHistoryView.as_view(), name="plan-history"),
    path(PLAN + "compare/", review.CompareView.as_view(), name="plan-compare"),
    path(PLAN + "groups/new/", editing.GroupAddView.as_view(), name="group-add"),
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
    path("owners/", reading.OwnerListView.as_view(), name="owner-list"),
    path("owners/<id:pk>/", reading.OwnerDetailView.as_view(), name="owner-detail"),
    path("reports/slippage/", review.SlippageReportView.as_view(), name="slippage-report"),
    path("archive/", archive.ArchivedListView.as_view(), name="archived-list"),
    path("archive/<str:kind>/<id:pk>/restore/", archive.RestoreView.as_view(), name="restore"),
]
