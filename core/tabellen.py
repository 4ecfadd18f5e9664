"""Tables as CSV or Excel files, safe to open in a spreadsheet.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return could
run as a formula when the file is opened (CSV injection). `tabel_exporteren` is the
one way the portal writes such a file: in CSV such a cell gets a leading single
quote (as OWASP advises), in Excel it is stored as a string cell, never a formula.
Numbers stay numbers: a negative amount is a number, and a text that is just a
number ("-12.50") cannot run.

Notation: Dutch (`;` between fields, a decimal comma, dates as dd-mm-jjjj, which
Dutch Excel reads as numbers and dates) or international (`,`, a decimal point,
ISO dates). In Excel, amounts (Decimal) get a euro format and dates a date format.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal

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

NL, INTERNATIONAAL = "nl", "internationaal"
EURO_FORMAAT = '"€" #,##0.00;-"€" #,##0.00'
DATUM_FORMAAT = "dd-mm-yyyy"


def is_formule(waarde) -> bool:
    """Whether a spreadsheet could read this cell as a formula."""
    return (
        isinstance(waarde, str)
        and waarde.startswith(FORMULE_TEKENS)
        and not _GETAL.match(waarde)
    )


def _tekst(waarde, notatie: str):
    if isinstance(waarde, Decimal):
        tekst = f"{waarde:.2f}"
        return tekst.replace(".", ",") if notatie == NL else tekst
    if isinstance(waarde, date):
        return f"{waarde:%d-%m-%Y}" if notatie == NL else waarde.isoformat()
    if waarde is None:
        return ""
    return f"'{waarde}" if is_formule(waarde) else waarde


def _csv(data: tablib.Dataset, notatie: str) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(
        uit, delimiter=";" if notatie == NL else ",", lineterminator="\r\n"
    )
    for rij in [data.headers or [], *data]:
        schrijver.writerow([_tekst(w, notatie) for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")  # a BOM: Excel reads accents


def _cel(waarde):
    if isinstance(waarde, Decimal):
        return float(waarde)
    if isinstance(waarde, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", waarde)
    return waarde


def _xlsx(data: tablib.Dataset) -> bytes:
    boek = Workbook()
    blad = boek.active
    blad.title = (data.title or "Blad1")[:31]
    rijen = [data.headers, *data] if data.headers else list(data)
    for nummer, rij in enumerate(rijen, start=1):
        blad.append([_cel(w) for w in rij])
        # blad.cell is a lookup; blad[blad.max_row] scans every cell (quadratic).
        for kolom, waarde in enumerate(rij, start=1):
            cel = blad.cell(row=nummer, column=kolom)
            if is_formule(cel.value):
                cel.data_type = "s"  # openpyxl makes '=…' a formula otherwise
            elif isinstance(waarde, Decimal):
                cel.number_format = EURO_FORMAAT
            elif isinstance(waarde, date):
                cel.number_format = DATUM_FORMAAT
    if data.headers:
        for cel in blad[1]:
            cel.font = Font(bold=True)
        blad.freeze_panes = "A2"
        for kolom, kop in zip(blad.columns, data.headers, strict=False):
            breedte = max(12, len(str(kop)) + 2)
            blad.column_dimensions[kolom[0].column_letter].width = breedte
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def tabel_exporteren(
    data: tablib.Dataset, formaat: str, notatie: str = INTERNATIONAAL
) -> bytes:
    """`data` as the bytes of a CSV or XLSX file (`formaat`, a key of FORMATEN);
    `notatie` (NL or INTERNATIONAAL) shapes the CSV."""
    if formaat == "csv":
        return _csv(data, notatie)
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
