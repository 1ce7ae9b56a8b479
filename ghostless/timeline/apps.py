from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "ghostless.timeline"
    label = "timeline"
