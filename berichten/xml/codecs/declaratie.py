"""WMO323 Declaratie and WMO325 Declaratie-antwoord."""

from __future__ import annotations

from berichten.xml import types as t
from berichten.xml.codecs.common import (
    BEDRAG,
    DECLARATIE_ANTWOORD_HEADER,
    PERIODE,
    REFERENTIE,
    TOTAAL_BEDRAG,
    root,
)
from berichten.xml.codecs.engine import (
    DATE,
    INT,
    RETOURCODES,
    Node,
    leaf,
    many,
    retour,
    sub,
)

PRESTATIE = Node(
    t.Prestatie,
    (
        sub("ProductReferentie", "product_referentie", REFERENTIE),
        leaf("ToewijzingNummer", "toewijzing_nummer", INT),
        leaf("ProductCategorie", "product_categorie"),
        leaf("ProductCode", "product_code"),
        sub("ProductPeriode", "product_periode", PERIODE),
        leaf("GeleverdVolume", "geleverd_volume", INT),
        leaf("Eenheid", "eenheid"),
        leaf("ProductTarief", "product_tarief", INT, optional=True),
        sub("IngediendBedrag", "ingediend_bedrag", BEDRAG),
    ),
)
CLIENT = Node(
    t.DeclaratieClient,
    (leaf("Bsn", "bsn"), many("Prestaties", "Prestatie", "prestaties", PRESTATIE)),
)
DECLARATIE = Node(
    t.Declaratie,
    (
        leaf("DeclaratieNummer", "declaratie_nummer"),
        sub("DeclaratiePeriode", "declaratie_periode", PERIODE),
        leaf("DeclaratieDagtekening", "declaratie_dagtekening", DATE),
        sub("TotaalIngediendBedrag", "totaal_ingediend_bedrag", TOTAAL_BEDRAG),
        many("Clienten", "Client", "clienten", CLIENT),
    ),
)
CLIENT_RETOUR = retour(
    CLIENT, t.DeclaratieClientRetour, prestaties=retour(PRESTATIE, t.PrestatieRetour)
)
DECLARATIE_ANTWOORD = Node(
    t.DeclaratieAntwoord,
    (
        leaf("DeclaratieNummer", "declaratie_nummer"),
        sub("TotaalIngediendBedrag", "totaal_ingediend_bedrag", TOTAAL_BEDRAG),
        sub("TotaalToegekendBedrag", "totaal_toegekend_bedrag", TOTAAL_BEDRAG),
        many("Clienten", "Client", "clienten", CLIENT_RETOUR, optional=True),
        RETOURCODES,
    ),
)

WMO323 = root(t.Wmo323, "Declaratie", "declaratie", DECLARATIE, retour=False)
WMO325 = Node(
    t.Wmo325,
    (
        sub("Header", "header", DECLARATIE_ANTWOORD_HEADER),
        sub(
            "DeclaratieAntwoord",
            "declaratie_antwoord",
            DECLARATIE_ANTWOORD,
            optional=True,
        ),
    ),
)
