"""Three people to find, made through the services (which keep the index up to date)."""

from types import SimpleNamespace

import pytest

from ghostless.timeline.services import activity_log
from tests.search.helpers import add_person, set_resume_text


@pytest.fixture
def people(recruiter):
    ada = add_person(
        recruiter,
        first_name="Ada",
        last_name="Lovelace",
        current_title="Staff Engineer",
        current_company="Analytical Engines",
        skills="Python, Kubernetes",
        location="London",
        emails=["ada.lovelace@example.com"],
        phones=["+44 20 7946 0958"],
        tags=["silver-medalist"],
    )
    jose = add_person(
        recruiter,
        first_name="José",
        last_name="Müller",
        current_title="Data Scientist",
        current_company="Zahlen AG",
        skills="Machine Learning, Python",
        location="Zürich",
        emails=["jose@zahlen.example"],
        custom_fields={"Languages": "Deutsch, Español"},
    )
    grace = add_person(
        recruiter,
        first_name="Grace",
        last_name="Hopper",
        current_title="Compiler Engineer",
        current_company="Navy Labs",
        location="Arlington",
        emails=["grace@navy.example"],
        phones=["(415) 555-0100"],
    )
    set_resume_text(grace, "Wrote the first COBOL compiler.\nLed distributed systems teams.")
    activity_log(candidate=grace, actor=recruiter, kind="note", body="Great with machine tooling.")
    activity_log(
        candidate=grace, actor=recruiter, kind="note", body="Asked about zebracorn", private=True
    )
    return SimpleNamespace(ada=ada, jose=jose, grace=grace)
