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
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import BinaryIO

import tablib
from import_export.formats.base_formats import CSV, XLSX
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULE_TEKENS = ("=", "+", "-", "@", "\t", "\r")
_GETAL = re.compile(r"[+-]?\d+(?:[.,]\d+)?\Z")

FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

NL, INTERNATIONAAL = "nl", "internationaal"
EURO_FORMAAT = '"€" #,##0.00;-"€" #,##0.00'
DATUM_FORMAAT = "dd-mm-yyyy"
VET = Font(bold=True)


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


def _teksten(rij: Sequence, notatie: str) -> list:
    """The cells of a CSV row; plain texts and whole numbers, most cells of a large
    export, pass as they are without a call per cell."""
    return [
        w
        if (type(w) is str and not w.startswith(FORMULE_TEKENS)) or type(w) is int
        else _tekst(w, notatie)
        for w in rij
    ]


def _csv(uit: BinaryIO, kolommen, rijen: Iterable[Sequence], notatie: str) -> None:
    tekst = io.TextIOWrapper(uit, encoding="utf-8", newline="")
    tekst.write("\ufeff")  # a BOM: Excel reads accents
    schrijver = csv.writer(
        tekst, delimiter=";" if notatie == NL else ",", lineterminator="\r\n"
    )
    schrijver.writerow(_teksten(kolommen or [], notatie))
    schrijver.writerows(_teksten(rij, notatie) for rij in rijen)
    tekst.flush()
    tekst.detach()  # `uit` stays open for the caller


def _cel(blad, waarde, *, vet: bool = False):
    """The value as openpyxl writes it: a cell object only where it needs a format
    or a font, or must stay a string."""
    opmaak, tekst = None, False
    if isinstance(waarde, str):
        waarde = ILLEGAL_CHARACTERS_RE.sub("\ufffd", waarde)
        tekst = is_formule(waarde)
    elif isinstance(waarde, Decimal):
        waarde, opmaak = float(waarde), EURO_FORMAAT
    elif isinstance(waarde, date):
        opmaak = DATUM_FORMAAT
    if not (tekst or opmaak or vet):
        return waarde
    cel = WriteOnlyCell(blad, waarde)
    if tekst:
        cel.data_type = "s"  # openpyxl makes '=…' a formula otherwise
    if opmaak:
        cel.number_format = opmaak
    if vet:
        cel.font = VET
    return cel


def _xlsx(uit: BinaryIO, kolommen, rijen: Iterable[Sequence], titel: str) -> None:
    """Write-only: openpyxl streams the rows to a temporary file, so memory stays
    flat however many rows."""
    boek = Workbook(write_only=True)
    blad = boek.create_sheet((titel or "Blad1")[:31])
    if kolommen:
        for nummer, kop in enumerate(kolommen, start=1):
            breedte = max(12, len(str(kop)) + 2)
            blad.column_dimensions[get_column_letter(nummer)].width = breedte
        blad.freeze_panes = "A2"
        blad.append([_cel(blad, kop, vet=True) for kop in kolommen])
    for rij in rijen:
        blad.append([_cel(blad, w) for w in rij])
    boek.save(uit)


def tabel_schrijven(
    uit: BinaryIO,
    kolommen: Sequence[str] | None,
    rijen: Iterable[Sequence],
    formaat: str,
    notatie: str = INTERNATIONAAL,
    titel: str = "",
) -> None:
    """Write a table to the binary file `uit` row by row, as a CSV or XLSX file
    (`formaat`, a key of FORMATEN): `kolommen` as the header row, then `rijen`,
    which may be a generator (memory does not grow with the rows). `notatie` (NL
    or INTERNATIONAAL) shapes the CSV; `titel` names the Excel sheet."""
    if formaat == "csv":
        _csv(uit, kolommen, rijen, notatie)
    elif formaat == "xlsx":
        _xlsx(uit, kolommen, rijen, titel)
    else:
        raise ValueError(f"Onbekend formaat: {formaat}.")


def tabel_exporteren(
    data: tablib.Dataset, formaat: str, notatie: str = INTERNATIONAAL
) -> bytes:
    """`data` as the bytes of a CSV or XLSX file (see `tabel_schrijven`)."""
    uit = io.BytesIO()
    tabel_schrijven(uit, data.headers, data, formaat, notatie, data.title or "")
    return uit.getvalue()


class VeiligCSV(CSV):
    """django-import-export's CSV, written by `tabel_exporteren`."""

    def export_data(self, dataset, **kwargs) -> str:
        return tabel_exporteren(dataset, "csv").decode("utf-8")


class VeiligXLSX(XLSX):
    """django-import-export's XLSX, written by `tabel_exporteren`."""

    def export_data(self, dataset, **kwargs) -> bytes:
        return tabel_exporteren(dataset, "xlsx")
