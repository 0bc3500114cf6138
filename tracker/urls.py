from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from accounts import views as accounts_views
from tracker.converters import IdConverter

register_converter(IdConverter, "id")

urlpatterns = [
    path("accounts/login/", accounts_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/keep-alive/", accounts_views.keep_alive, name="keep-alive"),
    path("accounts/signed-out/", accounts_views.TimedOutView.as_view(), name="timed-out"),
    path("accounts/api-tokens/", accounts_views.ApiTokensView.as_view(), name="api-tokens"),
    path(
        "accounts/api-tokens/<id:pk>/revoke/",
        accounts_views.api_token_revoke_view,
        name="api-token-revoke",
    ),
    path(
        "accounts/email-preferences/",
        accounts_views.EmailPreferencesView.as_view(),
        name="email-preferences",
    ),
    # The read-only JSON API, its OpenAPI description and its documentation page.
    path("api/v1/", include("recommendations.api.urls")),
    path("admin/", admin.site.urls),
    path("", include("recommendations.urls")),
]

# A database outage answers 503 with GOV.UK's "service unavailable" page; anything else
# Django's 500 with templates/500.html.
handler500 = "tracker.middleware.server_error"
