from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "ghostless.followups"
    label = "followups"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.followups.rules import clear_for_candidates

        hooks.candidates_touched.connect(clear_for_candidates)
