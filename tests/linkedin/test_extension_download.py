"""The extension as a zip from the settings page, and the bookmarklet beside it."""

import io
import json
import zipfile
from urllib.parse import unquote

from ghostless.front.linkedin import EXTENSION_DIR


def _download(client):
    response = client.get("/settings/linkedin-extension.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="ghostless-linkedin-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_zip_holds_a_manifest_v3_extension_for_chromium_and_firefox(recruiter_client):
    archive = _download(recruiter_client)
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["manifest_version"] == 3
    assert manifest["browser_specific_settings"]["gecko"]["id"]
    background = manifest["background"]
    assert background["service_worker"] in names  # Chromium
    assert set(background["scripts"]) <= names  # Firefox
    assert {manifest["action"]["default_popup"], manifest["options_ui"]["page"]} <= names
    assert "reader.js" in names
    # Only what it needs: the tab clicked on, LinkedIn to read profiles, its own settings.
    assert set(manifest["permissions"]) == {"activeTab", "scripting", "storage"}
    assert manifest["host_permissions"] == ["https://*.linkedin.com/*"]


def test_the_zip_is_the_folder_as_it_is(recruiter_client):
    archive = _download(recruiter_client)
    on_disk = {p.name for p in EXTENSION_DIR.iterdir() if p.is_file()}
    assert set(archive.namelist()) == on_disk
    assert archive.read("popup.js") == (EXTENSION_DIR / "popup.js").read_bytes()


def test_hiring_managers_and_visitors_do_not_get_it(manager_client, client):
    assert manager_client.get("/settings/linkedin-extension.zip").status_code == 404
    assert client.get("/settings/linkedin-extension.zip").status_code == 302


def test_settings_offer_the_download_and_the_bookmarklet(recruiter_client):
    page = recruiter_client.get("/settings/")
    html = page.content.decode()
    assert 'href="/settings/linkedin-extension.zip"' in html
    start = html.index('class="button bookmarklet" href="') + len(
        'class="button bookmarklet" href="'
    )
    href = html[start : html.index('"', start)].replace("&amp;", "&").replace("&#x27;", "'")
    assert href.startswith("javascript:")
    script = unquote(href.removeprefix("javascript:"))
    assert "http://testserver/capture/" in script
    assert "linkedin_url" in script and "getSelection" in script
    assert "\n" not in script and "// " not in script


def test_hiring_managers_are_not_offered_it(manager_client):
    assert "linkedin-extension.zip" not in manager_client.get("/settings/").content.decode()
