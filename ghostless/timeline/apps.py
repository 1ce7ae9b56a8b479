from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "ghostless.timeline"
    label = "timeline"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.timeline import audit

        hooks.account_event.connect(audit.account_event)
