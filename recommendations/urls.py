from django.urls import path

from . import views

app_name = "recommendations"
urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan-list"),
    path("plans/<slug:slug>/", views.PlanDetailView.as_view(), name="plan-detail"),
]
