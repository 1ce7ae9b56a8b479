"""The custom questions editor's text format, one question per line:

    kind | label | choices

kind is short_text, long_text, yes_no or choice; a label ending in "*" is required; choices,
for choice questions only, are separated by commas. Example:

    yes_no | May you work in the EU? *
    choice | How did you hear about us? | Friend, Job board, Meetup
"""

from ghostless.careers.models import QuestionKind
from ghostless.core.errors import DomainError

FORMAT_HELP = (
    "One question per line: kind | label | choices. Kinds: short_text, long_text, yes_no, "
    "choice. End a label with * to make it required. Choices (for choice only) are separated "
    "by commas, e.g. “choice | How did you hear about us? | Friend, Job board”."
)
MAX_QUESTIONS = 30


def parse(text: str) -> list[dict]:
    """Questions as dicts (label, kind, choices, required), or DomainError naming the line."""
    questions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"Questions, line {number}"
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 2 or len(parts) > 3:
            raise _error(where, "write it as kind | label, or kind | label | choices")
        label = parts[1]
        spec = {
            "kind": parts[0],
            "label": label.rstrip("*"),
            "choices": parts[2].split(",") if len(parts) == 3 else [],
            "required": label.endswith("*"),
        }
        questions.append(_checked(spec, questions, where=where))
    return _at_most_enough(questions)


def check_questions(questions: list[dict]) -> list[dict]:
    """Questions given as dicts (an API body, or parse's result), checked by the editor's
    rules and cleaned; a DomainError names the question by its place, from 1."""
    checked: list[dict] = []
    for number, spec in enumerate(questions, start=1):
        checked.append(_checked(spec, checked, where=f"Question {number}"))
    return _at_most_enough(checked)


def _checked(spec: dict, earlier: list[dict], *, where: str) -> dict:
    kind = str(spec["kind"]).strip().lower()
    if kind not in QuestionKind.values:
        kinds = ", ".join(QuestionKind.values)
        raise _error(where, f"“{spec['kind']}” is not a kind; use {kinds}")
    label = spec["label"].strip()
    if not label:
        raise _error(where, "the question needs a label")
    if len(label) > 300:
        raise _error(where, "keep the label under 300 characters")
    choices = [c.strip() for c in spec.get("choices", []) if c.strip()]
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        raise _error(where, "a choice question needs at least two choices")
    if kind != QuestionKind.CHOICE and choices:
        raise _error(where, "only choice questions take choices")
    if any(q["label"].lower() == label.lower() for q in earlier):
        raise _error(where, f"“{label}” is asked twice")
    return {
        "label": label,
        "kind": kind,
        "choices": choices,
        "required": bool(spec.get("required")),
    }


def _at_most_enough(questions: list[dict]) -> list[dict]:
    if len(questions) > MAX_QUESTIONS:
        raise DomainError(f"Ask at most {MAX_QUESTIONS} questions.", field="questions")
    return questions


def as_text(questions) -> str:
    lines = []
    for q in questions:
        line = f"{q.kind} | {q.label}{' *' if q.required else ''}"
        if q.choices:
            line += " | " + ", ".join(q.choices)
        lines.append(line)
    return "\n".join(lines)


def _error(where: str, why: str) -> DomainError:
    return DomainError(f"{where}: {why}.", field="questions")
