"""Email templates: a bounded Jinja sandbox that reaches only the merge fields listed here.

Templates are checked when saved: a syntax error, a name outside MERGE_FIELDS, a filter outside
FILTERS or a tag that loads other templates is refused with its line, and the text is then
rendered against a sample candidate so that what cannot render is refused too. Rendering gets
plain dicts, never model instances, so nothing else is reachable, and it is bounded: numbers,
intermediate text, output size and time all have limits, since one template is rendered for
every applicant and a runaway one would stall web requests and workers alike.
"""

import contextvars
import functools
import html
import math
import time
from dataclasses import dataclass

import markdown
import nh3
from django.conf import settings
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, nodes
from jinja2.sandbox import SandboxedEnvironment

from ghostless.candidates.status_links import status_url
from ghostless.core.errors import DomainError
from ghostless.messaging.links import keep_in_touch_url, unsubscribe_url

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
    "links": ("keep_in_touch", "unsubscribe", "status"),
    # Filled in interview invites only (interviews.invites); empty in any other email.
    "interview": (
        "recipient",
        "title",
        "when",
        "location",
        "video_url",
        "interviewers",
        "kit_link",
        "note",
        "hear_back_by",
    ),
    # Filled in offer letters only (offers.letters); empty in any other email.
    "offer": ("title", "salary", "currency", "pay_period", "start_date", "expires_on"),
}
# Filters that shape a value without multiplying it; padding, formatting and attribute lookup
# (center, format, attr, replace...) could build huge text or reach past the merge fields.
FILTERS = (
    "capitalize",
    "d",
    "default",
    "e",
    "escape",
    "first",
    "int",
    "last",
    "length",
    "lower",
    "round",
    "striptags",
    "title",
    "trim",
    "truncate",
    "upper",
    "urlencode",
    "wordcount",
)
# Tags that would load another template: email templates stand alone.
LOADING_TAGS = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from"}
LOADING_TAGS[nodes.Extends] = "extends"
MAX_SUBJECT = 300  # the subject column, and more than any mail client shows
MAX_BODY = 100_000  # characters of template text, and of rendered text
MAX_NUMBER = 10**12
# Text built along the way (by *, + and filters), all parts counted: ten bodies' worth.
MAX_WORK = 10 * MAX_BODY
RENDER_SECONDS = 1.0
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


class RenderError(DomainError):
    """A template that cannot be turned into an email: refused with the part it is in."""


class _Limit(Exception):
    """A bound was reached while rendering; the message says which."""


@dataclass
class _Budget:
    deadline: float
    work: int = 0

    def spend(self, value) -> None:
        if time.monotonic() > self.deadline:
            raise _Limit(f"it took longer than {RENDER_SECONDS:g} s")
        if isinstance(value, bool | float | complex):
            return
        if isinstance(value, int) and abs(value) > MAX_NUMBER:
            raise _Limit(f"a number is larger than {MAX_NUMBER:,}")
        if isinstance(value, str | list | tuple):
            self.work += len(value)
            if self.work > MAX_WORK:
                raise _Limit(f"it builds more than {MAX_WORK:,} characters of text")


# One budget per render; a context variable keeps renders in other threads apart.
_budget: contextvars.ContextVar[_Budget] = contextvars.ContextVar("template_budget")


class BoundedEnvironment(SandboxedEnvironment):
    """The sandbox, with every operator that can grow a value checked before and after.

    Intercepted operators are also never folded at compile time, so `10**10**10` is refused
    here rather than computed while compiling.
    """

    intercepted_binops = frozenset({"+", "*", "**", "%", "//"})

    def __init__(self, **kwargs):
        super().__init__(finalize=self._finalize, **kwargs)
        self.filters = {name: _bounded(self.filters[name]) for name in FILTERS}

    def call_binop(self, context, op: str, left, right):
        if op == "%" and isinstance(left, str):
            raise _Limit("%-formatting of text is not available")
        if op == "*":
            _check_repeat(left, right)
        if op == "**":
            _check_power(left, right)
        result = self.binop_table[op](left, right)
        _budget.get().spend(result)
        return result

    def _finalize(self, value):
        _budget.get().spend(value)
        return value


def _check_repeat(left, right) -> None:
    for sequence, times in ((left, right), (right, left)):
        repeatable = isinstance(sequence, str | list | tuple) and isinstance(times, int)
        if repeatable and len(sequence) * times > MAX_BODY:
            raise _Limit(f"repeated text would be longer than {MAX_BODY:,} characters")


