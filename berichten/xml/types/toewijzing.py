"""WMO301 Toewijzing and its retour WMO302."""

from __future__ import annotations

from dataclasses import field
from datetime import date, time
from typing import ClassVar

from berichten.xml.types.common import (
    Adres,
    Communicatie,
    Geboortedatum,
    Header,
    Omvang,
    OpenPeriode,
    Product,
    RetourHeader,
    Telefoonnummers,
    VolledigeNaam,
    model,
)


@model
class Contact:
    soort: str
    adres: Adres | None = None
    organisatie: str | None = None
    telefoon: Telefoonnummers | None = None
    emailadres: str | None = None
    periode: OpenPeriode | None = None


@model
class Relatie:
    nummer: str
    volgorde: int | None = None
    soort: str
    geboortedatum: Geboortedatum | None = None
    geslacht: str | None = None
    naam: VolledigeNaam
    contact: Contact


@model
class ToegewezenProduct:
    toewijzing_nummer: int
    referentie_aanbieder: str | None = None
    product: Product | None = None
    toewijzingsdatum: date
    toewijzingstijd: time
    ingangsdatum: date
    einddatum: date | None = None
    reden_wijziging: str | None = None
    omvang: Omvang | None = None
    budget: int | None = None
    commentaar: str | None = None


@model
class ToewijzingClient:
    bsn: str
    geboortedatum: Geboortedatum
    geslacht: str
    naam: VolledigeNaam
    communicatie: Communicatie | None = None
    juridische_status: str | None = None
    wettelijke_vertegenwoordiging: str | None = None
    commentaar: str | None = None
    relaties: list[Relatie] = field(default_factory=list)
    contactgegevens: list[Contact]
    toegewezen_producten: list[ToegewezenProduct]


@model
class ContactRetour(Contact):
    retourcodes: list[str]


@model
class RelatieRetour(Relatie):
    contact: ContactRetour
    retourcodes: list[str]


@model
class ToegewezenProductRetour(ToegewezenProduct):
    retourcodes: list[str]


@model
class ToewijzingClientRetour(ToewijzingClient):
    relaties: list[RelatieRetour] = field(default_factory=list)  # type: ignore[assignment]
    contactgegevens: list[ContactRetour]  # type: ignore[assignment]
    toegewezen_producten: list[ToegewezenProductRetour]  # type: ignore[assignment]
    retourcodes: list[str]


@model
class Wmo301:
    BERICHT: ClassVar[str] = "WMO301"
    BERICHTCODE: ClassVar[str] = "414"
    header: Header
    client: ToewijzingClient


@model
class Wmo302:
    BERICHT: ClassVar[str] = "WMO302"
    BERICHTCODE: ClassVar[str] = "415"
    header: RetourHeader
    client: ToewijzingClientRetour | None = None
