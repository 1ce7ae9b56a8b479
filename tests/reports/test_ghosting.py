from datetime import date

import pytest

from ghostless.core.errors import PermissionDenied
from ghostless.reports.filters import make_filters
from ghostless.reports.ghosting import ghosting_report

pytestmark = pytest.mark.django_db

MARCH = {"start": date(2026, 3, 1), "end": date(2026, 3, 24)}


def _report(actor=None, **filters):
    return ghosting_report(actor=actor, filters=make_filters(**{**MARCH, **filters}))


def test_outcomes_told_and_within_business_days(world):
    total = _report().total
    assert total.decided == 5  # a1-a4 rejected in March, a5 left on the filled job
    assert total.told == 3
    assert total.told_within == {2: 1, 5: 2, 10: 2}  # 1, 4 and 11 business days
    assert total.told_within_2 == 20.0
    assert total.skipped == 1
    assert total.never_told == 1


def test_never_told_list_links_the_application(world):
    report = _report()
    assert [(w.name, w.job) for w in report.never_told] == [("A3 Person", "Backend Engineer")]
    assert report.never_told[0].url == world.apps["a3"].get_absolute_url()


def test_replies_median_business_hours_and_limit(world):
    report = _report()
    total = report.total
    assert total.replies == 4  # the private entry is not counted
    assert total.answered == 3
    assert total.median_answer_hours == 18.0  # of 4, 18 (Friday 16:00 to Monday 10:00), 48
    assert report.answer_limit_hours == 24
    assert total.answered_in_limit == 2
    assert total.unanswered == 1
    assert [w.name for w in report.unanswered] == ["A2 Person"]


def test_promises_kept_and_broken(world):
    total = _report().total
    assert total.promises == 3  # two interviews held, one "hear back by" passed
    assert total.promises_broken == 1  # a2's feedback had to be chased
    assert total.promises_kept == 2
    assert total.decisions_late == 1
    assert total.left_waiting == 4


def test_leaderboard_is_worst_first(world):
    report = _report()
    assert [(r.label, r.left_waiting, r.decided) for r in report.by_owner] == [
        ("Rita Reyes", 4, 4),
        ("Ray Romano", 0, 1),
    ]
    assert [(r.label, r.never_told, r.told) for r in report.by_job] == [
        ("Backend Engineer", 1, 2),
        ("Sales Lead", 0, 1),
    ]
    ray = report.by_owner[1]
    assert (ray.replies, ray.answered_in_limit, ray.median_answer_hours) == (1, 0, 48.0)


def test_trend_by_week(world):
    weeks = _report().weeks
    assert [w.label for w in weeks] == [
        "2026-02-23",
        "2026-03-02",
        "2026-03-09",
        "2026-03-16",
        "2026-03-23",
    ]
    first = weeks[1]  # decisions of 2, 3, 5 and 6 March
    assert (first.decided, first.told, first.never_told) == (5, 3, 1)
    assert (first.replies, first.answered) == (4, 3)
    assert weeks[2].promises == 1  # the promise of 10 March


def test_filters_narrow_every_figure(world, other_recruiter):
    assert _report(job_id=world.sales.pk).total.decided == 1
    assert _report(department="sales").total.decided == 1
    assert _report(owner_id=other_recruiter.pk).total.replies == 1
    assert _report(source="referral").total.is_empty
    narrow = _report(start=date(2026, 3, 4), end=date(2026, 3, 24)).total
    assert narrow.decided == 2  # a2 on the 5th, a5 on the 6th


def test_hiring_manager_sees_her_jobs_only(world, hiring_manager, outsider):
    hers = _report(actor=hiring_manager)
    assert hers.total.decided == 4
    assert [r.label for r in hers.by_job] == ["Backend Engineer"]
    assert hers.total.replies == 3
    otto = _report(actor=outsider)
    assert otto.total.decided == 1


def test_interviewers_get_no_report(world):
    from tests.factories import UserFactory

    with pytest.raises(PermissionDenied):
        _report(actor=UserFactory(username="ivan", role="interviewer"))
