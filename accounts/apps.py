from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        # Signal receivers and system checks register themselves on import.
        from . import checks, receivers  # noqa: F401
