"""Exports of declaraties that open well in Dutch Excel, and the payment file.

CSV: `;` between fields and a decimal comma (Dutch Excel reads it as numbers), dates
as dd-mm-jjjj, with a BOM for the accents; or the international notation (`,` and a
decimal point) on request. Excel: amounts in a euro format, dates as dates. The BSN
stays masked. The payment file (a CSV or a SEPA credit transfer, pain.001, built by
the sepaxml library) pays each aanbieder on the IBAN the declaratie was sent with.
"""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import BinaryIO

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.utils import timezone

import tablib

from core import tabellen
from core.exceptions import ApplicationError
from core.privacy import mask_bsn
from declaraties.constants import DebetCredit
from declaraties.models import Declaratie, Prestatie
from declaraties.selectors import retourcode
from toewijzingen.models import Client

KOLOMMEN = [
    "Declaratienummer",
    "Gemeente",
    "Cliënt",
    "BSN",
    "Toewijzingnummer",
    "Product",
    "Periode van",
    "Periode tot en met",
    "Volume",
    "Eenheid",
    "Bedrag (EUR)",
    "Retourcode",
    "Betekenis",
    "Wat te doen",
]

FORMATEN = {**tabellen.FORMATEN, "xml": "application/xml"}
NL, INTERNATIONAAL = tabellen.NL, tabellen.INTERNATIONAAL


# What a row is built from, read as plain values (no model instances); the id
# keeps two equal lines apart should the list's filters make the query distinct.
_VELDEN = (
    "id",
    "declaratie__declaratie_nummer",
    "declaratie__gemeente__naam",
    "client__voorletters",
    "client__voorvoegsel",
    "client__achternaam",
    "bsn",
    "toewijzing_nummer",
    "product_categorie",
    "product_code",
    "begindatum",
    "einddatum",
    "geleverd_volume",
    "debet_credit",
    "eenheid",
    "ingediend_bedrag",
    # As the JSON text: decoded once per set of codes, not once per line.
    Cast("retourcodes", output_field=TextField()),
)
PER = 2000  # lines per fetch from the database


@lru_cache(maxsize=1024)
def _codes(codes: str) -> tuple[str, str, str]:
    """Code, text and hint of each code of the JSON list `codes`, joined by ' / '
    (once per set of codes)."""
    uitleg = [retourcode(code) for code in json.loads(codes)]
    return (
        " / ".join(c.code for c in uitleg),
        " / ".join(c.tekst for c in uitleg),
        " / ".join(c.hint for c in uitleg),
    )


def afgekeurde_rijen(regels: QuerySet[Prestatie]) -> Iterator[list]:
    """One row (KOLOMMEN) per line of `regels`, in its order; a line with more
    codes has them joined by ' / '. Read in chunks of PER lines as plain values,
    so memory stays flat however long the list."""
    for (
        _id,
        nummer,
        gemeente,
        voorletters,
        voorvoegsel,
        achternaam,
        bsn,
        toewijzing_nummer,
        categorie,
        code,
        begindatum,
        einddatum,
        volume,
        debet_credit,
        eenheid,
        bedrag,
        codes,
    ) in regels.values_list(*_VELDEN).iterator(chunk_size=PER):
        credit = debet_credit == DebetCredit.CREDIT
        yield [
            nummer,
            gemeente,
            Client.naam_van(voorletters, voorvoegsel, achternaam),
            mask_bsn(bsn),
            toewijzing_nummer,
            f"{categorie}/{code}",
            begindatum,
            einddatum,
            -volume if credit else volume,
            eenheid,
            Decimal(-bedrag if credit else bedrag) / 100,
            *_codes(codes),
        ]


def afgekeurde_regels_schrijven(
    uit: BinaryIO, rijen: Iterable[list], formaat: str, notatie: str = NL
) -> None:
    """The rows of `afgekeurde_rijen` as a CSV or XLSX file, written to `uit`."""
    tabellen.tabel_schrijven(
        uit, KOLOMMEN, rijen, formaat, notatie, titel="Afgekeurde regels"
    )


