"""Tables as CSV or Excel files, safe to open in a spreadsheet.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return could
run as a formula when the file is opened (CSV injection). `tabel_exporteren` is the
one way the portal writes such a file: in CSV such a cell gets a leading single
quote (as OWASP advises), in Excel it is stored as a string cell, never a formula.
Numbers stay numbers: a negative amount is a number, and a text that is just a
number ("-12.50") cannot run.
"""

import csv
import io
import re

import tablib
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?\Z")

FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def is_formule(waarde) -> bool:
    """Whether a spreadsheet could read this cell as a formula."""
    return (
        isinstance(waarde, str)
        and waarde.startswith(FORMULE_TEKENS)
        and not _GETAL.match(waarde)
    )


def _csv(data: tablib.Dataset) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    for rij in [data.headers or [], *data]:
        schrijver.writerow(
            ["" if w is None else f"'{w}" if is_formule(w) else w for w in rij]
        )
    return ("\ufeff" + uit.getvalue()).encode("utf-8")  # a BOM: Excel reads accents


def _xlsx(data: tablib.Dataset) -> bytes:
    boek = Workbook()
    blad = boek.active
    blad.title = (data.title or "Blad1")[:31]
    rijen = [data.headers, *data] if data.headers else list(data)
    for rij in rijen:
        blad.append(
            [
                ILLEGAL_CHARACTERS_RE.sub("\ufffd", w) if isinstance(w, str) else w
                for w in rij
            ]
        )
        for cel in blad[blad.max_row]:
            if is_formule(cel.value):
                cel.data_type = "s"  # openpyxl makes '=…' a formula otherwise
    if data.headers:
        for cel in blad[1]:
            cel.font = Font(bold=True)
        blad.freeze_panes = "A2"
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def tabel_exporteren(data: tablib.Dataset, formaat: str) -> bytes:
    """`data` as the bytes of a CSV or XLSX file (`formaat`, a key of FORMATEN)."""
    if formaat == "csv":
        return _csv(data)
    if formaat == "xlsx":
        return _xlsx(data)
    raise ValueError(f"Onbekend formaat: {formaat}.")


class VeiligCSV(CSV):
    """django-import-export's CSV, written by `tabel_exporteren`."""

    def export_data(self, dataset, **kwargs) -> str:
        return tabel_exporteren(dataset, "csv").decode("utf-8")


class VeiligXLSX(XLSX):
    """django-import-export's XLSX, written by `tabel_exporteren`."""

    def export_data(self, dataset, **kwargs) -> bytes:
        return tabel_exporteren(dataset, "xlsx")
