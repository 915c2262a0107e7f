"""Readers of open-data catalogues of funding calls: each turns a file into `CallRecord`s, the
catalogue's own fields, keeping the source's text beside every parsed number or code.

A reader never writes: `calls.services.imports` compares each record with the call of the same
source id and creates, updates or leaves it. A record the reader cannot make sense of is a
`Refused` with the reason (the others go on); a missing field is simply unknown (None or empty).
Sources: `incentivi` (incentivi.gov.it's JSON export), `sedia` (the EU Funding & Tenders search
API), `padigitale` (PA digitale 2026's "avvisi", JSON or CSV) and `csv` (the file staff keep by
hand, docs/calls-import.md).
"""

from . import csv_source, incentivi, padigitale, sedia
from .records import CallRecord, ImportFileError, Refused

READERS = {
    "incentivi": incentivi.read,
    "sedia": sedia.read,
    "padigitale": padigitale.read,
    "csv": csv_source.read,
}

__all__ = ["READERS", "CallRecord", "ImportFileError", "Refused"]
