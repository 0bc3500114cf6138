from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = "Action plans"

    def ready(self):
        from simple_history.signals import (
            post_create_historical_m2m_records,
            post_create_historical_record,
        )

        from .publishing.changes import history_saved

        # Every saved change to a plan queues the render of its PDF (publishing/changes).
        post_create_historical_record.connect(history_saved, dispatch_uid="plan-render")
        post_create_historical_m2m_records.connect(history_saved, dispatch_uid="plan-render-m2m")
