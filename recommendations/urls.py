from django.urls import path

from .views import editing, plans, reading

app_name = "recommendations"
urlpatterns = [
    path("", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/new/", plans.PlanCreateView.as_view(), name="plan-create"),
    path("plans/<slug:slug>/", plans.PlanDetailView.as_view(), name="plan-detail"),
    path("plans/<slug:slug>/submit/", plans.PlanSubmitView.as_view(), name="plan-submit"),
    path("plans/<slug:slug>/groups/new/", editing.GroupAddView.as_view(), name="group-add"),
    path(
        "plans/<slug:slug>/groups/<int:pk>/move/",
        editing.GroupMoveView.as_view(),
        name="group-move",
    ),
    path(
        "plans/<slug:slug>/groups/<int:group>/recommendations/new/",
        editing.RecommendationAddView.as_view(),
        name="recommendation-add",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:pk>/",
        reading.RecommendationDetailView.as_view(),
        name="recommendation-detail",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:pk>/edit/",
        editing.RecommendationEditView.as_view(),
        name="recommendation-edit",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:pk>/move/",
        editing.RecommendationMoveView.as_view(),
        name="recommendation-move",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:rec>/actions/new/",
        editing.ActionAddView.as_view(),
        name="action-add",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:rec>/actions/<int:pk>/edit/",
        editing.ActionEditView.as_view(),
        name="action-edit",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:rec>/actions/<int:pk>/move/",
        editing.ActionMoveView.as_view(),
        name="action-move",
    ),
    path(
        "plans/<slug:slug>/recommendations/<int:rec>/progress/new/",
        editing.ProgressAddView.as_view(),
        name="progress-add",
    ),
    path("owners/", reading.OwnerListView.as_view(), name="owner-list"),
    path("owners/<int:pk>/", reading.OwnerDetailView.as_view(), name="owner-detail"),
]
