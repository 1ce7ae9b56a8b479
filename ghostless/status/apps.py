from django.apps import AppConfig


class StatusConfig(AppConfig):
    name = "ghostless.status"
    label = "status"
