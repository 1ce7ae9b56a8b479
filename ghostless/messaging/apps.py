from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "ghostless.messaging"
    label = "messaging"
