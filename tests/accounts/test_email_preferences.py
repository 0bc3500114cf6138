"""A user turns their weekly digest off and on."""

import pytest
from django.urls import reverse

from accounts.services import notification_preference_of

pytestmark = pytest.mark.django_db


def test_a_user_turns_the_weekly_digest_off_and_on(client_for, people):
    client = client_for("editor")
    url = reverse("email-preferences")
    assert 'value="yes" checked' in client.get(url).text.replace('checked=""', "checked")

    response = client.post(url, {"weekly_digest": "no"}, follow=True)
    assert "You will not get the weekly digest" in response.text
    assert notification_preference_of(user=people["editor"]) is False

    client.post(url, {"weekly_digest": "yes"})
    assert notification_preference_of(user=people["editor"]) is True


def test_choosing_nothing_is_an_error_beside_the_question(client_for):
    response = client_for("reviewer").post(reverse("email-preferences"), {})
    assert "govuk-error-summary" in response.text
    assert "Select whether you want the weekly digest" in response.text


def test_the_footer_links_to_the_preferences(client_for):
    page = client_for("reviewer").get(reverse("recommendations:dashboard"))
    assert reverse("email-preferences") in page.text
