from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ghostless.notifications"
    label = "notifications"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.notifications import services

        hooks.handed_off.connect(services.notify_handoff)
        hooks.mentioned.connect(services.notify_mentions)
