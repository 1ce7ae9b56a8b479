"""Start-up work done once, before the first request: gunicorn loads the app in its master
(`preload_app`, ghostless/gunicorn.py), so every forked worker starts with the URL
resolver built and every template compiled instead of paying 1-2 s on its first hit."""

from pathlib import Path

from django.forms.renderers import get_default_renderer
from django.template import engines
from django.template.utils import get_app_template_dirs
from django.urls import get_resolver, reverse


def warm_up() -> int:
    """Build the URL resolver and compile every page and form template; returns how many
    templates were compiled. Touches no database, so it is safe before forking."""
    get_resolver().url_patterns  # noqa: B018 -- imports every view module
    reverse("home")  # builds the reverse lookup tables
    compiled = 0
    for engine in engines.all():
        environment = getattr(engine, "env", None)
        if environment is not None:  # Jinja2: it lists its own templates
            names = environment.list_templates()
        else:
            # Every app's templates too: template_dirs leaves them to the app loader.
            directories = {*engine.template_dirs, *get_app_template_dirs("templates")}
            names = {
                path.relative_to(directory).as_posix()
                for directory in directories
                for path in Path(directory).rglob("*.html")
            }
        for name in names:
            engine.get_template(name)
            compiled += 1
    renderer = get_default_renderer()
    for name in renderer.engine.env.list_templates(extensions=["html"]):
        renderer.get_template(name)
        compiled += 1
    return compiled
