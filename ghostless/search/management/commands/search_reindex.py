"""Rebuild every candidate's search document: after the first migration, after a bulk import
that bypassed the services, or to repair the index."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from ghostless.candidates.models import Candidate
from ghostless.search.index import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all candidates."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, batch_size: int, **options):
        with tqdm(total=Candidate.objects.count(), unit="candidate", disable=None) as bar:

            def progress(done: int) -> None:
                bar.update(done - bar.n)

            written = index_rebuild(batch_size=batch_size, progress=progress)
        self.stdout.write(f"Indexed {written} candidates.")
