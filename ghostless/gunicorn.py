"""gunicorn's settings for `make run` and for production (`--config python:ghostless.gunicorn`).

The app is loaded once in the master and forked (`preload_app`): imports, URLs and compiled
templates (ghostless/core/warmup.py) are ready in every worker, so no user meets a cold one.
The database is not touched before the fork; each worker opens its own connections."""

preload_app = True
