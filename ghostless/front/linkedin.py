"""LinkedIn in one click, the parts Ghostless serves: the browser extension as a zip (built
from its folder, `front/static/extension/`, on each download: no build step) and the
bookmarklet, a `javascript:` link made of the extension's own page reader."""

import io
import json
import zipfile
from pathlib import Path
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from ghostless.core.web import require_recruiter

EXTENSION_DIR = Path(__file__).parent / "static" / "extension"
# A fixed time for every member, so the same folder always gives the same bytes.
ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def extension_version() -> str:
    return json.loads((EXTENSION_DIR / "manifest.json").read_text())["version"]


def extension_zip() -> bytes:
    """The unpacked extension, manifest at the root, as browsers load it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(EXTENSION_DIR.rglob("*")):
            if path.is_file():
                member = zipfile.ZipInfo(path.relative_to(EXTENSION_DIR).as_posix(), ZIP_TIME)
                member.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(member, path.read_bytes())
    return buffer.getvalue()


@require_GET
def extension_download(request: HttpRequest) -> HttpResponse:
    # It adds candidates, which is for recruiters: the others are not offered it.
    require_recruiter(request, hide_page=True)
    response = HttpResponse(extension_zip(), content_type="application/zip")
    name = f"ghostless-linkedin-{extension_version()}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def bookmarklet(capture_url: str) -> str:
    """`javascript:` that reads the page as the extension does (reader.js, its comment lines
    dropped, on one line) and opens the capture page with what it read."""
    lines = (EXTENSION_DIR / "reader.js").read_text().splitlines()
    reader = " ".join(line.strip() for line in lines if not line.strip().startswith("//"))
    reader = reader.strip().removesuffix(";")
    script = (
        f"(()=>{{const read={reader};"
        f"window.open({json.dumps(capture_url)}+'?'+new URLSearchParams(read),'_blank');}})();"
    )
    return "javascript:" + quote(script, safe="()=>{};,.:'/+?&!*[]|-_~")


def bookmarklet_for(request: HttpRequest) -> str:
    return bookmarklet(request.build_absolute_uri(reverse("capture")))
