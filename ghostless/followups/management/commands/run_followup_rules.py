from django.core.management.base import BaseCommand

from ghostless.followups.rules import run_rules


class Command(BaseCommand):
    help = "Run every follow-up rule once over all data: clear what has gone, create what is new."

    def handle(self, *args, **options):
        for rule, counts in run_rules(full=True).items():
            figures = ", ".join(f"{name} {number}" for name, number in counts.items())
            self.stdout.write(f"{rule}: {figures}")
