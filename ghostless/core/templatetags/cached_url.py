"""`{% url %}` with its answers remembered. Reversing walks the URL resolver (30-50 µs a
time) and a page asks for the same addresses on every request: the profile alone reverses
about thirty. A builtin of the Django engine (settings.TEMPLATES), so it replaces Django's tag
with the same syntax and output; only plain int and str arguments are remembered."""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import Library
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.html import conditional_escape

register = Library()


@lru_cache(maxsize=4096)
def _reverse(view_name: str, args: tuple, kwargs: tuple, current_app, prefix: str) -> str:
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@receiver(setting_changed)
def _forget(*, setting, **_):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


def cached_reverse(view_name: str, *args) -> str:
    """`reverse(view_name, args=args)`, remembered: for Jinja2 fragments (core/jinja.py)."""
    if _plain(args):
        return _reverse(view_name, args, (), None, get_script_prefix())
    return reverse(view_name, args=args)


def _plain(values) -> bool:
    return all(type(value) in (int, str) for value in values)


class CachedURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        request = getattr(context, "request", None)
        current_app = getattr(request, "current_app", None)
        if current_app is None:
            current_app = getattr(getattr(request, "resolver_match", None), "namespace", None)
        url = ""
        try:
            if _plain(args) and _plain(kwargs.values()):
                key = tuple(sorted(kwargs.items()))
                url = _reverse(view_name, args, key, current_app, get_script_prefix())
            else:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    return CachedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
