"""WMO323 Declaratie and WMO325 Declaratie-antwoord."""

from __future__ import annotations

from dataclasses import field
from datetime import date
from typing import ClassVar

from berichten.xml.types.common import (
    Bedrag,
    DeclaratieAntwoordHeader,
    Header,
    Periode,
    Referentie,
    TotaalBedrag,
    model,
)


@model
class Prestatie:
    product_referentie: Referentie
    toewijzing_nummer: int
    product_categorie: str
    product_code: str
    product_periode: Periode
    geleverd_volume: int
    eenheid: str
    product_tarief: int | None = None
    ingediend_bedrag: Bedrag


@model
class DeclaratieClient:
    bsn: str
    prestaties: list[Prestatie]


@model
class Declaratie:
    declaratie_nummer: str
    declaratie_periode: Periode
    declaratie_dagtekening: date
    totaal_ingediend_bedrag: TotaalBedrag
    clienten: list[DeclaratieClient]


@model
class PrestatieRetour(Prestatie):
    retourcodes: list[str]


@model
class DeclaratieClientRetour(DeclaratieClient):
    prestaties: list[PrestatieRetour]  # type: ignore[assignment]
    retourcodes: list[str]


@model
class DeclaratieAntwoord:
    """Totals of the 323 plus only the rejected Clients and Prestaties."""

    declaratie_nummer: str
    totaal_ingediend_bedrag: TotaalBedrag
    totaal_toegekend_bedrag: TotaalBedrag
    clienten: list[DeclaratieClientRetour] = field(default_factory=list)
    retourcodes: list[str]


@model
class Wmo323:
    BERICHT: ClassVar[str] = "WMO323"
    BERICHTCODE: ClassVar[str] = "484"
    header: Header
    declaratie: Declaratie


@model
class Wmo325:
    BERICHT: ClassVar[str] = "WMO325"
    BERICHTCODE: ClassVar[str] = "485"
    header: DeclaratieAntwoordHeader
    declaratie_antwoord: DeclaratieAntwoord | None = None
