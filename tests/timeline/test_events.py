"""Every kind of timeline event has one named function, and `record` only records."""

import ast
from pathlib import Path

import pytest
from django.utils import timezone

from ghostless.followups.models import FollowUp, Reason, State
from ghostless.jobs.models import ApplicationStatus
from ghostless.timeline import events
from ghostless.timeline.models import Direction, EventKind, Kind
from ghostless.timeline.services import activity_log

PACKAGE = Path(__file__).resolve().parents[2] / "ghostless"
EVENT_MODULES = sorted(PACKAGE.glob("*/events.py"))


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(), filename=str(path))


def _kinds_named_in(node: ast.AST) -> set[str]:
    return {
        n.attr
        for n in ast.walk(node)
        if isinstance(n, ast.Attribute) and getattr(n.value, "id", None) == "EventKind"
    }


def test_every_event_kind_has_one_named_keyword_only_function():
    written_by: dict[str, list[str]] = {}
    for path in EVENT_MODULES:
        tree = ast.parse(path.read_text())
        for function in tree.body:
            if not isinstance(function, ast.FunctionDef) or function.name.startswith("_"):
                continue
            assert not function.args.args, f"{path.parent.name}.{function.name} is keyword-only"
            assert function.returns is not None, f"{path.parent.name}.{function.name} is typed"
            for kind in _kinds_named_in(function):
                written_by.setdefault(kind, []).append(f"{path.parent.name}.{function.name}")
    assert set(written_by) == set(EventKind.names)
    assert {kind: names for kind, names in written_by.items() if len(names) > 1} == {}


def test_no_event_is_written_inline_outside_an_events_module():
    inline = []
    for path, tree in _modules():
        where = path.relative_to(PACKAGE.parent)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                if name == "record" and path.name != "events.py":
                    inline.append(f"{where}:{node.lineno} calls record()")
            if isinstance(node, ast.Dict) and path != PACKAGE / "timeline" / "events.py":
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                if "event" in keys:
                    inline.append(f"{where}:{node.lineno} builds an event payload")
    assert inline == []


def test_stored_event_is_the_plain_string_of_its_kind(candidate, recruiter):
    entry = events.owner_changed(candidate=candidate, actor=recruiter, owner=None)
    entry.refresh_from_db()
    assert entry.payload == {"event": "owner_changed", "owner": None}
    assert type(entry.payload["event"]) is str


@pytest.mark.django_db(transaction=True)
def test_record_alone_neither_marks_told_nor_clears_follow_ups(application, recruiter):
    """What a touch settles is done by the service that logs it, not hidden in `record`."""
    application.status, application.status_changed_at = ApplicationStatus.REJECTED, timezone.now()
    application.save()
    followup = FollowUp.objects.create(
        candidate=application.candidate,
        application=application,
        reason=Reason.CLOSE_THE_LOOP,
        due_at=timezone.now(),
        waiting_since=application.status_changed_at,
    )
    touch = {
        "candidate": application.candidate,
        "actor": recruiter,
        "kind": Kind.CALL,
        "direction": Direction.OUTBOUND,
        "application": application,
    }
    events.record(**touch, occurred_at=timezone.now())
    application.refresh_from_db()
    followup.refresh_from_db()
    assert application.told_at is None and followup.state == State.OPEN

    activity_log(**touch)
    application.refresh_from_db()
    followup.refresh_from_db()
    assert application.told_how == Kind.CALL and followup.state == State.DONE
