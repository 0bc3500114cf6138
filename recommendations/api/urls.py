"""The API's routes, under /api/v1/ (tracker/urls.py), in the `api` namespace.

Every route but the documentation page is exempt from the sign-in redirect: REST
framework decides who is asking (a session or a token) and answers 401 in JSON.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path

from . import across, docs, plans, review, submissions

app_name = "api"


def api(view_class):
    return login_not_required(view_class.as_view())


urlpatterns = [
    path("", api(plans.RootView), name="root"),
    path("plans/", api(plans.PlanListView), name="plan-list"),
    path("plans/<slug:slug>/", api(plans.PlanDetailView), name="plan-detail"),
    path(
        "plans/<slug:slug>/submissions/",
        api(submissions.SubmissionListView),
        name="submission-list",
    ),
    path(
        "plans/<slug:slug>/submissions/<id:number>/",
        api(submissions.SubmissionDocumentView),
        name="submission-detail",
    ),
    path("plans/<slug:slug>/history/", api(review.PlanHistoryView), name="plan-history"),
    path("plans/<slug:slug>/compare/", api(review.PlanCompareView), name="plan-compare"),
    path("recommendations/", api(across.RecommendationListView), name="recommendation-list"),
    path("actions/", api(across.ActionListView), name="action-list"),
    path("owners/", api(across.OwnerListView), name="owner-list"),
    path("owners/<id:id>/", api(across.OwnerDetailView), name="owner-detail"),
    path("openapi.json", api(docs.OpenApiView), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    # Anything else under /api/v1/ (an id too long to be one, a slug with a slash): a
    # JSON 404, never the service's HTML page.
    re_path(r"^[\s\S]*$", api(plans.NotFoundView), name="not-found"),
]
