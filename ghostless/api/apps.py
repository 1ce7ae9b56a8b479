from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ghostless.api"
    label = "api"
