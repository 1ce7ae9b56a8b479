from django.core.management.base import BaseCommand, CommandError

from ghostless.accounts.models import User
from ghostless.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create an API token for a user and print it on the last line."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="command line")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user called {options['username']}.")
        if not user.is_active:
            raise CommandError(f"{user.username} is not active.")
        _, raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(f"Token for {user.username} (shown once, stored hashed):")
        self.stdout.write(raw)
