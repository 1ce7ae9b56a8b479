from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "ghostless.messaging"
    label = "messaging"

    def ready(self) -> None:
        # Registers this app's batches with the sweep that resumes them (messaging.batches).
        from . import tasks  # noqa: F401