def _check_power(base, exponent) -> None:
    """Judged from the digits the result would have, before Python spends time computing it."""
    if not (isinstance(base, int) and isinstance(exponent, int)):
        return
    if exponent > 0 and abs(base) > 1 and exponent * math.log10(abs(base)) > math.log10(MAX_NUMBER):
        raise _Limit(f"a number is larger than {MAX_NUMBER:,}")


def _bounded(jinja_filter):
    """The filter, with its result counted; wraps keeps Jinja's pass_* markers."""

    @functools.wraps(jinja_filter)
    def bounded(*args, **kwargs):
        result = jinja_filter(*args, **kwargs)
        _budget.get().spend(result)
        return result

    return bounded


_env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str  # empty when the template is plain text


def _check_names(tree: nodes.Template, part: str) -> None:
    """No tag loads another template, every filter is listed, every name is a merge object
    and every attribute one of its fields."""
    for node in tree.find_all(tuple(LOADING_TAGS)):
        raise RenderError(
            f"{part.capitalize()}, line {node.lineno}: {{% {LOADING_TAGS[type(node)]} %}} "
            "is not available in email templates; write the text in this template.",
            field=part,
        )
    for node in tree.find_all(nodes.Filter):
        if node.name not in FILTERS:
            raise RenderError(
                f"{part.capitalize()}, line {node.lineno}: the filter “{node.name}” cannot be "
                f"used. Filters you can use: {', '.join(FILTERS)}.",
                field=part,
            )
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
        raise RenderError(
            f"{part.capitalize()}, line {node.lineno}: only fields like "
            "{{ candidate.first_name }} may be used.",
            field=part,
        )
    for node in tree.find_all(nodes.Name):
        if id(node) not in attribute_parents:
            raise _unknown(part, node.lineno, node.name)


def _unknown(part: str, line: int, name: str) -> RenderError:
    known = ", ".join(f"{obj}.{field}" for obj, fields in MERGE_FIELDS.items() for field in fields)
    return RenderError(
        f"{part.capitalize()}, line {line}: unknown merge field “{name}”. Known fields: {known}.",
        field=part,
    )


def validate(*, subject: str, body: str) -> None:
    for part, source, limit in (("subject", subject, MAX_SUBJECT), ("body", body, MAX_BODY)):
        if len(source) > limit:
            raise RenderError(
                f"{part.capitalize()} can be at most {limit:,} characters long.", field=part
            )
        try:
            tree = _env.parse(source)
        except TemplateSyntaxError as exc:
            raise RenderError(
                f"{part.capitalize()}, line {exc.lineno}: {exc.message}", field=part
            ) from None
        except RecursionError:
            raise RenderError(f"{part.capitalize()} is nested too deeply.", field=part) from None
        except ValueError:  # the lexer refuses a number literal of thousands of digits
            raise RenderError(
                f"{part.capitalize()} has a number with too many digits.", field=part
            ) from None
        _check_names(tree, part)


def has_formatting(body: str) -> bool:
    rendered = markdown.markdown(html.escape(body, quote=False))
    tags = {tag for tag in ALLOWED_HTML_TAGS if f"<{tag}>" in rendered or f"<{tag} " in rendered}
    return bool(tags - PLAIN_TAGS)


def to_html(text: str) -> str:
    """Markdown to sanitized HTML; merged values are escaped before Markdown sees them."""
    # nl2br: a line break in a template is one in the email (signatures, addresses).
    rendered = markdown.markdown(html.escape(text, quote=False), extensions=["nl2br"])
    return nh3.clean(rendered, tags=ALLOWED_HTML_TAGS, attributes={"a": {"href"}})


def render(*, subject: str, body: str, context: dict) -> Rendered:
    """Validate, then render each part within the limits; any failure is a RenderError."""
    validate(subject=subject, body=body)
    subject_out = " ".join(_render_part("subject", subject, context).split())  # one line
    if len(subject_out) > MAX_SUBJECT:
        raise RenderError(
            f"Subject could not be rendered: it would be longer than {MAX_SUBJECT} characters.",
            field="subject",
        )
    text = _render_part("body", body, context)
    return Rendered(subject_out, text, to_html(text) if has_formatting(body) else "")


UNSUBSCRIBE_QUESTION = "Rather not hear from us about new roles?"
STATUS_LINE = "See where you stand"


