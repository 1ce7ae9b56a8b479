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
        parts = [p.strip() for p in line.split("|")]
        if len(parts) < 2 or len(parts) > 3:
            raise _error(number, "write it as kind | label, or kind | label | choices")
        kind, label = parts[0].lower(), parts[1]
        if kind not in QuestionKind.values:
            kinds = ", ".join(QuestionKind.values)
            raise _error(number, f"“{parts[0]}” is not a kind; use {kinds}")
        required = label.endswith("*")
        label = label.rstrip("*").strip()
        if not label:
            raise _error(number, "the question needs a label")
        if len(label) > 300:
            raise _error(number, "keep the label under 300 characters")
        choices = [c.strip() for c in parts[2].split(",") if c.strip()] if len(parts) == 3 else []
        if kind == QuestionKind.CHOICE and len(choices) < 2:
            raise _error(number, "a choice question needs at least two choices")
        if kind != QuestionKind.CHOICE and choices:
            raise _error(number, "only choice questions take choices")
        if any(q["label"].lower() == label.lower() for q in questions):
            raise _error(number, f"“{label}” is asked twice")
        questions.append({"label": label, "kind": kind, "choices": choices, "required": required})
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


def _error(number: int, why: str) -> DomainError:
    return DomainError(f"Questions, line {number}: {why}.", field="questions")
