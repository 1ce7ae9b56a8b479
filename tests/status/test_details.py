"""Update my details on the status page: phone, links and a newer resume land on the profile
and the timeline at once; a new email only once the link mailed to it is followed; details on
another record are never moved nor revealed, and the owner is asked to merge."""

import base64
from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ghostless.candidates.models import CandidateEmail
from ghostless.notifications.models import Notification
from ghostless.resumes.models import ParseStatus, Resume
from ghostless.search.selectors import SearchFilters, candidate_search
from ghostless.status.details import EMAIL_CONFIRM_DAYS
from ghostless.timeline.models import Activity, EventKind
from tests.factories import CandidateFactory
from tests.parsed_html import find, find_all, text
from tests.status.conftest import page_path, path_of

pytestmark = pytest.mark.django_db


def details_path(candidate) -> str:
    return page_path(candidate) + "details/"


def form(candidate, **changed) -> dict:
    """What the form posts when the visitor changes `changed` and leaves the rest."""
    page = {
        "email": candidate.emails.first().email if candidate.emails.exists() else "",
        "phone": "",
        "linkedin_url": candidate.linkedin_url,
        "github_url": candidate.github_url,
        "website_url": candidate.website_url,
    }
    return page | changed


def entries(candidate, kind: EventKind):
    return Activity.objects.filter(candidate=candidate, payload__event=kind.value)


