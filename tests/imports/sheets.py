"""Spreadsheets for the import tests, generated: known new people, known matches of existing
candidates, known duplicates inside the file and known broken rows."""

import csv
import io

from openpyxl import Workbook

HEADER = ["First name", "Last name", "E-mail", "Phone", "Company", "Tags", "LinkedIn"]


def people_rows(count: int, *, start: int = 0) -> list[list[str]]:
    return [
        [
            f"Person{n}",
            f"Family{n}",
            f"person{n}@example.org",
            f"+1 212 555 {n % 10000:04d}" if n % 3 == 0 else "",
            f"Company {n % 50}",
            "imported, batch" if n % 2 else "",
            f"https://www.linkedin.com/in/person{n}/" if n % 5 == 0 else "",
        ]
        for n in range(start, start + count)
    ]


def csv_bytes(rows: list[list[str]], *, header=HEADER, encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list], *, header=HEADER) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
