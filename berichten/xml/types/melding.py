"""WMO305 Start and WMO307 Stop (aanbieder -> gemeente) and their retours 306/308."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from berichten.xml.types.common import (
    Geboortedatum,
    Header,
    Product,
    RetourHeader,
    VerkorteNaam,
    model,
)


@model
class ClientPersoon:
    """The Client data 305, 307 and 315 share: Bsn, Geboortedatum, Geslacht, Naam."""

    bsn: str
    geboortedatum: Geboortedatum
    geslacht: str
    naam: VerkorteNaam


@model
class StartProduct:
    toewijzing_nummer: int | None = None
    product: Product | None = None
    toewijzing_ingangsdatum: date | None = None
    begindatum: date
    status_aanlevering: str


@model
class StopProduct(StartProduct):
    reden_beeindiging: str
    einddatum: date


@model
class StartClient(ClientPersoon):
    start_producten: list[StartProduct]


@model
class StopClient(ClientPersoon):
    stop_producten: list[StopProduct]


@model
class StartProductRetour(StartProduct):
    retourcodes: list[str]


@model
class StopProductRetour(StopProduct):
    retourcodes: list[str]


@model
class StartClientRetour(StartClient):
    start_producten: list[StartProductRetour]  # type: ignore[assignment]
    retourcodes: list[str]


@model
class StopClientRetour(StopClient):
    stop_producten: list[StopProductRetour]  # type: ignore[assignment]
    retourcodes: list[str]


@model
class Wmo305:
    BERICHT: ClassVar[str] = "WMO305"
    BERICHTCODE: ClassVar[str] = "418"
    header: Header
    client: StartClient


@model
class Wmo306:
    BERICHT: ClassVar[str] = "WMO306"
    BERICHTCODE: ClassVar[str] = "419"
    header: RetourHeader
    client: StartClientRetour | None = None


@model
class Wmo307:
    BERICHT: ClassVar[str] = "WMO307"
    BERICHTCODE: ClassVar[str] = "420"
    header: Header
    client: StopClient


@model
class Wmo308:
    BERICHT: ClassVar[str] = "WMO308"
    BERICHTCODE: ClassVar[str] = "421"
    header: RetourHeader
    client: StopClientRetour | None = None
