"""Specs of the basisschema composite types and the headers, shared by all codecs."""

from __future__ import annotations

from berichten.xml import types as t
from berichten.xml.codecs.engine import (
    DATE,
    INT,
    OPTIONAL_RETOURCODES,
    RETOURCODES,
    Child,
    Node,
    leaf,
    sub,
)


def basis(cls: type, *children: Child) -> Node:
    """A basisschema composite type (CDT_*): its children are in the iwmo namespace."""
    return Node(cls, children, basis=True)


BERICHT_IDENTIFICATIE = basis(
    t.BerichtIdentificatie,
    leaf("Identificatie", "identificatie"),
    leaf("Dagtekening", "dagtekening", DATE),
)
XSD_VERSIE = basis(
    t.XsdVersie,
    leaf("BasisschemaXsdVersie", "basisschema_xsd_versie"),
    leaf("BerichtXsdVersie", "bericht_xsd_versie"),
)
GEBOORTEDATUM = basis(
    t.Geboortedatum,
    leaf("Datum", "datum", DATE),
    leaf("DatumGebruik", "datum_gebruik", optional=True),
)
ACHTERNAAM = basis(
    t.Achternaam,
    leaf("Achternaam", "achternaam"),
    leaf("Voorvoegsel", "voorvoegsel", optional=True),
)
VOLLEDIGE_NAAM = basis(
    t.VolledigeNaam,
    sub("Geslachtsnaam", "geslachtsnaam", ACHTERNAAM),
    sub("Partnernaam", "partnernaam", ACHTERNAAM, optional=True),
    leaf("Voornamen", "voornamen", optional=True),
    leaf("Voorletters", "voorletters", optional=True),
    leaf("NaamGebruik", "naam_gebruik"),
)
VERKORTE_NAAM = basis(
    t.VerkorteNaam,
    sub("Geslachtsnaam", "geslachtsnaam", ACHTERNAAM),
    leaf("Voornamen", "voornamen", optional=True),
    leaf("Voorletters", "voorletters", optional=True),
)
COMMUNICATIE = basis(
    t.Communicatie,
    leaf("Vorm", "vorm"),
    leaf("Taal", "taal", optional=True),
)
HUIS = basis(
    t.Huis,
    leaf("Huisnummer", "huisnummer", INT),
    leaf("Huisletter", "huisletter", optional=True),
    leaf("HuisnummerToevoeging", "huisnummer_toevoeging", optional=True),
    leaf("AanduidingWoonadres", "aanduiding_woonadres", optional=True),
)
ADRES = basis(
    t.Adres,
    sub("Huis", "huis", HUIS, optional=True),
    leaf("Postcode", "postcode", optional=True),
    leaf("Straatnaam", "straatnaam", optional=True),
    leaf("Plaatsnaam", "plaatsnaam", optional=True),
    leaf("LandCode", "land_code", optional=True),
)
TELEFOON = basis(
    t.Telefoon,
    leaf("Telefoonnummer", "telefoonnummer"),
    leaf("Landnummer", "landnummer"),
)
TELEFOONNUMMERS = basis(
    t.Telefoonnummers,
    sub("Telefoon01", "telefoon01", TELEFOON),
    sub("Telefoon02", "telefoon02", TELEFOON, optional=True),
)
OPEN_PERIODE = basis(
    t.OpenPeriode,
    leaf("Begindatum", "begindatum", DATE, optional=True),
    leaf("Einddatum", "einddatum", DATE, optional=True),
)
PERIODE = basis(
    t.Periode,
    leaf("Begindatum", "begindatum", DATE),
    leaf("Einddatum", "einddatum", DATE),
)
PRODUCT = basis(
    t.Product,
    leaf("Categorie", "categorie"),
    leaf("Code", "code", optional=True),
)
OMVANG = basis(
    t.Omvang,
    leaf("Volume", "volume", INT),
    leaf("Eenheid", "eenheid"),
    leaf("Frequentie", "frequentie"),
)
VERWIJZER = basis(
    t.Verwijzer,
    leaf("Type", "type"),
    leaf("Naam", "naam", optional=True),
    leaf("ZorgverlenerCode", "zorgverlener_code", optional=True),
)
REFERENTIE = basis(
    t.Referentie,
    leaf("ReferentieNummer", "referentie_nummer"),
    leaf("VorigReferentieNummer", "vorig_referentie_nummer", optional=True),
)
BEDRAG = basis(
    t.Bedrag,
    leaf("Bedrag", "bedrag", INT),
    leaf("DebetCredit", "debet_credit"),
)
TOTAAL_BEDRAG = basis(
    t.TotaalBedrag,
    leaf("TotaalBedrag", "totaal_bedrag", INT),
    leaf("DebetCredit", "debet_credit"),
)


def persoon(naam: Node) -> tuple[Child, ...]:
    """Bsn, Geboortedatum, Geslacht, Naam: how every full Client starts."""
    return (
        leaf("Bsn", "bsn"),
        sub("Geboortedatum", "geboortedatum", GEBOORTEDATUM),
        leaf("Geslacht", "geslacht"),
        sub("Naam", "naam", naam),
    )


# Headers: BerichtCode, BerichtVersie and BerichtSubversie are written from the
# message class ("fixed") and checked by parser.identify on the way in.
FIXED = ("BerichtCode", "BerichtVersie", "BerichtSubversie")
_HEEN_HEADER = (
    leaf("Afzender", "afzender"),
    leaf("Ontvanger", "ontvanger"),
    sub("BerichtIdentificatie", "bericht_identificatie", BERICHT_IDENTIFICATIE),
    sub("XsdVersie", "xsd_versie", XSD_VERSIE),
)
HEADER = Node(t.Header, _HEEN_HEADER, fixed=FIXED)
RETOUR_HEADER = Node(
    t.RetourHeader,
    (
        *_HEEN_HEADER,
        leaf("IdentificatieRetour", "identificatie_retour"),
        leaf("DagtekeningRetour", "dagtekening_retour", DATE),
        leaf("XsltVersie", "xslt_versie", optional=True),
        sub("XsdVersieRetour", "xsd_versie_retour", XSD_VERSIE),
        OPTIONAL_RETOURCODES,
    ),
    fixed=FIXED,
)
DECLARATIE_ANTWOORD_HEADER = Node(
    t.DeclaratieAntwoordHeader,
    (
        *_HEEN_HEADER,
        sub(
            "DeclaratieIdentificatie", "declaratie_identificatie", BERICHT_IDENTIFICATIE
        ),
        leaf("XsltVersie", "xslt_versie", optional=True),
        sub("XsdVersieDeclaratie", "xsd_versie_declaratie", XSD_VERSIE),
        RETOURCODES,
    ),
    fixed=FIXED,
)


def root(cls: type, body_tag: str, body_attr: str, body: Node, *, retour: bool) -> Node:
    """The `Bericht` root: Header + one body element (optional in retour messages)."""
    header = RETOUR_HEADER if retour else HEADER
    return Node(
        cls,
        (
            sub("Header", "header", header),
            sub(body_tag, body_attr, body, optional=retour),
        ),
    )


def root_pair(
    heen: type,
    retour_cls: type,
    body_tag: str,
    body_attr: str,
    body: Node,
    retour_body: Node,
) -> tuple[Node, Node]:
    """Roots of a heenbericht and its retourbericht."""
    return (
        root(heen, body_tag, body_attr, body, retour=False),
        root(retour_cls, body_tag, body_attr, retour_body, retour=True),
    )
