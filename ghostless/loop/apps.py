from django.apps import AppConfig


class LoopConfig(AppConfig):
    name = "ghostless.loop"
    verbose_name = "Close the loop"

    def ready(self) -> None:
        # Registers this app's batches with the sweep that resumes them (messaging.batches).
        from . import tasks  # noqa: F401