@pytest.fixture
def mailed(smtp, django_capture_on_commit_callbacks):
    """Ask for a new address, delivering the confirmation mail to the real SMTP server."""

    def ask(client, candidate, email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(details_path(candidate), form(candidate, email=email))

    return ask


def said(page) -> str:
    """The outcome, shown in the details section (where the redirect lands), not at the top."""
    return text(find(find(page, "section", id="details"), "p", class_="status-message"))


def confirm_link_in(mail) -> str:
    body = mail.get_body(("plain",)).get_content()
    [line] = [line for line in body.splitlines() if "/status/confirm-email/" in line]
    return path_of(line.strip())


def test_the_form_starts_from_what_we_have(client, candidate):
    candidate.phones.create(phone="+14155550100")
    candidate.github_url = "https://github.com/cara"
    candidate.save()

    page = client.get(page_path(candidate))

    section = find(page, "section", id="details")
    assert find(section, "input", id="details-email").get("value") == "cara@example.org"
    assert find(section, "input", id="details-phone").get("value") == "+1 415-555-0100"
    assert find(section, "input", id="details-github_url").get("value") == "https://github.com/cara"
    for field in find_all(section, "input", id=True):
        assert find_all(section, "label", for_=field.get("id")), field.get("id")


def test_phone_and_links_land_on_the_profile_and_the_timeline(client, candidate, recruiter):
    candidate.phones.create(phone="+14155550100")

    done = client.post(
        details_path(candidate),
        form(candidate, phone="(415) 555-0199", linkedin_url="linkedin.com/in/cara-c"),
        follow=True,
    )

    candidate.refresh_from_db()
    assert list(candidate.phones.values_list("phone", flat=True)) == [
        "+14155550199",
        "+14155550100",
    ]
    assert candidate.linkedin_url == "https://linkedin.com/in/cara-c"
    assert candidate.linkedin_key == "linkedin.com/in/cara-c"
    assert "Thank you: we have your new details." in said(done)
    [entry] = entries(candidate, EventKind.STATUS_PAGE_DETAILS)
    assert entry.actor is None
    assert entry.subject == "Updated their phone and LinkedIn on the status page"
    assert "Phone: +1 415-555-0100 → +1 415-555-0199" in entry.body
    [note] = Notification.objects.filter(user=recruiter)
    assert note.text == "Cara Candidate updated their phone and LinkedIn on their status page"


def test_an_emptied_link_is_cleared_and_an_unchanged_form_changes_nothing(client, candidate):
    candidate.website_url = "https://cara.example"
    candidate.save()
    candidate.phones.create(phone="+14155550100")

    # The form posts the phone as it showed it.
    same = client.post(
        details_path(candidate), form(candidate, phone="+1 415-555-0100"), follow=True
    )
    assert "Nothing changed" in said(same)
    assert not entries(candidate, EventKind.STATUS_PAGE_DETAILS).exists()

    client.post(details_path(candidate), form(candidate, website_url=""))
    candidate.refresh_from_db()
    assert candidate.website_url == ""
    [entry] = entries(candidate, EventKind.STATUS_PAGE_DETAILS)
    assert entry.subject == "Updated their website on the status page"


@pytest.mark.parametrize(
    ("changed", "field", "message"),
    [
        ({"phone": "12"}, "phone", "is not a valid phone number"),
        ({"email": "not-an-address"}, "email", "is not a valid email address"),
        ({"linkedin_url": "https://example.com/me"}, "linkedin_url", "your LinkedIn profile"),
        ({"github_url": "https://gitlab.com/cara"}, "github_url", "your GitHub profile"),
        ({"website_url": "javascript:alert(1)"}, "website_url", "as a web link"),
    ],
)
def test_a_mistake_is_shown_at_its_field_with_422_and_writes_nothing(
    client, candidate, changed, field, message
):
    posted = form(candidate, **{"phone": "+14155550199"} | changed)

    page = client.post(details_path(candidate), posted)

    assert page.status_code == 422
    error = find(page, "p", id="details-error")
    assert message in text(error)
    assert find(page, "input", id=f"details-{field}").get("aria-invalid") == "true"
    assert find(page, "input", id=f"details-{field}").get("value") == posted[field]
    assert not candidate.phones.exists()
    assert not entries(candidate, EventKind.STATUS_PAGE_DETAILS).exists()


def test_a_newer_resume_becomes_current_is_read_and_found_by_search(
    client, candidate, recruiter, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("cara.txt", b"Cara Candidate. Kubernetes operator.")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(details_path(candidate), form(candidate, resume=upload))

    resume = Resume.objects.get(candidate=candidate, is_current=True)
    assert resume.original_filename == "cara.txt" and resume.uploaded_by is None
    assert resume.parse_status == ParseStatus.PARSED and "Kubernetes" in resume.text
    found = candidate_search(user=recruiter, q="kubernetes", filters=SearchFilters())
    assert [pk for pk, _ in found.hits] == [candidate.pk]
    [entry] = entries(candidate, EventKind.STATUS_PAGE_RESUME)
    assert entry.subject == "Uploaded a newer resume on the status page: cara.txt"
    assert entry.actor is None
    page = client.get(page_path(candidate))
    assert "We have cara.txt" in text(find(page, "span", id="details-resume-help"))


def test_a_resume_gets_the_careers_form_checks(client, candidate):
    upload = SimpleUploadedFile("cv.pdf", b"plain text, not a PDF")

    page = client.post(details_path(candidate), form(candidate, resume=upload))

    assert page.status_code == 422
    assert "its content is not a PDF" in text(find(page, "p", id="details-error"))
    assert not Resume.objects.exists()


def test_a_new_email_changes_only_once_the_link_sent_to_it_is_followed(
    client, candidate, recruiter, smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            details_path(candidate), form(candidate, email="Cara.New@Example.org"), follow=True
        )

    shown = said(asked)
    assert "We sent a link to cara.new@example.org to confirm it" in shown
    assert "we keep writing to cara@example.org" in shown
    assert list(candidate.emails.values_list("email", flat=True)) == ["cara@example.org"]
    [entry] = entries(candidate, EventKind.STATUS_PAGE_EMAIL_ASKED)
    assert entry.actor is None
    [mail] = smtp.messages
    assert mail["To"] == "cara.new@example.org"
    assert mail["Subject"] == "Confirm your new email address"
    body = mail.get_body(("plain",)).get_content()
    # Whoever holds the new inbox has not proven to be Cara: no way into her page yet.
    assert "/status/" not in body.replace("/status/confirm-email/", "")

    link = confirm_link_in(mail)
    # Signed is not secret: whoever reads the new inbox must not learn the old address.
    payload = base64.urlsafe_b64decode(link.split("/")[3].split(":")[0] + "==")
    assert b"cara.new@example.org" in payload and b"cara@example.org" not in payload
    shown = client.get(link)
    assert shown.status_code == 200
    assert list(candidate.emails.values_list("email", flat=True)) == ["cara@example.org"]
    button = find(shown, "button")
    assert text(button) == "Confirm cara.new@example.org"

    done = client.post(link, follow=True)

    assert done.status_code == 200
    assert "cara.new@example.org is confirmed" in said(done)
    assert list(candidate.emails.values_list("email", flat=True)) == [
        "cara.new@example.org",
        "cara@example.org",
    ]
    [entry] = entries(candidate, EventKind.STATUS_PAGE_EMAIL_CONFIRMED)
    assert entry.subject == "Updated their email on the status page" and entry.actor is None
    assert Notification.objects.filter(
        user=recruiter, text__contains="changed their email address to cara.new@example.org"
    ).exists()
    assert client.post(link).status_code == 302  # confirming twice is confirming once
    assert entries(candidate, EventKind.STATUS_PAGE_EMAIL_CONFIRMED).count() == 1


def test_a_secondary_address_of_theirs_moves_first_without_a_link(client, candidate, smtp):
    CandidateEmail.objects.create(candidate=candidate, email="cara@work.example", order=1)

    done = client.post(details_path(candidate), form(candidate, email="cara@work.example"))

    assert "we have your new details" in said(client.get(done.url))

    assert list(candidate.emails.values_list("email", flat=True)) == [
        "cara@work.example",
        "cara@example.org",
    ]
    assert smtp.messages == []


def test_an_email_on_another_record_is_never_revealed_nor_moved_and_the_owner_is_asked(
    client, candidate, recruiter, smtp, django_capture_on_commit_callbacks
):
    other = CandidateFactory(first_name="Carla", emails=["carla@example.org"])

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            details_path(candidate), form(candidate, email="carla@example.org"), follow=True
        )

    # The same words as for any new address.
    assert "We sent a link to carla@example.org to confirm it" in said(asked)
    [mail] = smtp.messages
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(confirm_link_in(mail), follow=True)

    assert "carla@example.org is confirmed" in said(done)
    assert list(other.emails.values_list("email", flat=True)) == ["carla@example.org"]
    assert list(candidate.emails.values_list("email", flat=True)) == ["cara@example.org"]
    [entry] = entries(candidate, EventKind.STATUS_PAGE_DETAIL_ELSEWHERE)
    assert entry.payload["other_candidate_id"] == other.pk
    note = Notification.objects.get(user=recruiter, url__contains="/merge/")
    assert note.url == reverse("candidates:merge", args=[candidate.pk, other.pk])
    assert "merge if they are one person" in note.text


def test_a_phone_on_another_record_stays_there_and_the_owner_is_asked_to_merge(
    client, candidate, recruiter
):
    other = CandidateFactory(first_name="Carla")
    other.phones.create(phone="+14155550199")

    done = client.post(details_path(candidate), form(candidate, phone="415 555 0199"), follow=True)

    assert "Thank you: we have your new details." in said(done)
    assert not candidate.phones.exists()
    assert list(other.phones.values_list("phone", flat=True)) == ["+14155550199"]
    note = Notification.objects.get(user=recruiter)
    assert note.url == reverse("candidates:merge", args=[candidate.pk, other.pk])
    assert note.candidate_id is None  # the link goes to the merge page, not the profile


def test_a_confirmation_link_expires_and_a_forged_one_is_404(client, candidate, smtp, mailed):
    mailed(client, candidate, "cara.new@example.org")
    link = confirm_link_in(smtp.messages[0])

    assert client.get(link[:-3] + "xx/").status_code == 404
    with time_machine.travel(timezone.now() + timedelta(days=EMAIL_CONFIRM_DAYS, hours=1)):
        expired = client.post(link)
    assert expired.status_code == 410
    assert text(find(expired, "h1")) == "This link has expired"
    assert list(candidate.emails.values_list("email", flat=True)) == ["cara@example.org"]


def test_a_link_left_from_an_earlier_change_cannot_undo_a_later_one(
    client, candidate, smtp, mailed
):
    mailed(client, candidate, "first@example.org")
    mailed(client, candidate, "second@example.org")
    first, second = (confirm_link_in(m) for m in smtp.messages)

    client.post(second)
    stale = client.post(first)

    assert stale.status_code == 409
    assert candidate.emails.first().email == "second@example.org"


def test_a_few_confirmation_mails_an_hour_at_most(client, candidate, smtp, mailed):
    answers = [mailed(client, candidate, f"n{n}@example.org") for n in range(4)]

    assert [a.status_code for a in answers] == [302, 302, 302, 422]
    assert "several confirmation links" in text(find(answers[-1], "p", id="details-error"))
    assert len(smtp.messages) == 3


def test_another_candidates_link_cannot_change_details(client, candidate):
    stranger = CandidateFactory(emails=["s@example.org"])

    client.post(details_path(stranger), form(stranger, phone="+14155550199"))

    assert not candidate.phones.exists()
    assert stranger.phones.get().phone == "+14155550199"


def test_no_template_comment_leaks_onto_the_page(client, application):
    page = client.get(page_path(application.candidate)).content.decode()

    assert "{#" not in page and "#}" not in page
