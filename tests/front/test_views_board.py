import pytest
import time_machine
from django.urls import reverse

from ghostless.jobs.models import StageChange
from ghostless.jobs.services import application_hire, application_move, application_withdraw
from ghostless.timeline.models import Activity
from tests.factories import ApplicationFactory, CandidateFactory
from tests.parsed_html import find, find_all, text


def board(client, job):
    return client.get(reverse("jobs:board", args=[job.pk]))


def column(html: str, stage_name: str) -> str:
    return html.split(f"<span>{stage_name}</span>", 1)[1].split("</section>", 1)[0]


def test_board_has_a_column_per_stage_with_counts_and_cards(recruiter_client, job, application):
    response = board(recruiter_client, job)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="column"') == 8
    sourced = column(html, "Sourced")
    assert 'title="1 on the board">1</span>' in sourced
    assert "Cara Candidate" in sourced and "0 days in stage" in sourced
    assert "Last contact: never" in sourced
    assert 'draggable="true"' in sourced
    assert f'data-move-url="{reverse("jobs:move", args=[application.pk])}"' in sourced
    assert "No one here." in column(html, "Offer")
    assert 'aria-live="polite"' in html and "jobs/board.js" in html


def test_hired_applicants_stay_on_the_board_and_withdrawn_are_counted_below(
    recruiter_client, job, application, recruiter
):
    application_hire(application=application, actor=recruiter)
    gone = ApplicationFactory(job=job, candidate=CandidateFactory(first_name="Gone"))
    application_withdraw(application=gone, actor=recruiter)
    html = board(recruiter_client, job).content.decode()
    hired = column(html, "Hired")
    assert "Cara Candidate" in hired and "status-hired" in hired
    assert "Gone" not in html.split('class="off-board"')[0]
    assert f'href="{job.get_absolute_url()}?status=withdrawn">Withdrawn: 1</a>' in html
    assert f'href="{job.get_absolute_url()}?status=rejected">Rejected: 0</a>' in html


def test_an_empty_board_says_how_to_fill_it(recruiter_client, job):
    html = board(recruiter_client, job).content.decode()
    assert "No one is on this board yet" in html and "they start in Sourced" in html


def test_each_card_offers_every_stage_and_loads_its_other_actions_on_demand(
    recruiter_client, job, application, retired_reason
):
    html = board(recruiter_client, job).content.decode()
    move = html.split(f'id="move-{application.pk}"', 1)[1].split("</select>", 1)[0]
    assert move.count("<option") == 8
    sourced = job.stages.get(name="Sourced")
    assert move.count("selected") == 1 and f'value="{sourced.pk}" selected>Sourced<' in move
    assert f'<label for="move-{application.pk}">' in html
    # The reject form is not on the board; the card fetches it, and links the page without JS.
    actions_url = reverse("jobs:actions", args=[application.pk])
    assert f'id="reason-{application.pk}"' not in html
    assert f'hx-get="{actions_url}"' in html and application.get_absolute_url() in html
    actions = recruiter_client.get(actions_url, headers={"HX-Request": "true"})
    fragment = actions.content.decode()
    reasons = fragment.split(f'id="reason-{application.pk}"', 1)[1].split("</select>", 1)[0]
    assert "Not enough experience" in reasons and "Position paused" not in reasons
    assert f'<label for="reason-{application.pk}">' in fragment
    assert 'hx-target="#board"' in fragment and f'id="move-{application.pk}"' not in fragment
    # Hire and withdraw are not beside Reject: they wait in the card's "More" menu and ask first.
    assert "Hire<span" not in fragment and "Withdraw<span" not in fragment
    menu = html.split('<details class="more-menu">', 1)[1].split("</details>", 1)[0]
    assert reverse("jobs:hire", args=[application.pk]) in menu
    assert reverse("jobs:withdraw", args=[application.pk]) in menu
    assert menu.count("data-confirm") == 2


def test_hiring_managers_cannot_load_card_actions(manager_client, application):
    response = manager_client.get(reverse("jobs:actions", args=[application.pk]))
    assert response.status_code == 403


@pytest.fixture
def crowded_sourced(job, monkeypatch):
    """Three applicants in Sourced, a minute apart, on a board that shows two per column."""
    monkeypatch.setattr("ghostless.front.board.BOARD_COLUMN_CARDS", 2)
    with time_machine.travel("2025-01-06 09:00", tick=False) as traveller:
        for name in ("Ann", "Bea", "Cid"):
            candidate = CandidateFactory(first_name=name, last_name="Zed")
            ApplicationFactory(job=job, candidate=candidate)
            traveller.shift(60)
    return job.stages.get(name="Sourced")


