from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "ghostless.jobs"
    label = "jobs"