def bestand(data: tablib.Dataset, formaat: str, notatie: str = NL) -> bytes:
    """The one writer (core/tabellen.py): formulas neutralised, Dutch notation."""
    return tabellen.tabel_exporteren(data, formaat, notatie)


def bestandsnaam(naam: str, formaat: str) -> str:
    return f"{naam}-{timezone.localdate():%Y%m%d}.{formaat}"


def download(
    data: tablib.Dataset, formaat: str, naam: str, notatie: str = NL
) -> HttpResponse:
    """`data` as a file; `formaat` is csv or xlsx."""
    response = HttpResponse(
        bestand(data, formaat, notatie), content_type=FORMATEN[formaat]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{bestandsnaam(naam, formaat)}"'
    )
    return response


# --- the payment file for the gemeente's finance system --------------------------------


@dataclass
class Betaling:
    """One payment: an aanbieder on one IBAN, for its approved declaraties."""

    naam: str
    agb_code: str
    iban: str
    bedrag: int = 0  # eurocent, the sum toegekend (credits subtract)
    declaraties: list[str] = field(default_factory=list)

    @property
    def omschrijving(self) -> str:
        return ("Wmo declaratie " + " ".join(self.declaraties))[:140]


def betalingen(declaraties: Iterable[Declaratie]) -> list[Betaling]:
    """Per aanbieder and IBAN as sent with each declaratie (not as it is today)."""
    per: dict[tuple[int, str], Betaling] = {}
    for d in declaraties:
        gegevens = d.factuurgegevens
        betaling = per.setdefault(
            (d.aanbieder_id, gegevens["iban"]),
            Betaling(
                naam=gegevens["naam"],
                agb_code=gegevens["agb_code"],
                iban=gegevens["iban"],
            ),
        )
        betaling.bedrag += d.totaal_toegekend or 0
        betaling.declaraties.append(d.declaratie_nummer)
    return sorted(per.values(), key=lambda b: (b.naam, b.iban))


BETAAL_KOLOMMEN = [
    "Aanbieder",
    "AGB-code",
    "IBAN",
    "Bedrag (EUR)",
    "Declaraties",
    "Omschrijving",
]


def betaallijst(regels: Iterable[Betaling]) -> tablib.Dataset:
    data = tablib.Dataset(headers=BETAAL_KOLOMMEN, title="Betalingen")
    for b in regels:
        data.append(
            [
                b.naam,
                b.agb_code,
                b.iban,
                Decimal(b.bedrag) / 100,
                len(b.declaraties),
                b.omschrijving,
            ]
        )
    return data


def sepa_overboeking(
    regels: Iterable[Betaling], *, gemeente, uitvoerdatum: date
) -> bytes:
    """A SEPA credit transfer (pain.001.001.03), schema-checked by sepaxml.
    Only positive amounts: what an aanbieder owes back is not a transfer."""
    from sepaxml import SepaTransfer

    if not gemeente.betaalrekening:
        raise ApplicationError(
            "Stel eerst de IBAN van de betaalrekening van de gemeente in "
            "(Declaraties → Instellingen).",
            code="betaalrekening",
        )
    overboeking = SepaTransfer(
        {
            "name": gemeente.naam,
            "IBAN": gemeente.betaalrekening,
            "batch": True,
            "currency": "EUR",
        },
        clean=True,
    )
    regels = [b for b in regels if b.bedrag > 0]
    if not regels:
        raise ApplicationError(
            "Er is niets te betalen: geen goedgekeurde declaraties die nog niet in "
            "een betaalbestand stonden.",
            code="niets_te_betalen",
        )
    for nr, b in enumerate(regels, start=1):
        overboeking.add_payment(
            {
                "name": b.naam,
                "IBAN": b.iban,
                "amount": b.bedrag,
                "execution_date": uitvoerdatum,
                "description": b.omschrijving,
                "endtoend_id": f"WMO{b.agb_code}{nr:04d}",
            }
        )
    return overboeking.export(validate=True)
