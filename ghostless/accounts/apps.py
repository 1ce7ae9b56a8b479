from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ghostless.accounts"
    label = "accounts"
