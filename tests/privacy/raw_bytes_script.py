"""Run by test_raw_bytes.py in a process of its own, on a SQLite file: build the person,
anonymise them, and leave the database file and its write-ahead log for the test to read."""

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

call_command("migrate", verbosity=0)

from ghostless.privacy.anonymise import candidate_anonymise  # noqa: E402
from tests.privacy.person import build_person  # noqa: E402

person = build_person()
candidate_anonymise(person.candidate, actor=person.recruiter, reason="Erasure requested")
connection.close()
