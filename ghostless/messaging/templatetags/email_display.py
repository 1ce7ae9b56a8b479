"""Showing received email: quoted history folded away, so the new words come first, and no
image fetched from the sender's servers until a person asks (a remote image is a read receipt
for the sender: a tracking pixel)."""

import re
from dataclasses import dataclass

import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# "On Tue, 4 Mar 2025 at 10:00, Rita Reyes <rita@example.com> wrote:", as mail clients write it.
WROTE_RE = re.compile(r"^\s*On\b.{0,300}\bwrote:\s*$", re.IGNORECASE)
HTML_WROTE_RE = re.compile(r"\bOn\b[^<>]{0,300}?\bwrote:", re.IGNORECASE)
BLOCKQUOTE_RE = re.compile(r"<blockquote\b", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    text: str | SafeString
    quoted: bool


def fold_text(text: str) -> list[Block]:
    """Consecutive lines starting with ">" become one quoted block; from an "On ... wrote:"
    line on, everything is quoted. Order is kept, so inline replies still read right."""
    blocks: list[Block] = []
    lines = text.splitlines()
    run: list[str] = []
    run_quoted = False
    for index, line in enumerate(lines):
        if WROTE_RE.match(line):
            if run:
                blocks.append(Block("\n".join(run).strip("\n"), run_quoted))
            rest = "\n".join(lines[index:])
            if blocks and blocks[-1].quoted:
                rest = f"{blocks.pop().text}\n{rest}"
            blocks.append(Block(rest, True))
            return [b for b in blocks if b.text.strip()]
        quoted = line.lstrip().startswith(">")
        if run and quoted != run_quoted:
            blocks.append(Block("\n".join(run).strip("\n"), run_quoted))
            run = []
        run_quoted = quoted
        run.append(line)
    if run:
        blocks.append(Block("\n".join(run).strip("\n"), run_quoted))
    return [b for b in blocks if b.text.strip()]


def fold_html(html: str) -> list[Block]:
    """Split sanitized HTML where the quoted history starts (an "On ... wrote:" line or the
    first <blockquote>). Each half is cleaned again, which also closes the elements the cut
    left open, so both are well-formed and still sanitized."""
    starts = [m.start() for m in (HTML_WROTE_RE.search(html), BLOCKQUOTE_RE.search(html)) if m]
    if not starts:
        return [Block(mark_safe(html), False)]  # noqa: S308 — already cleaned by nh3 on receipt
    cut = min(starts)
    # nh3 output; marked safe so Django does not escape it twice.
    main, quoted = (mark_safe(nh3.clean(part)) for part in (html[:cut], html[cut:]))  # noqa: S308
    return [b for b in (Block(main, False), Block(quoted, True)) if b.text.strip()]


REMOTE_SRC = ("http://", "https://", "//")


def strip_images(html: str, *, keep_remote: bool) -> tuple[str, int]:
    """(HTML with image addresses removed, how many there were). With keep_remote, absolute
    http(s) addresses stay; a relative one never does, as it would request a page of ours
    with the reader's cookies. nh3 lets no srcset, style or background through (tests pin it)."""
    found = 0

    def only_kept(tag: str, attribute: str, value: str) -> str | None:
        nonlocal found
        if tag != "img" or attribute != "src":
            return value
        remote = value.strip().lower().startswith(REMOTE_SRC)
        found += remote
        return value if keep_remote and remote else None

    return nh3.clean(html, attribute_filter=only_kept), found


@dataclass(frozen=True)
class EmailView:
    blocks: list[Block]
    images_blocked: int
    sender_domain: str


@register.simple_tag(takes_context=True)
def email_view(context, inbound) -> EmailView:
    """The blocks of a received email: its HTML when it has one (sanitized by nh3 when the
    email arrived), else its text. Remote images load only on `?images=<this email's id>`."""
    domain = inbound.from_email.rpartition("@")[2]
    if not inbound.body_html.strip():
        return EmailView(fold_text(inbound.body_text), 0, domain)
    request = context.get("request")
    shown = request is not None and request.GET.get("images") == str(inbound.pk)
    html, found = strip_images(inbound.body_html, keep_remote=shown)
    return EmailView(fold_html(html), 0 if shown else found, domain)
