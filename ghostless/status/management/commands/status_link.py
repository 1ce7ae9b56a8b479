"""Print the link to a candidate's status page: `manage.py status_link 42` or
`manage.py status_link priya.nair@example.org` (several at once is fine). A new link each run,
good for STATUS_LINK_DAYS, as every email carries. For the people behind the counter, not the
candidate: it says nothing to anyone and writes nothing."""

from django.core.management.base import BaseCommand, CommandError

from ghostless.candidates.models import Candidate, CandidateEmail
from ghostless.candidates.normalize import normalize_email
from ghostless.candidates.selectors import candidate_or_survivor
from ghostless.core.errors import DomainError
from ghostless.status.links import status_url


def find_candidate(given: str) -> Candidate:
    if given.isdigit():
        candidate = candidate_or_survivor(int(given))
    else:
        try:
            address = normalize_email(given)
        except DomainError as error:
            raise CommandError(error.message) from None
        row = CandidateEmail.objects.filter(email=address).select_related("candidate").first()
        candidate = row.candidate if row else None
    if candidate is None:
        raise CommandError(f"No candidate {given}.")
    return candidate


class Command(BaseCommand):
    help = "Print the status page link of candidates given by id or email address."

    def add_arguments(self, parser):
        parser.add_argument("candidates", nargs="+", help="a candidate's id or email address")

    def handle(self, *args, **options):
        for given in options["candidates"]:
            candidate = find_candidate(given)
            self.stdout.write(f"{candidate.name} (#{candidate.pk}): {status_url(candidate)}")
