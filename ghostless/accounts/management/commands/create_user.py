from django.core.management.base import BaseCommand, CommandError

from ghostless.accounts.models import Role
from ghostless.accounts.services import user_create
from ghostless.core.errors import DomainError


class Command(BaseCommand):
    help = "Create a user with a role."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", default=None)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")

    def handle(self, *args, **options):
        try:
            user = user_create(
                username=options["username"],
                role=options["role"],
                email=options["email"],
                password=options["password"],
                first_name=options["first_name"],
                last_name=options["last_name"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"Created {user.role} {user.username}.")
