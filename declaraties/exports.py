"""The work list of rejected lines as CSV or Excel (tablib); the BSN stays masked."""

from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

import tablib

from core import tabellen
from core.privacy import mask_bsn
from declaraties.models import Prestatie
from declaraties.weergave import retourcodes

KOLOMMEN = [
    "Declaratienummer",
    "Gemeente",
    "Cliënt",
    "BSN",
    "Toewijzingnummer",
    "Product",
    "Periode van",
    "Periode tot en met",
    "Bedrag (EUR)",
    "Retourcode",
    "Betekenis",
    "Wat te doen",
]

FORMATEN = tabellen.FORMATEN


def afgekeurde_regels(regels: Iterable[Prestatie]) -> tablib.Dataset:
    """One row per line; a line with more codes has them joined by ' / '."""
    data = tablib.Dataset(headers=KOLOMMEN, title="Afgekeurde regels")
    for p in regels:
        codes = retourcodes(p)
        data.append(
            [
                p.declaratie.declaratie_nummer,
                p.declaratie.gemeente.naam,
                p.client.naam if p.client else "",
                mask_bsn(p.bsn),
                p.toewijzing_nummer,
                f"{p.product_categorie}/{p.product_code}",
                p.begindatum,
                p.einddatum,
                Decimal(p.bedrag) / 100,
                " / ".join(c.code for c in codes),
                " / ".join(c.tekst for c in codes),
                " / ".join(c.hint for c in codes),
            ]
        )
    return data


def download(data: tablib.Dataset, formaat: str, naam: str) -> HttpResponse:
    """`data` as a file; `formaat` is a key of FORMATEN."""
    inhoud = tabellen.tabel_exporteren(data, formaat)  # formulas neutralised
    response = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    bestand = f"{naam}-{timezone.localdate():%Y%m%d}.{formaat}"
    response["Content-Disposition"] = f'attachment; filename="{bestand}"'
    return response
