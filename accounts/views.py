"""Signing in (throttled), keeping a session alive, the signed-out-for-inactivity page,
a user's personal API tokens and their email preferences."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView, TemplateView

from govuk.forms import add_service_errors

from . import sessions
from .forms import ApiTokenForm, EmailPreferencesForm, SignInForm
from .models import ApiToken
from .services import notification_preference_of, notification_preference_set
from .tokens import api_token_create, api_token_revoke, api_tokens_of


class SignInView(LoginView):
    form_class = SignInForm
    redirect_authenticated_user = True


@login_not_required
@require_GET
@never_cache
def keep_alive(request: HttpRequest) -> HttpResponse:
    """The timeout warning's "Stay signed in": renews the session now, however recently
    it was renewed, or says there is none: 401 rather than the usual redirect to sign
    in, which a script would follow.
    """
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    sessions.renew(request.session)
    return HttpResponse(status=204)


@method_decorator(login_not_required, name="dispatch")
class TimedOutView(TemplateView):
    """Where the timeout warning sends someone it has signed out."""

    template_name = "registration/timed_out.html"

    def get_context_data(self, **kwargs):
        minutes = max(1, round(settings.SESSION_COOKIE_AGE / 60))
        return super().get_context_data(
            inactive_for="1 minute" if minutes == 1 else f"{minutes} minutes", **kwargs
        )


@method_decorator(never_cache, name="dispatch")
class ApiTokensView(FormView):
    """The signed-in user's API tokens: the list, and a form making a new one, whose
    secret is shown on the page that answers the form, once, and never again."""

    template_name = "accounts/api_tokens.html"
    form_class = ApiTokenForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            tokens=api_tokens_of(user=self.request.user), now=timezone.now(), **kwargs
        )

    def form_valid(self, form):
        try:
            token, secret = api_token_create(user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        # Not a redirect: the secret exists only in this answer, which no cache may keep.
        response = self.render_to_response(
            self.get_context_data(form=ApiTokenForm(), created=token, secret=secret)
        )
        add_never_cache_headers(response)
        return response


@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke one of the user's own tokens (404 for anyone else's)."""
    try:
        token = api_token_revoke(user=request.user, token_id=pk)
    except ApiToken.DoesNotExist:
        raise Http404("No such token") from None
    messages.success(request, f"API token “{token.name}” revoked: it no longer works")
    return redirect("api-tokens")


class EmailPreferencesView(FormView):
    """The signed-in user's choice of the weekly digest."""

    template_name = "accounts/email_preferences.html"
    form_class = EmailPreferencesForm

    def get_initial(self):
        wanted = notification_preference_of(user=self.request.user)
        return {"weekly_digest": "yes" if wanted else "no"}

    def form_valid(self, form):
        wanted = form.cleaned_data["weekly_digest"]
        notification_preference_set(user=self.request.user, weekly_digest=wanted)
        messages.success(
            self.request,
            "You will get the weekly digest" if wanted else "You will not get the weekly digest",
        )
        return redirect("email-preferences")
