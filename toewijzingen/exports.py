"""The rows of the toewijzingen and cliënten exports (core/lijstexport.py): Dutch
column names, dates as dates, amounts in euros, the BSN masked as in the lists."""

from collections.abc import Iterable
from decimal import Decimal

import tablib

from core import codelijsten
from core.privacy import mask_bsn
from toewijzingen.constants import ToewijzingStatus

TOEWIJZINGEN = [
    "Toewijzingnummer",
    "Cliënt",
    "BSN",
    "Gemeente",
    "Aanbieder",
    "Product",
    "Ingangsdatum",
    "Einddatum",
    "Volume",
    "Eenheid",
    "Frequentie",
    "Budget (EUR)",
    "Status",
]
CLIENTEN = ["Naam", "BSN", "Geboortedatum", "Gemeente", "Actuele toewijzingen"]


def _euro(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def toewijzingen(rijen: Iterable) -> tablib.Dataset:
    data = tablib.Dataset(headers=TOEWIJZINGEN, title="Toewijzingen")
    for t in rijen:
        data.append(
            [
                t.toewijzing_nummer,
                t.client.naam,
                mask_bsn(t.client.bsn),
                t.gemeente.naam,
                t.aanbieder.naam,
                f"{t.product.categorie}/{t.product.code} {t.product.omschrijving}",
                t.ingangsdatum,
                t.einddatum,
                t.volume,
                codelijsten.omschrijving(codelijsten.EENHEID, t.eenheid)
                if t.eenheid
                else "",
                codelijsten.omschrijving(codelijsten.FREQUENTIE, t.frequentie)
                if t.frequentie
                else "",
                _euro(t.budget),
                ToewijzingStatus(t.status).label,
            ]
        )
    return data


def clienten(rijen: Iterable) -> tablib.Dataset:
    data = tablib.Dataset(headers=CLIENTEN, title="Cliënten")
    for c in rijen:
        data.append(
            [
                c.naam,
                mask_bsn(c.bsn),
                c.geboortedatum,
                c.gemeente.naam,
                c.aantal_actueel,
            ]
        )
    return data
