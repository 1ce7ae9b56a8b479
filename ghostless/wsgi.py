import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghostless.settings")
application = get_wsgi_application()

# Compile templates and build the URL resolver now, in gunicorn's master before it forks.
from ghostless.core.warmup import warm_up  # noqa: E402 -- needs the settings loaded above

warm_up()
