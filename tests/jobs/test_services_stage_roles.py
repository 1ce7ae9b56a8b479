import importlib

import pytest
from django.apps import apps

from ghostless.core.errors import DomainError
from ghostless.jobs.models import PipelineTemplate, role_for_name
from ghostless.jobs.services import (
    application_create,
    application_hire,
    stage_add,
    stage_rename,
    stage_set_role,
)
from tests.factories import CandidateFactory

migration = importlib.import_module("ghostless.jobs.migrations.0012_stage_roles")

DEFAULT_ROLES = {
    "Sourced": "sourced", "Applied": "applied", "Contacted": "", "Screen": "screen",
    "Interview": "interview", "Offer": "offer", "Hired": "hired", "Onboarding": "",
}  # fmt: skip


def roles(owner) -> dict[str, str]:
    return dict(owner.stages.values_list("name", "role"))


def test_the_migration_gives_stages_named_like_a_role_that_role_in_any_case(job, admin):
    stage_rename(stage=job.stages.get(name="Screen"), name="SCREEN", actor=admin)
    job.stages.update(role="")
    template = PipelineTemplate.objects.get(is_default=True)
    template.stages.update(role="")

    migration.set_roles(apps, None)

    assert roles(template) == DEFAULT_ROLES
    assert roles(job) == {("SCREEN" if n == "Screen" else n): r for n, r in DEFAULT_ROLES.items()}


def test_new_jobs_and_added_stages_take_the_role_of_their_name(job, admin):
    assert roles(job) == DEFAULT_ROLES
    assert role_for_name(" Interview ") == "interview"
    job.stages.get(name="Screen").delete()
    assert stage_add(owner=job, name="screen", actor=admin).role == "screen"
    stage_rename(stage=job.stages.get(name="Offer"), name="Terms", actor=admin)
    assert stage_add(owner=job, name="Offer", actor=admin).role == ""  # Terms keeps the role


def test_people_added_by_a_recruiter_enter_at_the_sourced_role_wherever_it_is(
    job, admin, recruiter
):
    stage_rename(stage=job.stages.get(name="Sourced"), name="Found", actor=admin)
    job.stages.filter(name="Found").update(order=5)
    application = application_create(candidate=CandidateFactory(), job=job, actor=recruiter)
    assert application.stage.name == "Found"


def test_without_the_role_people_enter_at_the_first_stage(job, recruiter):
    job.stages.filter(role="applied").update(role="")
    application = application_create(
        candidate=CandidateFactory(), job=job, actor=recruiter, entry="applied"
    )
    assert application.stage.name == "Sourced"


def test_two_stages_cannot_share_a_role(job, admin):
    with pytest.raises(DomainError) as error:
        stage_set_role(stage=job.stages.get(name="Contacted"), role="screen", actor=admin)
    assert (error.value.field, error.value.message) == (
        "role",
        "Screen already has the role Screen.",
    )
    with pytest.raises(DomainError):
        stage_set_role(stage=job.stages.get(name="Contacted"), role="boss", actor=admin)
    stage_set_role(stage=job.stages.get(name="Screen"), role="", actor=admin)
    stage_set_role(stage=job.stages.get(name="Contacted"), role="screen", actor=admin)
    assert roles(job)["Contacted"] == "screen" and roles(job)["Screen"] == ""


def test_hiring_moves_to_the_stage_with_the_hired_role(job, admin, recruiter):
    stage_rename(stage=job.stages.get(name="Hired"), name="Signed", actor=admin)
    application = application_create(candidate=CandidateFactory(), job=job, actor=recruiter)
    application_hire(application=application, actor=recruiter)
    application.refresh_from_db()
    assert application.stage.name == "Signed"
