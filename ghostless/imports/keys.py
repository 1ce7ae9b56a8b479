"""The in-file duplicate check's memory: the contact keys of the rows read so far in a phase,
in the database (ImportKey), one read and one write per batch."""

from hashlib import blake2b

from ghostless.imports.models import ImportJob, ImportKey

Key = tuple[str, str]  # (kind, value), as ParsedRow.keys gives them


def _digest(key: Key) -> str:
    return blake2b("\x1f".join(key).encode(), digest_size=16).hexdigest()


class SeenKeys:
    def __init__(self, job: ImportJob, phase: str):
        self.job, self.phase = job, phase

    def _mine(self):
        return ImportKey.objects.filter(import_job=self.job, phase=self.phase)

    def earlier(self, keys: set[Key]) -> dict[Key, int]:
        """The row numbers that first carried these keys, for those seen before."""
        by_digest = {_digest(key): key for key in keys}
        found = self._mine().filter(digest__in=list(by_digest)).values_list("digest", "row_number")
        return {by_digest[digest]: number for digest, number in found}

    def remember(self, first_rows: dict[Key, int]) -> None:
        ImportKey.objects.bulk_create(
            [
                ImportKey(import_job=self.job, phase=self.phase, digest=_digest(k), row_number=n)
                for k, n in first_rows.items()
            ],
            batch_size=1000,
        )

    def forget(self) -> None:
        self._mine().delete()
