"""The outside view: the same pages over HTTP from gunicorn on loopback, as the peer was
measured (a logged-in session, a new connection per request, 1 warm-up + 7 timed), and the
first request a fresh worker answers (what start-up warming is for)."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import closing, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARMUP, RUNS = 1, 7


def _free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(port: int, path: str, cookie: str) -> float:
    """Milliseconds from connecting to the last byte of the body, on a new connection."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise AssertionError(f"GET {path} over HTTP: {response.status}")
    finally:
        conn.close()
    return (time.perf_counter() - started) * 1000


@contextmanager
def gunicorn(workers: int = 1):
    """gunicorn as `make run` starts it (one worker here, so every request meets it),
    answering on a free loopback port once it accepts connections."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 -- our own venv's gunicorn, fixed arguments
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "ghostless.wsgi",
            "--config",
            "python:ghostless.gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.05)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def timed_pages(pages: dict[str, str], cookie: str) -> dict[str, dict]:
    """Per operation name: the first request of a fresh worker, then the median and p95
    (nearest rank of 7: the slowest) of 7 timed requests after one warm-up."""
    figures = {}
    for name, path in pages.items():
        with gunicorn() as port:
            first = _get(port, path, cookie)
            for _ in range(WARMUP - 1):
                _get(port, path, cookie)
            samples = [_get(port, path, cookie) for _ in range(RUNS)]
        figures[name] = {
            "http_first_ms": first,
            "http_median_ms": statistics.median(samples),
            "http_max_ms": max(samples),
        }
    return figures
