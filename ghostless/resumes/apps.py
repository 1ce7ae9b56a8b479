from django.apps import AppConfig


class ResumesConfig(AppConfig):
    name = "ghostless.resumes"
    label = "resumes"
