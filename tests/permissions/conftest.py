"""The world is built once per module, inside a transaction rolled back at the end; each
test runs in a savepoint of it, so a request that changes something changes it for no one
else."""

import pytest
from django.core.files.storage import default_storage
from django.db import transaction

from tests.permissions.world import build_world, world_files


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
    for name in world_files:
        default_storage.delete(name)
    world_files.clear()
