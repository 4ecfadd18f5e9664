"""Shared pieces: basisschema composite types (CDT_*) and the headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar, dataclass_transform

from berichten.xml.catalog import XSD_VERSIE

T = TypeVar("T")


@dataclass_transform(kw_only_default=True)
def model(cls: type[T]) -> type[T]:
    """A message type: a slotted dataclass with keyword-only fields."""
    return dataclass(slots=True, kw_only=True)(cls)


@model
class BerichtIdentificatie:
    identificatie: str
    dagtekening: date


@model
class XsdVersie:
    basisschema_xsd_versie: str = XSD_VERSIE
    bericht_xsd_versie: str = XSD_VERSIE


@model
class Geboortedatum:
    datum: date
    datum_gebruik: str | None = None


@model
class Achternaam:
    achternaam: str
    voorvoegsel: str | None = None


@model
class VolledigeNaam:
    geslachtsnaam: Achternaam
    partnernaam: Achternaam | None = None
    voornamen: str | None = None
    voorletters: str | None = None
    naam_gebruik: str


@model
class VerkorteNaam:
    geslachtsnaam: Achternaam
    voornamen: str | None = None
    voorletters: str | None = None


@model
class Communicatie:
    vorm: str
    taal: str | None = None


@model
class Huis:
    huisnummer: int
    huisletter: str | None = None
    huisnummer_toevoeging: str | None = None
    aanduiding_woonadres: str | None = None


@model
class Adres:
    huis: Huis | None = None
    postcode: str | None = None
    straatnaam: str | None = None
    plaatsnaam: str | None = None
    land_code: str | None = None


@model
class Telefoon:
    telefoonnummer: str
    landnummer: str


@model
class Telefoonnummers:
    telefoon01: Telefoon
    telefoon02: Telefoon | None = None


@model
class OpenPeriode:
    begindatum: date | None = None
    einddatum: date | None = None


@model
class Periode:
    """CDT_GeslotenPeriode: ProductPeriode, DeclaratiePeriode."""

    begindatum: date
    einddatum: date


@model
class Product:
    categorie: str
    code: str | None = None


@model
class Omvang:
    volume: int
    eenheid: str
    frequentie: str


@model
class Verwijzer:
    type: str
    naam: str | None = None
    zorgverlener_code: str | None = None


@model
class Referentie:
    referentie_nummer: str
    vorig_referentie_nummer: str | None = None


@model
class Bedrag:
    """CDT_BedragMetDC: eurocent, never negative; the sign is in debet_credit."""

    bedrag: int
    debet_credit: str = "D"


@model
class TotaalBedrag:
    """CDT_TotaalBedragMetDC."""

    totaal_bedrag: int
    debet_credit: str = "D"


@model
class Header:
    """Header of a heenbericht. BerichtCode/-Versie/-Subversie follow from the class."""

    afzender: str
    ontvanger: str
    bericht_identificatie: BerichtIdentificatie
    xsd_versie: XsdVersie = field(default_factory=XsdVersie)


@model
class RetourHeader(Header):
    """Header of 302/306/308/316/318/320: the copied heen header plus the retour part."""

    identificatie_retour: str
    dagtekening_retour: date
    xslt_versie: str | None = None
    xsd_versie_retour: XsdVersie = field(default_factory=XsdVersie)
    retourcodes: list[str] = field(default_factory=list)


@model
class DeclaratieAntwoordHeader(Header):
    """Header of 325: refers to the 323 through DeclaratieIdentificatie."""

    declaratie_identificatie: BerichtIdentificatie
    xslt_versie: str | None = None
    xsd_versie_declaratie: XsdVersie = field(default_factory=XsdVersie)
    retourcodes: list[str]
