"""One error type for the domain; the web and API layers each map it once."""


class DomainError(Exception):
    """A rule of the domain refused the request. `field` names the input at fault, if any."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None, **extra):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra

    def as_json(self) -> dict:
        body = {"detail": self.message}
        if self.field:
            body["field"] = self.field
        return body | self.extra


class Conflict(DomainError):
    """The request collides with what exists (a duplicate email, an existing application)."""

    status = 409


class PermissionDenied(DomainError):
    """The user may see the object but not do this to it."""

    status = 403
