"""Start-up warming (gunicorn's master, before it forks): every template compiles, so no
worker compiles one on a user's request, and a broken template fails here, not in front
of a user."""

import pytest
from django.template import engines
from django.template.base import Template

from ghostless.core.warmup import warm_up


def test_warm_up_compiles_every_page_and_form_template_ahead(monkeypatch):
    assert warm_up() > 100

    def compile_nodelist(template):
        raise AssertionError(f"{template.origin.template_name} compiled on a request")

    monkeypatch.setattr(Template, "compile_nodelist", compile_nodelist)
    for name in ("base.html", "candidates/detail.html", "jobs/board.html", "followups/queue.html"):
        engines["django"].get_template(name)


def test_a_template_missed_by_warming_would_still_compile_on_demand(monkeypatch):
    monkeypatch.setattr(Template, "compile_nodelist", lambda t: pytest.fail("compiled"))
    with pytest.raises(pytest.fail.Exception):
        engines["django"].from_string("{{ fresh }}")


def test_gunicorn_loads_the_app_before_forking():
    from ghostless import gunicorn

    assert gunicorn.preload_app is True
