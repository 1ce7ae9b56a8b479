from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ghostless.accounts"
    label = "accounts"

    def ready(self):
        from ghostless.accounts import security_log

        security_log.connect()
