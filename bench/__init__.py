"""Benchmarks: bench/run.py measures what recruiters wait for; see docs/performance.md."""
