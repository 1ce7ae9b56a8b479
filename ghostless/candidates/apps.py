from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "ghostless.candidates"
    label = "candidates"