def test_a_column_shows_its_first_cards_and_links_the_rest(recruiter_client, job, crowded_sourced):
    sourced = column(board(recruiter_client, job).content.decode(), "Sourced")
    assert 'title="3 on the board">3</span>' in sourced
    # Longest in stage first: the latest arrival waits behind the link.
    assert "Ann Zed" in sourced and "Bea Zed" in sourced and "Cid Zed" not in sourced
    more = f'href="{job.get_absolute_url()}?stage={crowded_sourced.pk}">1 more in Sourced</a>'
    assert more in sourced


def test_a_card_moved_into_a_full_column_stays_in_sight(
    recruiter_client, job, crowded_sourced, recruiter
):
    dan = ApplicationFactory(job=job, candidate=CandidateFactory(first_name="Dan", last_name="Zed"))
    application_move(application=dan, stage=job.stages.get(name="Screen"), actor=recruiter)
    response = recruiter_client.post(
        reverse("jobs:move", args=[dan.pk]),
        {"stage_id": crowded_sourced.pk},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    sourced = column(response.content.decode(), "Sourced")
    assert f'id="app-{dan.pk}"' in sourced and "Cid Zed" not in sourced
    assert 'title="4 on the board">4</span>' in sourced and "1 more in Sourced" in sourced


def test_moving_on_the_board_with_htmx_swaps_the_board_and_announces_it(
    recruiter_client, job, application
):
    screen = job.stages.get(name="Screen")
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": screen.pk, "next": reverse("jobs:board", args=[job.pk])},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="board"')
    assert "Cara Candidate" in column(html, "Screen")
    assert f'data-focus="app-{application.pk}"' in html
    assert '<div id="board_status" hx-swap-oob="innerHTML">' in html
    assert "Moved Cara Candidate to Screen." in html
    change = StageChange.objects.filter(application=application).last()
    assert (change.from_stage.name, change.to_stage.name) == ("Sourced", "Screen")
    assert Activity.objects.filter(
        application=application, subject="Backend Engineer: Sourced → Screen"
    ).exists()


def test_moving_without_javascript_returns_to_the_board(recruiter_client, job, application):
    board_url = reverse("jobs:board", args=[job.pk])
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": job.stages.get(name="Interview").pk, "next": board_url},
    )
    assert response.status_code == 302 and response.url == board_url
    html = recruiter_client.get(board_url).content.decode()
    assert "Moved Cara Candidate to Interview." in html
    assert "Cara Candidate" in column(html, "Interview")


def test_an_offsite_next_url_is_ignored(recruiter_client, job, application):
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": job.stages.get(name="Screen").pk, "next": "https://evil.example/"},
    )
    assert response.url == application.get_absolute_url()


def test_rejecting_on_the_board_with_htmx_updates_the_counts(
    recruiter_client, job, application, reason
):
    response = recruiter_client.post(
        reverse("jobs:reject", args=[application.pk]),
        {"reason": reason.pk},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    html = response.content.decode()
    assert "Rejected: 1</a>" in html
    assert "Cara Candidate" not in column(html, "Sourced")
    assert "Rejected Cara Candidate (Not enough experience)." in html


def test_a_refused_move_with_htmx_keeps_the_board_and_says_why(
    recruiter_client, job, application, recruiter
):
    application_withdraw(application=application, actor=recruiter)
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]),
        {"stage_id": job.stages.get(name="Screen").pk},
        headers={"HX-Request": "true", "HX-Target": "board"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "flash-error" in html and "reopen it before moving it" in html


def test_candidate_names_are_escaped_on_the_board(recruiter_client, job):
    candidate = CandidateFactory(first_name="<script>alert(1)</script>", last_name="X")
    ApplicationFactory(candidate=candidate, job=job)
    html = board(recruiter_client, job).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; X</a>" in html


def test_hiring_managers_see_the_board_without_actions(manager_client, job, application):
    response = board(manager_client, job)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cara Candidate" in html
    assert 'draggable="true"' not in html and "Move to" not in html
    assert "jobs/board.js" not in html


def test_a_move_on_the_board_offers_undo_and_undo_puts_the_card_back(
    recruiter_client, job, application
):
    htmx = {"HX-Request": "true", "HX-Target": "board"}
    interview = job.stages.get(name="Interview")
    response = recruiter_client.post(
        reverse("jobs:move", args=[application.pk]), {"stage_id": interview.pk}, headers=htmx
    )
    status = find(response, "div", id="board_status")
    assert "Moved Cara Candidate to Interview. No email was sent." in text(status)
    undo = find(status, "form", class_="undo")
    assert undo.get("hx-post") == reverse("jobs:move_undo", args=[application.pk])
    change = find(undo, "input", name="change").get("value")

    back = recruiter_client.post(undo.get("hx-post"), {"change": change}, headers=htmx)
    assert "Undone: Cara Candidate is back in Sourced." in text(
        find(back, "div", id="board_status")
    )
    assert not find_all(back, "form", class_="undo")
    sourced = job.stages.get(name="Sourced")
    column = find(back, "section", data_stage_id=str(sourced.pk))
    assert find_all(column, "article", id=f"app-{application.pk}")
