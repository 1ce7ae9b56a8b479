"""Showing received email: quoted history folded away, so the new words come first."""

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


@register.filter
def folded(inbound) -> list[Block]:
    """The blocks of a received email: its HTML when it has one, else its text.
    InboundEmail.body_html was sanitized by nh3 when the email arrived."""
    if inbound.body_html.strip():
        return fold_html(inbound.body_html)
    return fold_text(inbound.body_text)
