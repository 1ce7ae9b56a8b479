from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "ghostless.webhooks"
    label = "webhooks"

    def ready(self) -> None:
        from ghostless.webhooks import listeners, tasks  # noqa: F401  (tasks: registers them)

        listeners.connect()
