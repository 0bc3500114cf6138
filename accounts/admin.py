from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from .forms import AdminSignInForm
from .models import AuthEvent, Membership

# The admin's sign-in page is a second way in: throttle it with the service's own.
admin.site.login_form = AdminSignInForm


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    """The sign-in log, for reading only: nobody adds, changes or deletes an entry."""

    list_display = ["at", "kind", "username", "user", "ip", "user_agent"]
    list_filter = ["kind", "at"]
    search_fields = ["username", "ip"]
    date_hierarchy = "at"
    list_select_related = ["user"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role"]
    list_filter = ["role"]
    filter_horizontal = ["bodies"]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # History pages are for reading, as the plans' are: a POST to a version is refused.
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
