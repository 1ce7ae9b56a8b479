from django.apps import AppConfig


class OffersConfig(AppConfig):
    name = "ghostless.offers"
    label = "offers"

    def ready(self):
        from ghostless.core import hooks
        from ghostless.offers.services import policy_copy_to_job

        hooks.job_created.connect(policy_copy_to_job)
