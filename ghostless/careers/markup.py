"""Job descriptions as sanitised HTML for the careers pages."""

import re

from ghostless.messaging.rendering import to_html

# Markdown wants a blank line before a list; people type "What you will do:" and the
# bullets straight under it, which Markdown would fold into one paragraph.
LIST_AFTER_TEXT = re.compile(r"^(?!\s*(?:[-*+]|\d+\.)\s)(\S.*)\n(?=\s*(?:[-*+]|\d+\.)\s)", re.M)


def description_html(text: str) -> str:
    """Markdown escaped first, then rendered and cleaned by nh3 (see `to_html`)."""
    return to_html(LIST_AFTER_TEXT.sub(r"\1\n\n", text))
