from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "ghostless.interviews"
    label = "interviews"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.interviews.replies import reply_received

        hooks.calendar_reply_received.connect(reply_received)
