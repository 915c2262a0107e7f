"""Cells for the CSV and XLSX files the portal writes (board exports, staff exports): text people
wrote never becomes a formula, dates read the same everywhere, and the writers keep memory flat
(CSV streamed, XLSX in openpyxl's write-only mode)."""

import csv
from collections.abc import Iterable, Iterator

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value):
    """Text people wrote never becomes a spreadsheet formula (CSV/formula injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value):
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d %H:%M")
    return safe_text(value)


def xlsx_cell(value):
    if hasattr(value, "tzinfo") and value.tzinfo:
        return value.replace(tzinfo=None)
    return safe_text(value)


class Echo:
    """A file-like object that hands back what is written (for StreamingHttpResponse)."""

    def write(self, value):
        return value


def csv_lines(headers, rows: Iterable[Iterable]) -> Iterator[str]:
    """A CSV file piece by piece: a BOM (Excel then reads UTF-8 accents), the header, the rows."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    yield writer.writerow([str(header) for header in headers])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def write_xlsx(sheets, out) -> None:
    """A workbook of (title, headers, rows) sheets in write-only mode (constant memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(str(title)[:31])
        cells = []
        for label in headers:
            cell = WriteOnlyCell(sheet, value=str(label))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        for row in rows:
            sheet.append([xlsx_cell(value) for value in row])
    workbook.save(out)
