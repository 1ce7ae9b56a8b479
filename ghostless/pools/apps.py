from django.apps import AppConfig


class PoolsConfig(AppConfig):
    name = "ghostless.pools"
    label = "pools"
