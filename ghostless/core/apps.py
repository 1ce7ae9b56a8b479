from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ghostless.core"
    label = "core"
