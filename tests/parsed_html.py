"""Pages read as a person reads them: elements found by tag and attributes in the parsed HTML,
their text with the whitespace collapsed. Assert through these where the markup is incidental
(`"Screen" in texts(page, "span", class_="badge")`, not `'<span class="badge">Screen'`), so a
reordered attribute or a line break in a template breaks no test. Escaping and exact attribute
values are about the markup itself: check those on the raw text.

    from tests.parsed_html import definitions, find, texts
"""

from lxml import html as lxml_html
from lxml.html import HtmlElement


def parse(page) -> HtmlElement:
    """A test client response, bytes, text or an element found earlier; a fragment (an htmx
    partial) parses as well as a whole page."""
    if isinstance(page, HtmlElement):
        return page
    content = getattr(page, "content", page)
    if isinstance(content, bytes):
        content = content.decode()
    return lxml_html.document_fromstring(content)


def find_all(page, tag: str = "*", **attrs) -> list[HtmlElement]:
    """Elements named `tag` with these attributes: `class_="badge"` is one class among any,
    `data_id="3"` the attribute `data-id`, and `True` any value."""
    conditions, values = [], {}
    for n, (name, value) in enumerate(attrs.items()):
        attribute = name.rstrip("_").replace("_", "-")
        if value is True:
            conditions.append(f"[@{attribute}]")
        elif attribute == "class":
            conditions.append(
                f"[contains(concat(' ', normalize-space(@class), ' '), concat(' ', $v{n}, ' '))]"
            )
        else:
            conditions.append(f"[@{attribute}=$v{n}]")
        values[f"v{n}"] = "" if value is True else str(value)
    return parse(page).xpath(f".//{tag}{''.join(conditions)}", **values)


def find(page, tag: str = "*", **attrs) -> HtmlElement:
    """The first such element; fails the test, naming what was looked for, when there is none."""
    found = find_all(page, tag, **attrs)
    assert found, f"no <{tag}> with {attrs} on the page"
    return found[0]


def text(element: HtmlElement) -> str:
    """What the element reads as, tags dropped and whitespace collapsed."""
    return " ".join(element.text_content().split())


def texts(page, tag: str = "*", **attrs) -> list[str]:
    """The text of every such element, in page order."""
    return [text(element) for element in find_all(page, tag, **attrs)]


def definitions(page) -> dict[str, str]:
    """A page's description lists (`<dt>term</dt><dd>value</dd>`) as term -> value."""
    return {text(dt): text(dd) for dt in find_all(page, "dt") if (dd := dt.getnext()) is not None}
