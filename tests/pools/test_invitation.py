import re

from django.test import Client

from ghostless.messaging.models import EmailTemplate
from ghostless.messaging.services import message_queue
from ghostless.pools.models import PoolMember
from ghostless.pools.services import pool_create


def test_the_default_rejection_invites_into_the_chosen_pool(application, recruiter):
    pool = pool_create(actor=recruiter, name="Backend silver medalists")
    template = EmailTemplate.objects.get(name="Not moving forward")
    message = message_queue(
        candidate=application.candidate,
        actor=recruiter,
        template=template,
        application=application,
        pool=pool,
    )
    link = re.search(r"http://\S+/c/keep-in-touch/\S+/", message.body_text).group(0)
    path = link.split("8000", 1)[1]
    assert Client().post(path).status_code == 200
    member = PoolMember.objects.get(pool=pool, candidate=application.candidate)
    assert member.consent_state == "granted"


def test_without_a_pool_the_invitation_is_left_out(application, recruiter):
    template = EmailTemplate.objects.get(name="Not moving forward")
    message = message_queue(
        candidate=application.candidate, actor=recruiter, template=template, application=application
    )
    assert "keep-in-touch" not in message.body_text
    assert "keep you in mind for future roles? Say yes" not in message.body_text


def test_nurture_mail_carries_an_unsubscribe_link(application, recruiter):
    template = EmailTemplate.objects.get(purpose="nurture")
    message = message_queue(candidate=application.candidate, actor=recruiter, template=template)
    assert "/c/unsubscribe/" in message.body_text
