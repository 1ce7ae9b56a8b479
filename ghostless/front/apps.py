from django.apps import AppConfig


class FrontConfig(AppConfig):
    """The pages that combine apps: the profile, the candidate list, the job page, the board
    and its actions, the nav badges and the home page."""

    name = "ghostless.front"
    label = "front"
