from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ghostless.reports"
    verbose_name = "Reports"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.reports.stays import stay_seconds_refresh

        hooks.stays_changed.connect(stay_seconds_refresh)
