from django.apps import AppConfig


class TeamConfig(AppConfig):
    """People running Ghostless themselves: invitations, roles, deactivation with follow-ups
    handed on, password reset and change. A workflow: it mails through the outbox and moves
    follow-ups, which the user model (accounts, layer 0) cannot. No models of its own."""

    name = "ghostless.team"
    label = "team"
