"""Signing in (throttled), keeping a session alive, and the signed-out-for-inactivity page."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from . import sessions
from .forms import SignInForm


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
