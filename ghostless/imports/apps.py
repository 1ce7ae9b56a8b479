from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ghostless.imports"
    verbose_name = "Imports and exports"