def with_unsubscribe(rendered: Rendered, *, body: str, context: dict) -> Rendered:
    """The footer of every email to a candidate: a link to their status page (issue 18), and
    the unsubscribe link the consent page promises in any email. Added after rendering, so no
    template has to remember them; a body that places a link itself keeps its own."""
    text_lines, html_lines = [], []
    if "links.status" not in body:
        url = context["links"]["status"]
        text_lines.append(f"{STATUS_LINE}: {url}")
        html_lines.append(f'<p><a href="{html.escape(url)}">{STATUS_LINE}</a></p>')
    if "links.unsubscribe" not in body:
        url = context["links"]["unsubscribe"]
        text_lines.append(f"{UNSUBSCRIBE_QUESTION} Unsubscribe: {url}")
        # A word to click: the long address would overflow narrow screens.
        link = f'<a href="{html.escape(url)}">Unsubscribe</a>'
        html_lines.append(f"<p>{html.escape(UNSUBSCRIBE_QUESTION)} {link}</p>")
    if not text_lines:
        return rendered
    text = rendered.text.rstrip() + "\n\n" + "\n".join(text_lines) + "\n"
    html_part = rendered.html
    if html_part:
        html_part += "\n" + "\n".join(html_lines)
    return Rendered(rendered.subject, text, html_part)


def _render_part(part: str, source: str, context: dict) -> str:
    """1. Compile in the sandbox. 2. Generate chunk by chunk, counting size and time.
    3. Turn whatever went wrong (a limit, a missing value, any exception the template's own
    arithmetic raised) into a refusal naming the part."""
    token = _budget.set(_Budget(deadline=time.monotonic() + RENDER_SECONDS))
    chunks, size = [], 0
    try:
        for chunk in _env.from_string(source).generate(context):
            size += len(chunk)
            if size > MAX_BODY:
                raise _Limit(f"it would be longer than {MAX_BODY:,} characters")
            _budget.get().spend(None)
            chunks.append(chunk)
    except UndefinedError as exc:
        raise RenderError(f"A merge field has no value: {exc.message}", field=part) from None
    except Exception as exc:  # noqa: BLE001 -- template text is data; no crash may escape
        reason = str(exc)[:200] or type(exc).__name__
        raise RenderError(
            f"{part.capitalize()} could not be rendered: {reason}.", field=part
        ) from None
    finally:
        _budget.reset(token)
    return "".join(chunks)


def sample_context() -> dict:
    """What a template is rendered with when saved: everyday values for every merge field."""
    return {
        "candidate": {
            "first_name": "Alex",
            "last_name": "Sample",
            "name": "Alex Sample",
            "email": "alex.sample@example.com",
            "current_title": "Software Engineer",
            "current_company": "Example Corp",
            "location": "Lisbon, Portugal",
        },
        "job": {"title": "Backend Engineer", "department": "Engineering", "location": "Remote"},
        "recruiter": {
            "name": "Sam Recruiter",
            "first_name": "Sam",
            "last_name": "Recruiter",
            "email": "sam@example.com",
        },
        "company": {"name": settings.COMPANY_NAME, "site_url": settings.SITE_URL},
        "links": {
            "keep_in_touch": f"{settings.SITE_URL}/keep-in-touch/sample/",
            "unsubscribe": f"{settings.SITE_URL}/unsubscribe/sample/",
            "status": f"{settings.SITE_URL}/status/sample/",
        },
        "interview": {
            "recipient": "Alex",
            "title": "Technical interview",
            "when": "Tuesday 15 December, 10:00–11:00 (Europe/Berlin)",
            "location": "Office, room 2",
            "video_url": "https://meet.example.com/abc-defg",
            "interviewers": "Sam Recruiter, Kim Engineer",
            "kit_link": f"{settings.SITE_URL}/interviews/1/kit/",
            "note": "Bring a laptop if you like.",
            "hear_back_by": "Monday 21 December",
        },
        "offer": {
            "title": "Senior Backend Engineer",
            "salary": "85,000",
            "currency": "EUR",
            "pay_period": "per year",
            "start_date": "Monday 1 February 2027",
            "expires_on": "Friday 15 January 2027",
        },
    }


def merge_context(
    *, candidate, job=None, recruiter=None, to_email: str = "", pool=None, interview=None
) -> dict:
    """The only values templates can reach, as plain dicts. `interview`: the invite's fields,
    already formatted for the recipient."""
    links = {
        # Without a pool to join, the invitation has nowhere to lead: it renders empty.
        "keep_in_touch": keep_in_touch_url(candidate_id=candidate.pk, pool_id=pool.pk)
        if pool
        else "",
        "unsubscribe": unsubscribe_url(candidate_id=candidate.pk),
        "status": status_url(candidate.pk),
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
        "interview": dict.fromkeys(MERGE_FIELDS["interview"], "") | (interview or {}),
        "offer": dict.fromkeys(MERGE_FIELDS["offer"], ""),
    }
