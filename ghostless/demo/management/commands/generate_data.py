from django.core.management.base import BaseCommand, CommandError

from ghostless.candidates.models import Candidate
from ghostless.demo.datagen.build import generate


class Command(BaseCommand):
    help = (
        "Fill the database with N realistic candidates (applications, timelines, email, "
        "resumes, follow-ups, pools) for benchmarks. The same seed gives the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--candidates", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=5000)
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a database that already has candidates instead of refusing.",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        if options["candidates"] < 1:
            raise CommandError("--candidates must be at least 1.")
        existing = Candidate.objects.count()
        if existing and not options["append"]:
            raise CommandError(
                f"This database already has {existing:,} candidates. Point DATABASE_URL at an "
                "empty database, or pass --append to add generated data to it."
            )
        world = generate(
            candidates=options["candidates"],
            seed=options["seed"],
            batch_size=options["batch_size"],
            progress=not options["no_progress"],
            log=self.stdout.write,
        )
        for table, count in sorted(world.writer.counts.items()):
            self.stdout.write(f"{table}: {count:,}")
        self.stdout.write(self.style.SUCCESS(f"Generated {options['candidates']:,} candidates."))
