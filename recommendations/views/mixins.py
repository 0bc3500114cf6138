"""What the plan's views share: loading the plan and the version a user may read, the
editor check, and a form view whose valid data goes to one service call."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.generic import FormView

from govuk.forms import add_service_errors

from .. import permissions, services
from ..models import ActionPlan, Milestone
from ..selectors.submissions import version_snapshot
from ..selectors.versions import plan_versions, versions_chosen


class PlanReadMixin:
    """Loads the plan from the URL and the version of it this user may read.

    Views that set `choose_version` also read a past version the reader asked for
    (`?submission=N`, `?as_of=YYYY-MM-DD`); a version they may not have, or a day before
    the plan existed, leaves them on their default version with `version_error` set.
    """

    choose_version = False

    def dispatch(self, request, *args, **kwargs):
        self.plan = get_object_or_404(ActionPlan, slug=kwargs["slug"])
        self.versions = plan_versions(user=request.user, plan=self.plan)
        self.version_error = ""
        if self.choose_version:
            self.versions = self.chosen_versions(request.GET)
        self.as_of = self.versions.as_of
        self.can_edit = self.versions.can_edit
        return super().dispatch(request, *args, **kwargs)

    def chosen_versions(self, query):
        submission = query.get("submission")
        try:
            return versions_chosen(
                versions=self.versions, submission=submission, day=query.get("as_of")
            )
        except (ValueError, OverflowError):
            raise Http404("No such version of the plan") from None
        except Milestone.DoesNotExist as error:
            if submission:
                raise Http404("No such submission") from error
            # A real day, but this reader has no version that early: say so by the date.
            self.version_error = str(error)
            return self.versions

    def get_snapshot(self):
        if not hasattr(self, "_snapshot"):
            try:
                # A submission is read as frozen; the live plan from its tables.
                self._snapshot = version_snapshot(versions=self.versions)
            except ObjectDoesNotExist:
                # Its editor asked for a day before the plan existed.
                day = self.versions.chosen_day
                self.version_error = (
                    f"The plan did not exist yet on {day:%-d %B %Y}: choose a later date"
                )
                self.versions = plan_versions(user=self.request.user, plan=self.plan)
                self.as_of, self.can_edit = self.versions.as_of, self.versions.can_edit
                self._snapshot = version_snapshot(versions=self.versions)
        return self._snapshot

    def version_query(self) -> str:
        """The query string that keeps links (files, recommendations) on this version."""
        versions = self.versions
        if versions.chosen_day is not None:
            return f"?as_of={versions.chosen_day.isoformat()}"
        if versions.chosen_submission is not None:
            return f"?submission={versions.read_number}"
        return ""

    def get_context_data(self, **kwargs):
        snapshot = self.get_snapshot()
        return super().get_context_data(
            plan=snapshot,
            plan_obj=self.plan,
            can_edit=self.can_edit,
            versions=self.versions,
            submission=self.versions.read_submission or self.versions.latest,
            version_query=self.version_query(),
            **kwargs,
        )


class PlanEditMixin:
    """Loads the plan from the URL and refuses anyone who may not edit it (403)."""

    def dispatch(self, request, *args, **kwargs):
        self.plan = permissions.plan_for_editing(request.user, kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan_obj=self.plan, **kwargs)


class AdminOnlyMixin:
    """Refuses anyone but an administrator (403)."""

    def dispatch(self, request, *args, **kwargs):
        if permissions.role_of(request.user) != permissions.ADMIN:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ServiceFormView(FormView):
    """A form whose valid data goes to one service; its refusals show beside the fields."""

    success_message = ""
    field_map: dict[str, str] = {}
    page_title = ""
    submit_label = "Save"

    def get_cancel_url(self):
        return self.get_success_url() if hasattr(self, "result") else "/"

    def describe_version(self, current) -> list[tuple[str, str]]:
        """The other person's saved values, shown beside the user's own on a conflict."""
        return []

    def conflict_invalid(self, form, conflict):
        who = conflict.changed_by.get_username() if conflict.changed_by else "someone"
        when = timezone.localtime(conflict.changed_at)
        form.add_error(
            None,
            (
                f"{who} saved a change to this at {when:%-I:%M%p on %-d %B %Y} while you were "
                "editing. Their version is shown below. Your changes have not been saved but are "
                "still in the form: check them against theirs, then save again."
            )
            .replace("AM ", "am ")
            .replace("PM ", "pm "),
        )
        # Saving again is now a decision made knowing their version.
        data = form.data.copy()
        data["version"] = services.version_of(conflict.current)
        form.data = data
        self.conflict = {
            "who": who,
            "when": when,
            "values": self.describe_version(conflict.current),
        }
        return self.form_invalid(form)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_title=self.page_title,
            submit_label=self.submit_label,
            cancel_url=self.get_cancel_url(),
            conflict=getattr(self, "conflict", None),
            **kwargs,
        )

    def perform(self, form):  # pragma: no cover - each view defines it
        raise NotImplementedError

    def form_valid(self, form):
        try:
            # One service call, which is one transaction: a refusal leaves nothing saved.
            self.result = self.perform(form)
        except ValidationError as error:
            add_service_errors(form, error, self.field_map)
            return self.form_invalid(form)
        except services.StaleEdit as conflict:
            return self.conflict_invalid(form, conflict)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())
