from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "ghostless.interviews"
    label = "interviews"
