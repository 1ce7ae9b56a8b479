import threading

import pytest
from django.db import connection, connections

from ghostless.core.errors import DomainError
from ghostless.loop import services
from ghostless.messaging.models import Message
from tests.factories import JobFactory, UserFactory
from tests.loop.conftest import ensure_defaults, fill_job


@pytest.mark.django_db(transaction=True)
def test_two_recruiters_closing_out_at_the_same_moment_send_each_candidate_one_message(smtp):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite locks the whole file; test_close_out runs the task twice instead")
    ensure_defaults()
    rita = UserFactory(username="rita")
    ray = UserFactory(username="ray")
    job = JobFactory(title="Backend Engineer", recruiters=[rita])
    fill_job(job, 40)
    barrier = threading.Barrier(2)
    errors = []

    def close_out(actor):
        try:
            barrier.wait()
            services.close_out_start(job=job, actor=actor)
        except DomainError as error:
            errors.append(error.message)  # the later one may find everyone told already
        finally:
            connections.close_all()

    threads = [threading.Thread(target=close_out, args=(user,)) for user in (rita, ray)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Message.objects.count() == 39
    assert len(smtp.messages) == 39
    assert len({m["To"] for m in smtp.messages}) == 39
    assert all("told" in error for error in errors)
    services.job_services.job_update(job=job, actor=rita, status="closed")
