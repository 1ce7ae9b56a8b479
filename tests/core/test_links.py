from types import SimpleNamespace

from django.urls import reverse

from ghostless.core.links import set_links


def test_set_links_gives_what_reverse_gives_for_each_row():
    rows = [SimpleNamespace(pk=pk, candidate_id=pk * 10) for pk in (1, 42, 2147483646)]
    set_links(
        rows, move_url=("jobs:move", "pk"), candidate_url=("candidates:detail", "candidate_id")
    )
    for row in rows:
        assert row.move_url == reverse("jobs:move", args=[row.pk])
        assert row.candidate_url == reverse("candidates:detail", args=[row.candidate_id])
