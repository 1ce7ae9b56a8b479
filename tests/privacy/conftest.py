import pytest


@pytest.fixture(autouse=True)
def _texts_as_files(settings, tmp_path):
    """The person the no-trace tests build is texted: as files in a folder of the test's own,
    at any hour (quiet hours would hold the text)."""
    settings.SMS_URL, settings.SMS_QUIET_HOURS = "", ""
    settings.SMS_FILE_PATH = tmp_path / "sms"
