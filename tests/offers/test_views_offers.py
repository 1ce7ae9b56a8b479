"""The staff's offer pages: who may open them and what they see, the draft form, the
approver's decision, send with its preview and confirmation, and the job's offer settings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ghostless.followups.rules import run_rules
from ghostless.notifications.models import Notification
from ghostless.notifications.services import notify_due_followups
from ghostless.offers import services
from ghostless.offers.models import OfferPolicy, OfferState
from tests.conftest import client_for
from tests.offers.conftest import TERMS
from tests.parsed_html import definitions, find, text


def page(offer) -> str:
    return f"/offers/{offer.pk}/"


def test_the_recruiter_sees_terms_letter_chain_and_the_actions_of_a_draft(
    recruiter_client, draft, django_assert_max_num_queries
):
    with django_assert_max_num_queries(14):
        shown = recruiter_client.get(page(draft))

    assert shown.status_code == 200
    terms = definitions(find(shown, "section", **{"aria-labelledby": "terms-heading"}))
    assert terms["Salary"] == "EUR 85,000 per year"
    assert "Hi Cara," in text(find(shown, "div", **{"class": "prose offer-letter"}))
    chain = text(find(shown, "section", **{"aria-labelledby": "chain-heading"}))
    assert "Submitting asks, in this order: Hana Hughes, Alice Admin." in chain
    actions = find(shown, "section", **{"aria-labelledby": "actions-heading"})
    assert text(find(actions, "button", type="submit")) == "Submit for approval"


def test_a_draft_without_approvers_says_submit_approves_it(
    recruiter_client, application, recruiter
):
    offer = services.offer_create(application=application, actor=recruiter, **TERMS)
    shown = recruiter_client.get(page(offer))
    chain = text(find(shown, "section", **{"aria-labelledby": "chain-heading"}))
    assert "This offer needs no approval: submitting approves it at once." in chain
    actions = find(shown, "section", **{"aria-labelledby": "actions-heading"})
    assert text(find(actions, "button", type="submit")) == "Approve (no approval needed)"


def test_the_hiring_manager_sees_the_offer_without_its_salary_unless_approving(
    manager_client, application, recruiter
):
    offer = services.offer_create(application=application, actor=recruiter, **TERMS)
    shown = manager_client.get(page(offer))

    assert shown.status_code == 200
    assert "85,000" not in shown.content.decode()
    terms = definitions(find(shown, "section", **{"aria-labelledby": "terms-heading"}))
    assert terms["Salary"] == "Shown to recruiters and the offer's approvers only"


def test_the_approver_whose_turn_it_is_sees_salary_and_decides(
    manager_client, draft, recruiter, django_assert_max_num_queries
):
    services.offer_submit(offer=draft, actor=recruiter)
    with django_assert_max_num_queries(14):
        shown = manager_client.get(page(draft))
    assert "EUR 85,000 per year" in shown.content.decode()
    assert find(shown, "textarea", name="comment") is not None

    done = manager_client.post(f"/offers/{draft.pk}/approve/", {"comment": "Good"}, follow=True)
    assert "You approved the offer." in done.content.decode()
    assert "“Good”" in text(find(done, "ol", **{"class": "offer-chain"}))


def test_the_next_approver_is_refused_out_of_turn(admin_client_, draft, recruiter):
    services.offer_submit(offer=draft, actor=recruiter)
    done = admin_client_.post(f"/offers/{draft.pk}/approve/", {}, follow=True)
    assert "it is Hana Hughes’s turn first" in done.content.decode()
    draft.refresh_from_db()
    assert draft.state == OfferState.PENDING_APPROVAL


@pytest.mark.parametrize("who", ["outsider", "interviewer"])
def test_outsiders_and_interviewers_get_a_404(request, draft, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(page(draft)).status_code == 404
    assert client.post(f"/offers/{draft.pk}/approve/").status_code == 404
    assert client.get(f"/offers/new/{draft.application_id}/").status_code == 404


def test_the_hiring_manager_cannot_send_or_draft(manager_client, approved):
    assert manager_client.post(f"/offers/{approved.pk}/send/").status_code == 403
    assert manager_client.get(f"/offers/new/{approved.application_id}/").status_code == 404


def test_drafting_from_the_form(recruiter_client, application, chain):
    form = recruiter_client.get(f"/offers/new/{application.pk}/")
    assert find(form, "input", name="title").get("value") == "Backend Engineer"

    posted = {
        "title": "Backend Engineer",
        "salary": "72000",
        "currency": "eur",
        "pay_period": "year",
        "start_date": "2027-03-01",
        "expires_on": "2027-01-20",
        "template": find(find(form, "select", name="template"), "option").get("value"),
    }
    done = recruiter_client.post(f"/offers/new/{application.pk}/", posted, follow=True)

    assert "Offer drafted." in done.content.decode()
    assert "EUR 72,000 per year" in done.content.decode()


def test_the_form_shows_a_refusal_by_its_field(recruiter_client, application, chain):
    form = recruiter_client.get(f"/offers/new/{application.pk}/")
    posted = {
        "title": "Backend Engineer",
        "salary": "72000",
        "currency": "ZZZ",
        "pay_period": "year",
        "start_date": "2027-03-01",
        "expires_on": "2027-01-20",
        "template": find(find(form, "select", name="template"), "option").get("value"),
    }
    refused = recruiter_client.post(f"/offers/new/{application.pk}/", posted)
    assert refused.status_code == 422
    assert "Use an ISO 4217 currency code" in refused.content.decode()


def test_send_shows_the_email_first_then_sends(recruiter_client, approved):
    asked = recruiter_client.post(f"/offers/{approved.pk}/send/")
    assert asked.status_code == 200
    assert "Your offer for Backend Engineer" in asked.content.decode()
    approved.refresh_from_db()
    assert approved.state == OfferState.APPROVED

    recruiter_client.post(f"/offers/{approved.pk}/send/", {"confirm": "yes"})
    approved.refresh_from_db()
    assert approved.state == OfferState.SENT


def test_the_application_page_lists_its_offers(recruiter_client, draft):
    shown = recruiter_client.get(f"/jobs/applications/{draft.application_id}/")
    offers = find(shown, "section", **{"aria-labelledby": "offers-heading"})
    assert find(offers, "a", href=page(draft)) is not None


def test_the_job_offer_settings_keep_approvers_in_order(
    recruiter_client, job, admin, hiring_manager, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        shown = recruiter_client.get(f"/offers/jobs/{job.pk}/settings/")
    assert shown.status_code == 200
    posted = {
        "approver_0": "alice",
        "approver_1": "hana",
        "salary_min": "60000",
        "salary_max": "90000",
        "currency": "EUR",
        "approval_only_outside_range": "on",
    }
    recruiter_client.post(f"/offers/jobs/{job.pk}/settings/", posted)
    policy = OfferPolicy.objects.get(job=job)
    assert list(policy.approvers.values_list("user__username", flat=True)) == ["alice", "hana"]
    assert policy.approval_only_outside_range

    refused = recruiter_client.post(f"/offers/jobs/{job.pk}/settings/", {"approver_0": "nobody"})
    assert refused.status_code == 422
    assert "Pick a teammate from the suggestions." in refused.content.decode()


def test_the_job_page_links_to_its_offer_settings(recruiter_client, job):
    shown = recruiter_client.get(f"/jobs/{job.pk}/")
    assert find(shown, "a", href=f"/offers/jobs/{job.pk}/settings/") is not None


def test_offer_settings_are_hidden_from_hiring_managers(manager_client, job):
    assert manager_client.get(f"/offers/jobs/{job.pk}/settings/").status_code == 404


def test_an_approvers_queue_item_and_bell_lead_to_the_offer(
    manager_client,
    other_recruiter_client,
    job,
    application,
    recruiter,
    other_recruiter,
    hiring_manager,
    _monday,
):
    services.policy_save(
        owner=job, actor=None, approver_ids=[other_recruiter.pk, hiring_manager.pk]
    )
    offer = services.offer_create(application=application, actor=recruiter, **TERMS)
    services.offer_submit(offer=offer, actor=recruiter)
    _monday.move_to(timezone.now() + timedelta(days=1, minutes=1))
    run_rules()

    queue = other_recruiter_client.get("/followups/")
    link = find(queue, "a", href=f"/offers/application/{application.pk}/")
    followed = other_recruiter_client.get(link.get("href"))
    assert followed.status_code == 302 and followed["Location"] == page(offer)

    services.offer_approve(offer=offer, actor=other_recruiter)
    _monday.move_to(timezone.now() + timedelta(days=1, minutes=1))
    run_rules()
    notify_due_followups()
    [note] = Notification.objects.filter(user=hiring_manager)
    assert note.url == f"/offers/application/{application.pk}/"
    assert manager_client.get(note.url).status_code == 302


def test_an_approver_of_another_team_sees_only_the_offer_asked_of_them(
    outsider_client, job, application, recruiter, outsider
):
    services.policy_save(owner=job, actor=None, approver_ids=[outsider.pk])
    offer = services.offer_create(application=application, actor=recruiter, **TERMS)
    assert outsider_client.get(page(offer)).status_code == 404  # not asked yet

    services.offer_submit(offer=offer, actor=recruiter)
    shown = outsider_client.get(page(offer))
    assert shown.status_code == 200 and "EUR 85,000 per year" in shown.content.decode()
    assert outsider_client.get(f"/jobs/applications/{application.pk}/").status_code == 404
    followed = outsider_client.get(f"/offers/application/{application.pk}/")
    assert followed["Location"] == page(offer)
    outsider_client.post(f"/offers/{offer.pk}/approve/", {"comment": "Fine by me"})
    offer.refresh_from_db()
    assert offer.state == OfferState.APPROVED


def test_the_offer_page_says_it_expires_by_itself(recruiter_client, approved):
    shown = recruiter_client.get(page(approved))
    assert "Ghostless marks the offer expired by itself" in shown.content.decode()
