"""Build retourberichten (302/306/308/316/318/320) and the 325 header from a heenbericht.

A retour copies the heen header unchanged (Afzender/Ontvanger are not swapped)
and adds IdentificatieRetour, DagtekeningRetour, XsdVersieRetour and RetourCodes.
When the body is returned, the whole client (or Antwoord) subtree is copied and
every berichtklasse gets its own RetourCodes.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from berichten.xml import types as t
from berichten.xml.catalog import HEEN_RETOUR
from berichten.xml.codecs import CODECS
from berichten.xml.codecs.engine import Node

_CLASSES: dict[str, type] = {
    "WMO302": t.Wmo302,
    "WMO306": t.Wmo306,
    "WMO308": t.Wmo308,
    "WMO316": t.Wmo316,
    "WMO318": t.Wmo318,
    "WMO320": t.Wmo320,
}

# Gets each heen berichtklasse object (client, product …) and returns its RetourCodes.
CodesFor = Callable[[Any], Sequence[str]]


def retour_header(
    heen: t.Header,
    *,
    identificatie_retour: str,
    dagtekening_retour: date,
    retourcodes: Sequence[str] = (),
    xslt_versie: str | None = None,
) -> t.RetourHeader:
    """The heen header plus the retour part; empty `retourcodes` means "all OK"."""
    return t.RetourHeader(
        afzender=heen.afzender,
        ontvanger=heen.ontvanger,
        bericht_identificatie=copy.deepcopy(heen.bericht_identificatie),
        xsd_versie=copy.deepcopy(heen.xsd_versie),
        identificatie_retour=identificatie_retour,
        dagtekening_retour=dagtekening_retour,
        xslt_versie=xslt_versie,
        retourcodes=list(retourcodes),
    )


def _copy(heen: Node, retour: Node, obj: Any, codes_for: CodesFor) -> Any:
    kwargs: dict[str, Any] = {}
    for h, r in zip(heen.children, retour.children, strict=False):
        value = getattr(obj, h.attr)
        if r.node is not h.node and value:  # a berichtklasse with its own RetourCodes
            if h.wrapper:
                value = [_copy(h.node, r.node, v, codes_for) for v in value]  # type: ignore[arg-type]
            else:
                value = _copy(h.node, r.node, value, codes_for)  # type: ignore[arg-type]
        else:
            value = copy.deepcopy(value)
        kwargs[h.attr] = value
    kwargs["retourcodes"] = list(codes_for(obj))
    return retour.cls(**kwargs)


def retour_bericht(
    heen: Any,
    *,
    identificatie_retour: str,
    dagtekening_retour: date,
    header_codes: Sequence[str] = (),
    codes_for: CodesFor | None = None,
    xslt_versie: str | None = None,
) -> Any:
    """The retourbericht for `heen` (Wmo301 -> Wmo302 …).

    Without `codes_for` only the header is returned (all OK, or `header_codes`
    such as "0001"). With `codes_for` the body is copied back and each
    berichtklasse gets `codes_for(heen_object)` as its RetourCodes.
    """
    bericht = HEEN_RETOUR.get(heen.BERICHT)
    if bericht not in _CLASSES:
        raise ValueError(
            f"{heen.BERICHT} heeft geen retourbericht dat de inhoud kopieert "
            "(voor 323: declaratie_antwoord_header + DeclaratieAntwoord)."
        )
    header = retour_header(
        heen.header,
        identificatie_retour=identificatie_retour,
        dagtekening_retour=dagtekening_retour,
        retourcodes=header_codes,
        xslt_versie=xslt_versie,
    )
    heen_body = CODECS[heen.BERICHT].children[1]
    retour_body = CODECS[bericht].children[1]
    body = None
    if codes_for is not None:
        body = _copy(
            heen_body.node,  # type: ignore[arg-type]
            retour_body.node,  # type: ignore[arg-type]
            getattr(heen, heen_body.attr),
            codes_for,
        )
    return _CLASSES[bericht](header=header, **{retour_body.attr: body})


def declaratie_antwoord_header(
    declaratie: t.Wmo323,
    *,
    identificatie: str,
    dagtekening: date,
    retourcodes: Sequence[str],
    xslt_versie: str | None = None,
) -> t.DeclaratieAntwoordHeader:
    """325 header: a new message from the gemeente that refers to the 323."""
    heen = declaratie.header
    return t.DeclaratieAntwoordHeader(
        afzender=heen.ontvanger,
        ontvanger=heen.afzender,
        bericht_identificatie=t.BerichtIdentificatie(
            identificatie=identificatie, dagtekening=dagtekening
        ),
        declaratie_identificatie=copy.deepcopy(heen.bericht_identificatie),
        xslt_versie=xslt_versie,
        xsd_versie_declaratie=copy.deepcopy(heen.xsd_versie),
        retourcodes=list(retourcodes),
    )
