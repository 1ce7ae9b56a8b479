from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    """Anonymisation, erasure on request, retention rules and the subject access export."""

    name = "ghostless.privacy"
    label = "privacy"
