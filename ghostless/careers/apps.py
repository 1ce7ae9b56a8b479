from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "ghostless.careers"
    label = "careers"
