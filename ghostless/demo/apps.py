from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Seeded and generated data: the top layer, which no other app imports."""

    name = "ghostless.demo"
    label = "demo"
