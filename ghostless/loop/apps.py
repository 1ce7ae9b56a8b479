from django.apps import AppConfig


class LoopConfig(AppConfig):
    name = "ghostless.loop"
    verbose_name = "Close the loop"
