from django.apps import AppConfig


class TextsConfig(AppConfig):
    name = "ghostless.texts"
    label = "texts"

    def ready(self) -> None:
        from . import tasks  # noqa: F401  (registers the delivery tasks with Huey)
