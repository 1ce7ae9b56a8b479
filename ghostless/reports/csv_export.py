"""CSV that streams: rows are written as the database yields them, in constant memory."""

import csv
from collections.abc import Iterable

from django.http import HttpRequest, StreamingHttpResponse


class _Echo:
    """A file-like object whose write returns the line, for csv.writer to hand back."""

    def write(self, value: str) -> str:
        return value


def wants_csv(request: HttpRequest) -> bool:
    if request.GET.get("format") == "csv":
        return True
    return "text/csv" in request.headers.get("Accept", "")


def csv_response(filename: str, header: list[str], rows: Iterable) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
