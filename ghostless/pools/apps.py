from django.apps import AppConfig


class PoolsConfig(AppConfig):
    name = "ghostless.pools"
    label = "pools"

    def ready(self) -> None:
        # Registers this app's batches with the sweep that resumes them (messaging.batches).
        from . import tasks  # noqa: F401
