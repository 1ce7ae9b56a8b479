from django.core.management.base import BaseCommand, CommandError

from ghostless.core.errors import DomainError
from ghostless.messaging import mailbox


class Command(BaseCommand):
    help = "Fetch new mail from the mailbox at IMAP_URL once and put each on its timeline."

    def add_arguments(self, parser):
        parser.add_argument("--url", help="An IMAP URL instead of the IMAP_URL setting.")

    def handle(self, *args, **options):
        try:
            new = mailbox.poll(options["url"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        except OSError as exc:
            raise CommandError(f"Cannot reach the mailbox: {exc}") from None
        self.stdout.write(f"{new} new message(s).")
