"""Reading an uploaded spreadsheet row by row, never all of it at once: CSV through the csv
module, XLSX through openpyxl in read-only mode (tablib, which wraps both, loads a whole
sheet into memory; see docs/imports.md)."""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import IO

from django.conf import settings

from ghostless.core.errors import DomainError

# Tried in this order; utf-8-sig before utf-8 so a byte-order mark never ends up in a header.
ENCODINGS = ("utf-8-sig", "utf-8", "cp1252")
CHUNK = 64 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def file_format(name: str, head: bytes) -> str:
    """ "csv" or "xlsx" from the name, checked against the content."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "xlsx":
        if not head.startswith(XLSX_MAGIC):
            raise DomainError("That .xlsx file is not an Excel workbook.", field="file")
        return "xlsx"
    if suffix in ("csv", "txt"):
        if head.startswith(XLSX_MAGIC) or b"\x00" in head:
            raise DomainError(
                "That file is not text: save the sheet as CSV (UTF-8) or upload the .xlsx.",
                field="file",
            )
        return "csv"
    raise DomainError("Upload a .csv or .xlsx file.", field="file")


def _decodes(stream: IO[bytes], encoding: str) -> bool:
    stream.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := stream.read(CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def detect_encoding(stream: IO[bytes]) -> str:
    """The first of ENCODINGS the whole file decodes in, read chunk by chunk."""
    for encoding in ENCODINGS:
        if _decodes(stream, encoding):
            return "utf-8" if encoding == "utf-8-sig" else encoding
    raise DomainError(
        "The file's text encoding is not UTF-8 or Windows-1252: save it as “CSV UTF-8”.",
        field="file",
    )


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\x00", "").strip()


def _csv_rows(stream: IO[bytes], encoding: str) -> Iterator[list[str]]:
    stream.seek(0)
    # utf-8-sig reads plain UTF-8 too, and drops a byte-order mark.
    text = io.TextIOWrapper(
        stream, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline=""
    )
    try:
        sample = text.read(CHUNK)
        text.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        for row in csv.reader(text, dialect):
            # NUL cannot be stored by PostgreSQL and means nothing in a name or address.
            yield [cell.replace("\x00", "").strip() for cell in row]
    finally:
        text.detach()


def _xlsx_rows(stream: IO[bytes]) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    stream.seek(0)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DomainError("That workbook cannot be read.", field="file") from error
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in row]
    finally:
        workbook.close()


def rows(stream: IO[bytes], *, file_format: str, encoding: str = "") -> Iterator[list[str]]:
    """Every row, the header first, as lists of trimmed text."""
    if file_format == "xlsx":
        return _xlsx_rows(stream)
    return _csv_rows(stream, encoding)


def headers_of(row: list[str]) -> list[str]:
    """Header names, made unique and never blank, so a mapping can name each column."""
    names: list[str] = []
    for index, cell in enumerate(row, start=1):
        name = cell.strip() or f"Column {index}"
        base, n = name, 2
        while name in names:
            name, n = f"{base} ({n})", n + 1
        names.append(name)
    while names and names[-1].startswith("Column ") and not row[len(names) - 1].strip():
        names.pop()
    return names


def survey(stream: IO[bytes], *, file_format: str, encoding: str) -> tuple[list[str], int]:
    """The headers and the number of data rows (blank rows not counted), refusing an empty
    file, a file of headers only and one over IMPORT_MAX_ROWS."""
    found = rows(stream, file_format=file_format, encoding=encoding)
    try:
        header = next(r for r in found if any(r))
    except StopIteration:
        raise DomainError("The file is empty: it has no header row.", field="file") from None
    except csv.Error as error:
        raise DomainError(f"The CSV cannot be read: {error}.", field="file") from None
    count = 0
    limit = settings.IMPORT_MAX_ROWS
    try:
        for row in found:
            if any(row):
                count += 1
                if count > limit:
                    raise DomainError(
                        f"The file has more than {limit:,} rows: split it into smaller files.",
                        field="file",
                    )
    except csv.Error as error:
        raise DomainError(f"The CSV cannot be read: {error}.", field="file") from None
    if not count:
        raise DomainError("The file has a header row but no rows under it.", field="file")
    return headers_of(header), count
