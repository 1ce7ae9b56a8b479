"""Keyset paging for API lists (candidates, interviews): at a million candidates an exact
count and a deep offset each cost more than the page, so a list counts up to a cap and hands
out a `next` link that starts after the last row shown (by a time, then id)."""

import base64
import binascii
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

from ghostless.api.schemas import MAX_OFFSET, PAGE_LIMIT_MAX, Text200
from ghostless.candidates.paging import DEFAULT_CAP
from ghostless.core.errors import DomainError


def cursor_after(row, key: str = "created_at") -> str:
    value = f"{getattr(row, key).isoformat()}|{row.pk}"
    return base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")


def _rows_after(cursor: str, key: str = "created_at", descending: bool = True) -> Q:
    try:
        value = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = value.split("|")
        moment, pk = datetime.fromisoformat(moment), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise DomainError(
            "That cursor is not one this list gave out; follow the `next` link as given.",
            field="cursor",
        ) from None
    if moment.tzinfo is None:
        raise DomainError("That cursor is not one this list gave out.", field="cursor")
    beyond = "lt" if descending else "gt"
    return Q(**{f"{key}__{beyond}": moment}) | Q(**{key: moment, f"pk__{beyond}": pk})


class KeysetPage(PaginationBase):
    """`?limit=` and `?cursor=` (from `next`); `?offset=` is still served, without a cursor.
    Rows come ordered by `KEY` then id (newest first unless `DESCENDING` is False)."""

    KEY = "created_at"
    DESCENDING = True

    class Input(Schema):
        limit: int = Field(25, ge=1)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
        cursor: Text200 = ""

    class Output(Schema):
        items: list[Any]
        count: int
        capped: bool
        next: str | None

    def paginate_queryset(
        self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict:
        limit = min(pagination.limit, PAGE_LIMIT_MAX)
        rows, offset = queryset, pagination.offset
        if pagination.cursor:
            if offset:
                raise DomainError("Send either a cursor or an offset, not both.", field="offset")
            rows = rows.filter(_rows_after(pagination.cursor, self.KEY, self.DESCENDING))
        items = list(rows[offset : offset + limit + 1])
        matches = queryset.order_by().values("pk")[: DEFAULT_CAP + 1].count()
        return {
            "items": items[:limit],
            "count": min(matches, DEFAULT_CAP),
            "capped": matches > DEFAULT_CAP,
            "next": self._next(request, items[limit - 1]) if len(items) > limit else None,
        }

    def _next(self, request: HttpRequest, last) -> str:
        query = request.GET.copy()
        query.pop("offset", None)
        query["cursor"] = cursor_after(last, self.KEY)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
