import pytest

from tests.recommendations.notifications.support import NOTIFY_KEY, NotifyStandIn

TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
DIGEST_TEMPLATE_ID = "0b0b0b0b-2a88-4f6e-b855-c550268ce08a"


@pytest.fixture
def notify(settings):
    """Mail goes to GOV.UK Notify, here a stand-in answering over HTTP on this machine."""
    with NotifyStandIn() as stand_in:
        settings.NOTIFY_API_KEY = NOTIFY_KEY
        settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
        settings.NOTIFY_TEMPLATE_IDS = {"digest": DIGEST_TEMPLATE_ID}
        settings.NOTIFY_BASE_URL = stand_in.url
        settings.MAILERS = {
            "default": {
                "BACKEND": "recommendations.notifications.notify_backend.NotifyEmailBackend",
                "OPTIONS": {"timeout": 5},
            }
        }
        yield stand_in
