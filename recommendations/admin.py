from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin as _SimpleHistoryAdmin

from . import models, services


class SimpleHistoryAdmin(_SimpleHistoryAdmin):
    """History pages are for reading: a POST to a historical version is refused."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ArchiveInsteadOfDeleteAdmin(SimpleHistoryAdmin):
    """Deleting is archiving: the admin offers archive and restore, never delete."""

    actions = ["archive_selected", "restore_selected"]

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Archive the selected items")
    def archive_selected(self, request, queryset):
        for instance in queryset:
            services.archive(instance=instance, user=request.user)

    @admin.action(description="Restore the selected items")
    def restore_selected(self, request, queryset):
        for instance in queryset:
            services.restore(instance=instance, user=request.user)


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
    can_delete = False
    filter_horizontal = ["owners"]


@admin.register(models.Recommendation)
class RecommendationAdmin(ArchiveInsteadOfDeleteAdmin):
    list_display = ["reference", "group", "agreement"]
    list_filter = ["agreement", "group__plan"]
    search_fields = ["reference", "text"]
    inlines = [ActionInline]


@admin.register(models.Action)
class ActionAdmin(ArchiveInsteadOfDeleteAdmin):
    list_display = ["__str__", "target_text", "status"]
    list_filter = ["status"]
    filter_horizontal = ["owners"]


@admin.register(models.ReportingRound)
class ReportingRoundAdmin(SimpleHistoryAdmin):
    list_display = ["label", "plan", "month"]


@admin.register(models.ProgressUpdate)
class ProgressUpdateAdmin(ArchiveInsteadOfDeleteAdmin):
    list_display = ["__str__", "status", "target_text"]
    list_filter = ["status", "round"]
    filter_horizontal = ["owners"]


@admin.register(models.Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["recommendation", "submission", "rating", "assessed_by"]


@admin.register(models.Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ["recommendation", "submission", "author", "created_at"]


@admin.register(models.Message)
class MessageAdmin(admin.ModelAdmin):
    """Every email sent, for reading only: the service writes these records."""

    list_display = [
        "created_at",
        "status",
        "kind",
        "recipient",
        "subject",
        "attempts",
        "sent_at",
        "delivery_status",
    ]
    list_filter = ["status", "kind", "delivery_status"]
    search_fields = ["recipient", "subject", "provider_reference"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.OwnerContact)
class OwnerContactAdmin(SimpleHistoryAdmin):
    list_display = ["owner", "email", "user", "archived_at"]
    search_fields = ["owner__name", "email", "user__username"]
    list_select_related = ["owner", "user"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Render)
class RenderAdmin(admin.ModelAdmin):
    """The background worker's renders, for administrators to see what failed and why.
    Read-only: a render is made again whenever it is missing."""

    list_display = ("plan", "state", "as_of", "source_at", "attempts", "finished_at")
    list_filter = ("state", "plan")
    readonly_fields = [field.name for field in models.Render._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
