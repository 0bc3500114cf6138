from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import models


@admin.register(models.ResponsibleBody)
class ResponsibleBodyAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


@admin.register(models.InspectionReport)
class InspectionReportAdmin(SimpleHistoryAdmin):
    list_display = ["title", "published_on"]
    search_fields = ["title"]


class MilestoneInline(admin.TabularInline):
    model = models.Milestone
    extra = 0


class CategorisationInline(admin.TabularInline):
    model = models.CategorisationTerm
    extra = 0


@admin.register(models.ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin):
    list_display = ["slug", "title"]
    search_fields = ["slug", "title", "report__title"]
    filter_horizontal = ["bodies"]
    inlines = [MilestoneInline, CategorisationInline]


@admin.register(models.Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "label", "date", "kind"]
    list_filter = ["kind"]


@admin.register(models.CategorisationTerm)
class CategorisationTermAdmin(SimpleHistoryAdmin):
    list_display = ["plan", "term", "position"]


@admin.register(models.AddresseeGroup)
class AddresseeGroupAdmin(SimpleHistoryAdmin):
    list_display = ["heading", "plan", "position"]
    list_filter = ["plan"]


@admin.register(models.Owner)
class OwnerAdmin(SimpleHistoryAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class ActionInline(admin.StackedInline):
    model = models.Action
    extra = 0
    filter_horizontal = ["owners"]


@admin.register(models.Recommendation)
class RecommendationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "group", "agreement"]
    list_filter = ["agreement", "group__plan"]
    search_fields = ["reference", "text"]
    inlines = [ActionInline]


@admin.register(models.Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "target_text", "status"]
    list_filter = ["status"]
    filter_horizontal = ["owners"]


@admin.register(models.ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["label", "plan", "month"]


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "status", "target_text"]
    list_filter = ["status", "round"]
    filter_horizontal = ["owners"]
