"""The rows of the berichten export (core/lijstexport.py): what the list shows,
the BSN masked, no message content."""

from collections.abc import Iterable

from django.utils import timezone

import tablib

from berichten.constants import OMSCHRIJVING

KOLOMMEN = [
    "Aangemaakt op",
    "Richting",
    "Bericht",
    "Omschrijving",
    "Identificatie",
    "Gemeente",
    "Aanbieder",
    "BSN",
    "Status",
    "Retour uiterlijk",
]
RICHTING = {"in": "Inkomend", "uit": "Uitgaand"}


def berichten(rijen: Iterable) -> tablib.Dataset:
    data = tablib.Dataset(headers=KOLOMMEN, title="Berichten")
    for b in rijen:
        data.append(
            [
                timezone.localtime(b.aangemaakt_op).strftime("%d-%m-%Y %H:%M"),
                RICHTING.get(b.richting, b.richting),
                b.bericht_type,
                OMSCHRIJVING.get(b.bericht_type, ""),
                b.identificatie,
                b.gemeente.naam if b.gemeente else "",
                b.aanbieder.naam if b.aanbieder else "",
                b.bsn_gemaskeerd,
                b.get_status_display(),
                b.retour_uiterlijk,
            ]
        )
    return data
