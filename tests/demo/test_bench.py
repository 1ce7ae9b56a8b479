"""The benchmark harness runs an operation end to end on a tiny generated data set."""

import json

import pytest

from bench import harness, ops
from bench.outbox import outbox_throughput
from ghostless.demo.datagen.build import generate
from ghostless.messaging.models import Message

pytestmark = pytest.mark.slow


@pytest.fixture
def scene(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    generate(candidates=100, seed=1, progress=False)
    return ops.find_scene()


def test_measures_a_page_with_its_queries_and_floor(scene, tmp_path, monkeypatch):
    result = harness.measure(ops.profile(scene), runs=3, warmup=1)

    assert result.runs == 3
    assert 0 < result.median_ms <= result.p95_ms
    assert result.queries > 3
    assert result.floor_median_ms > 0
    assert result.ratio == pytest.approx(result.median_ms / result.floor_median_ms)
    assert result.target == (7, 150) and result.http_target == 8.9

    monkeypatch.setattr(harness, "RESULTS_DIR", tmp_path)
    path = harness.write_results([result], candidates=100, meta={"runs": 3})
    saved = json.loads(path.read_text())
    assert saved["candidates"] == 100
    assert saved["operations"][0]["name"] == "profile with first timeline page"
    [row] = harness.markdown_rows([result], database="sqlite", candidates=100)
    assert row.startswith("| sqlite | 100 | profile with first timeline page |")


def test_a_partial_run_keeps_the_other_operations(tmp_path, monkeypatch):
    monkeypatch.setattr(harness, "RESULTS_DIR", tmp_path)
    first = [harness.Result(name=n, runs=1, median_ms=1, p95_ms=1, queries=1) for n in "abc"]
    harness.write_results(first, candidates=10, meta={})
    again = harness.Result(name="b", runs=1, median_ms=2, p95_ms=2, queries=1)

    path = harness.write_results([again], candidates=10, meta={})

    saved = json.loads(path.read_text())["operations"]
    assert [(op["name"], op["median_ms"]) for op in saved] == [("a", 1), ("b", 2), ("c", 1)]


def test_close_out_is_rolled_back_after_each_run(scene):
    before = Message.objects.count()
    result = harness.measure(ops.close_out(scene), runs=1, warmup=0)
    assert result.queries > 0
    assert Message.objects.count() == before
    assert not scene.recruiter.api_tokens.exclude(pk=scene.token.pk).exists()


def test_outbox_delivers_to_a_local_smtp_server(scene):
    result = outbox_throughput(scene.recruiter, messages=5)
    assert result.extra["messages_per_second"] > 0
    assert result.queries > 0


@pytest.mark.parametrize("make", ops.ALL, ids=lambda make: make.__name__)
def test_every_operation_and_its_floor_run(scene, make):
    """No operation of the benchmark rots unnoticed: each page answers 200 (run raises
    otherwise) and its raw-SQL floor is valid SQL on this database."""
    result = harness.measure(make(scene), runs=1, warmup=0)
    assert result.queries > 0
    assert result.median_ms > 0
