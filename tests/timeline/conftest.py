"""The API clients of tests/api, for timeline tests that read through the API."""

from tests.api.conftest import manager_api, recruiter_api  # noqa: F401
