"""Build a small company in the database named by the environment and start one batch, for
the worker-kill tests, which run it as a separate process:

    python -m tests.reliability.world bulk|close_out N

Prints one JSON line: the batch's table and id, and every address that must hear once.
"""

import json
import sys

import django


def main(kind: str, n: int) -> None:
    django.setup()
    from ghostless.accounts.models import Role
    from ghostless.jobs import services as job_services
    from ghostless.jobs.models import Application
    from ghostless.loop.services import close_out_start
    from ghostless.messaging.bulk import bulk_send_start
    from ghostless.messaging.models import EmailTemplate
    from tests.factories import ApplicationFactory, CandidateFactory, JobFactory, UserFactory

    recruiter = UserFactory(username="rita", role=Role.RECRUITER)
    job = JobFactory(title="Backend Engineer", recruiters=[recruiter])
    emails = [f"kill{i:04}@example.org" for i in range(n)]
    for i, email in enumerate(emails):
        ApplicationFactory(
            job=job, candidate=CandidateFactory(first_name=f"Kim{i:04}", emails=[email])
        )
    if kind == "bulk":
        template = EmailTemplate.objects.create(
            name="Update",
            subject="News about {{ job.title }}",
            body="Hi {{ candidate.first_name }}",
        )
        batch = bulk_send_start(
            actor=recruiter,
            template=template,
            applications=Application.objects.filter(job=job),
            job=job,
        )
        table = "messaging_bulksend"
    else:
        hired = ApplicationFactory(
            job=job, candidate=CandidateFactory(first_name="Hal", emails=["hired@example.org"])
        )
        job_services.application_hire(application=hired, actor=None)
        job_services.job_update(job=job, actor=None, status="filled")
        batch = close_out_start(job=job, actor=recruiter)
        table = "loop_closeout"
    print(json.dumps({"table": table, "id": batch.pk, "job": job.pk, "emails": emails}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
