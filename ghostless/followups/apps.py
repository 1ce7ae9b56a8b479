from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "ghostless.followups"
    label = "followups"
