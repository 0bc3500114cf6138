from django.apps import AppConfig


class GovUKConfig(AppConfig):
    name = "govuk"
    verbose_name = "GOV.UK forms"
