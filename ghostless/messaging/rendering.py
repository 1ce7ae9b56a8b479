"""Email templates: a Jinja sandbox that reaches only the merge fields listed here.

Templates are checked when saved: a syntax error or a name outside MERGE_FIELDS is refused with
its line. Rendering gets plain dicts, never model instances, so nothing else is reachable.
"""

import html
from dataclasses import dataclass

import markdown
import nh3
from django.conf import settings
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment

from ghostless.core.errors import DomainError

MERGE_FIELDS: dict[str, tuple[str, ...]] = {
    "candidate": (
        "first_name",
        "last_name",
        "name",
        "email",
        "current_title",
        "current_company",
        "location",
    ),
    "job": ("title", "department", "location"),
    "recruiter": ("name", "first_name", "last_name", "email"),
    "company": ("name", "site_url"),
    "links": ("keep_in_touch", "unsubscribe"),
}
# Tags Markdown produces for plain paragraphs; anything else means the template has formatting.
PLAIN_TAGS = {"p", "br"}
ALLOWED_HTML_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "blockquote",
    "code",
    "pre",
    "hr",
}

_env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str  # empty when the template is plain text


def _check_names(tree: nodes.Template, part: str) -> None:
    """Every name is a merge object and every attribute one of its fields."""
    attribute_parents = set()
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name):
            attribute_parents.add(id(node.node))
            allowed = MERGE_FIELDS.get(node.node.name)
            if allowed is None:
                raise _unknown(part, node.lineno, node.node.name)
            if node.attr not in allowed:
                raise _unknown(part, node.lineno, f"{node.node.name}.{node.attr}")
        else:
            raise _unknown(part, node.lineno, node.attr)
    for node in tree.find_all((nodes.Getitem, nodes.Call)):
        raise DomainError(
            f"{part.capitalize()}, line {node.lineno}: only fields like "
            "{{ candidate.first_name }} may be used.",
            field=part,
        )
    for node in tree.find_all(nodes.Name):
        if id(node) not in attribute_parents:
            raise _unknown(part, node.lineno, node.name)


def _unknown(part: str, line: int, name: str) -> DomainError:
    known = ", ".join(f"{obj}.{field}" for obj, fields in MERGE_FIELDS.items() for field in fields)
    return DomainError(
        f"{part.capitalize()}, line {line}: unknown merge field “{name}”. Known fields: {known}.",
        field=part,
    )


def validate(*, subject: str, body: str) -> None:
    for part, source in (("subject", subject), ("body", body)):
        try:
            tree = _env.parse(source)
        except TemplateSyntaxError as exc:
            raise DomainError(
                f"{part.capitalize()}, line {exc.lineno}: {exc.message}", field=part
            ) from None
        _check_names(tree, part)


def has_formatting(body: str) -> bool:
    rendered = markdown.markdown(html.escape(body, quote=False))
    tags = {tag for tag in ALLOWED_HTML_TAGS if f"<{tag}>" in rendered or f"<{tag} " in rendered}
    return bool(tags - PLAIN_TAGS)


def to_html(text: str) -> str:
    """Markdown to sanitized HTML; merged values are escaped before Markdown sees them."""
    rendered = markdown.markdown(html.escape(text, quote=False))
    return nh3.clean(rendered, tags=ALLOWED_HTML_TAGS, attributes={"a": {"href"}})


def render(*, subject: str, body: str, context: dict) -> Rendered:
    validate(subject=subject, body=body)
    try:
        subject_out = _env.from_string(subject).render(context)
        text = _env.from_string(body).render(context)
    except UndefinedError as exc:
        raise DomainError(f"A merge field has no value: {exc.message}", field="body") from None
    subject_out = " ".join(subject_out.split())  # headers are one line
    return Rendered(subject_out, text, to_html(text) if has_formatting(body) else "")


def merge_context(*, candidate, job=None, recruiter=None, to_email: str = "", pool=None) -> dict:
    """The only values templates can reach, as plain dicts."""
    from ghostless.pools.links import keep_in_touch_url, unsubscribe_url

    links = {
        # Without a pool to join, the invitation has nowhere to lead: it renders empty.
        "keep_in_touch": keep_in_touch_url(candidate_id=candidate.pk, pool_id=pool.pk)
        if pool
        else "",
        "unsubscribe": unsubscribe_url(candidate_id=candidate.pk),
    }
    return {
        "links": links,
        "candidate": {
            "first_name": candidate.first_name,
            "last_name": candidate.last_name,
            "name": candidate.name,
            "email": to_email,
            "current_title": candidate.current_title,
            "current_company": candidate.current_company,
            "location": candidate.location,
        },
        "job": {
            "title": job.title if job else "",
            "department": job.department if job else "",
            "location": job.location if job else "",
        },
        "recruiter": {
            "name": recruiter.name if recruiter else settings.COMPANY_NAME,
            "first_name": recruiter.first_name if recruiter else "",
            "last_name": recruiter.last_name if recruiter else "",
            "email": recruiter.email if recruiter else "",
        },
        "company": {"name": settings.COMPANY_NAME, "site_url": settings.SITE_URL},
    }
