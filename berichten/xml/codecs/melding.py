"""WMO305 Start / WMO307 Stop and their retours 306 / 308."""

from __future__ import annotations

from berichten.xml import types as t
from berichten.xml.codecs.common import PRODUCT, VERKORTE_NAAM, persoon, root_pair
from berichten.xml.codecs.engine import DATE, INT, Node, extend, leaf, many, retour, sub

# Client children shared by 305, 307 and 315.
CLIENT_PERSOON = Node(t.ClientPersoon, persoon(VERKORTE_NAAM))

START_PRODUCT = Node(
    t.StartProduct,
    (
        leaf("ToewijzingNummer", "toewijzing_nummer", INT, optional=True),
        sub("Product", "product", PRODUCT, optional=True),
        leaf("ToewijzingIngangsdatum", "toewijzing_ingangsdatum", DATE, optional=True),
        leaf("Begindatum", "begindatum", DATE),
        leaf("StatusAanlevering", "status_aanlevering"),
    ),
)
STOP_PRODUCT = extend(
    START_PRODUCT,
    t.StopProduct,
    leaf("RedenBeeindiging", "reden_beeindiging"),
    leaf("Einddatum", "einddatum", DATE),
    before="status_aanlevering",
)


def _client_pair(
    cls: type,
    retour_cls: type,
    product: Node,
    product_retour: Node,
    wrapper: str,
    tag: str,
    attr: str,
) -> tuple[Node, Node]:
    client = extend(CLIENT_PERSOON, cls, many(wrapper, tag, attr, product))
    return client, retour(client, retour_cls, **{attr: product_retour})


START_CLIENT, START_CLIENT_RETOUR = _client_pair(
    t.StartClient,
    t.StartClientRetour,
    START_PRODUCT,
    retour(START_PRODUCT, t.StartProductRetour),
    "StartProducten",
    "StartProduct",
    "start_producten",
)
STOP_CLIENT, STOP_CLIENT_RETOUR = _client_pair(
    t.StopClient,
    t.StopClientRetour,
    STOP_PRODUCT,
    retour(STOP_PRODUCT, t.StopProductRetour),
    "StopProducten",
    "StopProduct",
    "stop_producten",
)

WMO305, WMO306 = root_pair(
    t.Wmo305, t.Wmo306, "Client", "client", START_CLIENT, START_CLIENT_RETOUR
)
WMO307, WMO308 = root_pair(
    t.Wmo307, t.Wmo308, "Client", "client", STOP_CLIENT, STOP_CLIENT_RETOUR
)
