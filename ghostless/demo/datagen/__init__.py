"""Realistic, reproducible data at scale for `manage.py generate_data` and the benchmark."""
