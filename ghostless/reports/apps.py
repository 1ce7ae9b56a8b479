from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "ghostless.reports"
    verbose_name = "Reports"
