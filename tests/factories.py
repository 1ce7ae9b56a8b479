import factory
from django.utils import timezone

from ghostless.accounts.models import Role, User
from ghostless.candidates.models import Candidate, CandidateEmail
from ghostless.jobs import services as job_services
from ghostless.jobs.models import Application, Job, RejectionReason
from ghostless.search.index import candidate_reindex
from ghostless.timeline.models import Activity, Direction, Kind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    role = Role.RECRUITER
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    location = factory.Faker("city")
    current_title = factory.Faker("job")
    current_company = factory.Faker("company")
    source = "referral"

    @factory.post_generation
    def emails(obj, create, extracted, **kwargs):  # noqa: N805
        if not create:
            return
        for i, email in enumerate(extracted or [f"{obj.first_name}.{obj.pk}@example.org"]):
            CandidateEmail.objects.create(candidate=obj, email=email.lower(), order=i)

    @factory.post_generation
    def search_document(obj, create, extracted, **kwargs):  # noqa: N805
        """As the services do: a new candidate is findable at once."""
        if create:
            candidate_reindex([obj.pk])


class JobFactory(factory.django.DjangoModelFactory):
    """A job with the default pipeline, built through the service so stages are copied."""

    class Meta:
        model = Job

    title = factory.Faker("job")
    department = "Engineering"
    location = "Berlin"
    status = "open"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        recruiters = kwargs.pop("recruiters", [])
        return job_services.job_create(actor=None, recruiters=recruiters, **kwargs)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application at the job's first stage, with its StageChange and timeline entry."""

    class Meta:
        model = Application

    candidate = factory.SubFactory(CandidateFactory)
    job = factory.SubFactory(JobFactory)
    source = "careers page"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return job_services.application_create(actor=None, **kwargs)


class RejectionReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RejectionReason
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Reason {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    candidate = factory.SubFactory(CandidateFactory)
    kind = Kind.CALL
    direction = Direction.OUTBOUND
    occurred_at = factory.LazyFunction(timezone.now)
    subject = factory.Faker("sentence")
