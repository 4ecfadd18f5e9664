"""WMO301 Toewijzing and WMO302 retour."""

from __future__ import annotations

from berichten.xml import types as t
from berichten.xml.codecs.common import (
    ADRES,
    COMMUNICATIE,
    GEBOORTEDATUM,
    OMVANG,
    OPEN_PERIODE,
    PRODUCT,
    TELEFOONNUMMERS,
    VOLLEDIGE_NAAM,
    persoon,
    root_pair,
)
from berichten.xml.codecs.engine import DATE, INT, TIME, Node, leaf, many, retour, sub

CONTACT = Node(
    t.Contact,
    (
        leaf("Soort", "soort"),
        sub("Adres", "adres", ADRES, optional=True),
        leaf("Organisatie", "organisatie", optional=True),
        sub("Telefoon", "telefoon", TELEFOONNUMMERS, optional=True),
        leaf("Emailadres", "emailadres", optional=True),
        sub("Periode", "periode", OPEN_PERIODE, optional=True),
    ),
)
RELATIE = Node(
    t.Relatie,
    (
        leaf("Nummer", "nummer"),
        leaf("Volgorde", "volgorde", INT, optional=True),
        leaf("Soort", "soort"),
        sub("Geboortedatum", "geboortedatum", GEBOORTEDATUM, optional=True),
        leaf("Geslacht", "geslacht", optional=True),
        sub("Naam", "naam", VOLLEDIGE_NAAM),
        sub("Contact", "contact", CONTACT),
    ),
)
TOEGEWEZEN_PRODUCT = Node(
    t.ToegewezenProduct,
    (
        leaf("ToewijzingNummer", "toewijzing_nummer", INT),
        leaf("ReferentieAanbieder", "referentie_aanbieder", optional=True),
        sub("Product", "product", PRODUCT, optional=True),
        leaf("Toewijzingsdatum", "toewijzingsdatum", DATE),
        leaf("Toewijzingstijd", "toewijzingstijd", TIME),
        leaf("Ingangsdatum", "ingangsdatum", DATE),
        leaf("Einddatum", "einddatum", DATE, optional=True),
        leaf("RedenWijziging", "reden_wijziging", optional=True),
        sub("Omvang", "omvang", OMVANG, optional=True),
        leaf("Budget", "budget", INT, optional=True),
        leaf("Commentaar", "commentaar", optional=True),
    ),
)
CLIENT = Node(
    t.ToewijzingClient,
    (
        *persoon(VOLLEDIGE_NAAM),
        sub("Communicatie", "communicatie", COMMUNICATIE, optional=True),
        leaf("JuridischeStatus", "juridische_status", optional=True),
        leaf(
            "WettelijkeVertegenwoordiging",
            "wettelijke_vertegenwoordiging",
            optional=True,
        ),
        leaf("Commentaar", "commentaar", optional=True),
        many("Relaties", "Relatie", "relaties", RELATIE, optional=True),
        many("Contactgegevens", "Contact", "contactgegevens", CONTACT),
        many(
            "ToegewezenProducten",
            "ToegewezenProduct",
            "toegewezen_producten",
            TOEGEWEZEN_PRODUCT,
        ),
    ),
)

CONTACT_RETOUR = retour(CONTACT, t.ContactRetour)
CLIENT_RETOUR = retour(
    CLIENT,
    t.ToewijzingClientRetour,
    relaties=retour(RELATIE, t.RelatieRetour, contact=CONTACT_RETOUR),
    contactgegevens=CONTACT_RETOUR,
    toegewezen_producten=retour(TOEGEWEZEN_PRODUCT, t.ToegewezenProductRetour),
)

WMO301, WMO302 = root_pair(
    t.Wmo301, t.Wmo302, "Client", "client", CLIENT, CLIENT_RETOUR
)
