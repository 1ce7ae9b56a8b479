"""A paginator whose count stops at a cap: counting every match of a broad filter over a
million candidates costs more than the page itself, and nobody reads past "1,000+"."""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

DEFAULT_CAP = 1000


class CappedPage(Page):
    """A page of a list longer than the cap: it knows whether another follows, not how many."""

    def has_next(self) -> bool:
        return self.paginator.more_after(self.number)

    def next_page_number(self) -> int:
        return self.number + 1


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows. Past the cap the page count is unknown: a page reads one
    row ahead to know whether another follows, and a number past the end falls back to the
    true last page (the only case that counts every row)."""

    def __init__(self, object_list, per_page, *, cap: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = DEFAULT_CAP if cap is None else cap
        self._rows: dict[int, list] = {}

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.cap

    def validate_number(self, number) -> int:
        if not self.capped:
            return super().validate_number(number)
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1 or (number > 1 and not self._page_rows(number)):
            raise EmptyPage("That page contains no results")
        return number

    def get_page(self, number) -> Page:
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            if self.capped:
                if int(number) < 1:
                    return self.page(1)
                self.__dict__["count"] = self.object_list.count()
                self.cap = self.count
            return self.page(self.num_pages)

    def page(self, number) -> Page:
        if not self.capped:
            return super().page(number)
        number = self.validate_number(number)
        return CappedPage(self._page_rows(number)[: self.per_page], number, self)

    def _page_rows(self, number: int) -> list:
        """The page's rows plus one: the extra row says another page follows."""
        if number not in self._rows:
            bottom = (number - 1) * self.per_page
            self._rows[number] = list(self.object_list[bottom : bottom + self.per_page + 1])
        return self._rows[number]

    def more_after(self, number: int) -> bool:
        return len(self._page_rows(number)) > self.per_page
