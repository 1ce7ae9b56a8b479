"""Email template edits leave audit rows with the old and new text."""

import pytest

from ghostless.core.errors import DomainError
from ghostless.messaging.services import template_save
from ghostless.timeline.models import AuditEntry


def test_template_creation_and_edit_are_audited_field_by_field(admin):
    text = {"name": "Thanks", "purpose": "acknowledgement", "subject": "Thanks", "body": "Hi"}
    template = template_save(actor=admin, **text)
    template_save(
        actor=admin, template=template, **(text | {"body": "Hi {{ candidate.first_name }}"})
    )
    rows = AuditEntry.objects.filter(subject="email_template", subject_id=template.pk)
    assert list(rows.order_by("id").values_list("event", "changes")) == [
        (
            "email_template_created",
            {
                "name": [None, "Thanks"],
                "purpose": [None, "acknowledgement"],
                "subject": [None, "Thanks"],
                "body": [None, "Hi"],
            },
        ),
        ("email_template_updated", {"body": ["Hi", "Hi {{ candidate.first_name }}"]}),
    ]
    assert rows.first().actor == admin


def test_a_refused_template_edit_writes_no_audit_row(admin):
    text = {"name": "Thanks", "purpose": "acknowledgement", "subject": "Thanks", "body": "Hi"}
    template = template_save(actor=admin, **text)
    with pytest.raises(DomainError):
        template_save(actor=admin, template=template, **(text | {"body": "Hi {% if %}"}))
    assert AuditEntry.objects.filter(event="email_template_updated").count() == 0
