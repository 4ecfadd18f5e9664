"""WMO315 VOT, WMO317 VOW, WMO319 Antwoord and their retours 316 / 318 / 320."""

from __future__ import annotations

from berichten.xml import types as t
from berichten.xml.codecs.common import OMVANG, PRODUCT, VERWIJZER, root_pair
from berichten.xml.codecs.engine import DATE, INT, Node, extend, leaf, many, retour, sub
from berichten.xml.codecs.melding import CLIENT_PERSOON

AANGEVRAAGD_PRODUCT = Node(
    t.AangevraagdProduct,
    (
        leaf("ReferentieAanbieder", "referentie_aanbieder"),
        leaf("BeschikkingNummer", "beschikking_nummer", INT, optional=True),
        sub("Product", "product", PRODUCT, optional=True),
        leaf(
            "BeschikkingIngangsdatum", "beschikking_ingangsdatum", DATE, optional=True
        ),
        leaf("ToewijzingIngangsdatum", "toewijzing_ingangsdatum", DATE),
        leaf("ToewijzingEinddatum", "toewijzing_einddatum", DATE, optional=True),
        sub("Omvang", "omvang", OMVANG, optional=True),
        leaf("Budget", "budget", INT, optional=True),
        sub("Verwijzer", "verwijzer", VERWIJZER),
        leaf("Raamcontract", "raamcontract", optional=True),
        leaf("Commentaar", "commentaar", optional=True),
    ),
)
VOT_CLIENT = extend(
    CLIENT_PERSOON,
    t.VotClient,
    leaf("Commentaar", "commentaar", optional=True),
    many(
        "AangevraagdeProducten",
        "AangevraagdProduct",
        "aangevraagde_producten",
        AANGEVRAAGD_PRODUCT,
    ),
)
VOT_CLIENT_RETOUR = retour(
    VOT_CLIENT,
    t.VotClientRetour,
    aangevraagde_producten=retour(AANGEVRAAGD_PRODUCT, t.AangevraagdProductRetour),
)

ONGEWIJZIGD_PRODUCT = Node(
    t.OngewijzigdProduct, (leaf("ToewijzingNummer", "toewijzing_nummer", INT),)
)
_GEWENST = (
    leaf("GewensteIngangsdatum", "gewenste_ingangsdatum", DATE),
    leaf("Einddatum", "einddatum", DATE, optional=True),
    sub("Omvang", "omvang", OMVANG, optional=True),
    leaf("Budget", "budget", INT, optional=True),
)
TE_WIJZIGEN_PRODUCT = Node(
    t.TeWijzigenProduct, (leaf("ToewijzingNummer", "toewijzing_nummer", INT), *_GEWENST)
)
NIEUW_PRODUCT = Node(
    t.NieuwProduct, (sub("Product", "product", PRODUCT, optional=True), *_GEWENST)
)
VERZOEK = Node(
    t.Verzoek,
    (
        leaf("ReferentieAanbieder", "referentie_aanbieder"),
        leaf("RedenVerzoek", "reden_verzoek"),
        many(
            "OngewijzigdeProducten",
            "OngewijzigdProduct",
            "ongewijzigde_producten",
            ONGEWIJZIGD_PRODUCT,
            optional=True,
        ),
        many(
            "TeWijzigenProducten",
            "TeWijzigenProduct",
            "te_wijzigen_producten",
            TE_WIJZIGEN_PRODUCT,
            optional=True,
        ),
        many(
            "NieuweProducten",
            "NieuwProduct",
            "nieuwe_producten",
            NIEUW_PRODUCT,
            optional=True,
        ),
    ),
)
VOW_CLIENT = Node(t.VowClient, (leaf("Bsn", "bsn"), sub("Verzoek", "verzoek", VERZOEK)))
VOW_CLIENT_RETOUR = retour(
    VOW_CLIENT,
    t.VowClientRetour,
    verzoek=retour(
        VERZOEK,
        t.VerzoekRetour,
        ongewijzigde_producten=retour(ONGEWIJZIGD_PRODUCT, t.OngewijzigdProductRetour),
        te_wijzigen_producten=retour(TE_WIJZIGEN_PRODUCT, t.TeWijzigenProductRetour),
        nieuwe_producten=retour(NIEUW_PRODUCT, t.NieuwProductRetour),
    ),
)

ANTWOORD = Node(
    t.Antwoord,
    (
        leaf("ReferentieAanbieder", "referentie_aanbieder"),
        leaf("VerzoekAntwoord", "verzoek_antwoord"),
        leaf("RedenAfwijzingVerzoek", "reden_afwijzing_verzoek", optional=True),
    ),
)

WMO315, WMO316 = root_pair(
    t.Wmo315, t.Wmo316, "Client", "client", VOT_CLIENT, VOT_CLIENT_RETOUR
)
WMO317, WMO318 = root_pair(
    t.Wmo317, t.Wmo318, "Client", "client", VOW_CLIENT, VOW_CLIENT_RETOUR
)
WMO319, WMO320 = root_pair(
    t.Wmo319,
    t.Wmo320,
    "Antwoord",
    "antwoord",
    ANTWOORD,
    retour(ANTWOORD, t.AntwoordRetour),
)
