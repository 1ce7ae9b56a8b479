"""API clients for the cast, each holding a bearer token of its own; registered as fixtures for
every folder by `pytest_plugins` in tests/conftest.py."""

import json

import pytest
from django.test import Client

from ghostless.accounts.services import api_token_create

PREFIX = "/api/v1"


class ApiClient:
    """Sends JSON to /api/v1 with a bearer token, and gives back the response."""

    def __init__(self, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, params: dict | None = None):
        return self.client.get(PREFIX + path, params or {})

    def post(self, path: str, body: dict | None = None):
        return self.client.post(PREFIX + path, json.dumps(body or {}), "application/json")

    def patch(self, path: str, body: dict):
        return self.client.patch(PREFIX + path, json.dumps(body), "application/json")

    def send_raw(self, method: str, path: str, raw: str):
        return self.client.generic(method, PREFIX + path, raw, "application/json")


def api_for(user) -> ApiClient:
    _, raw = api_token_create(user=user, name="tests")
    return ApiClient(raw)


@pytest.fixture
def admin_api(admin):
    return api_for(admin)


@pytest.fixture
def recruiter_api(recruiter):
    return api_for(recruiter)


@pytest.fixture
def manager_api(hiring_manager):
    return api_for(hiring_manager)


@pytest.fixture
def outsider_api(outsider):
    return api_for(outsider)


@pytest.fixture
def anonymous_api():
    return ApiClient()
