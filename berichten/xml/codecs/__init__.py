"""One codec spec (a root `Node`) per iWmo 3.2 message, keyed by bericht ("WMO301")."""

from __future__ import annotations

from berichten.xml.codecs import declaratie, melding, toewijzing, verzoek
from berichten.xml.codecs.engine import Node

CODECS: dict[str, Node] = {
    "WMO301": toewijzing.WMO301,
    "WMO302": toewijzing.WMO302,
    "WMO305": melding.WMO305,
    "WMO306": melding.WMO306,
    "WMO307": melding.WMO307,
    "WMO308": melding.WMO308,
    "WMO315": verzoek.WMO315,
    "WMO316": verzoek.WMO316,
    "WMO317": verzoek.WMO317,
    "WMO318": verzoek.WMO318,
    "WMO319": verzoek.WMO319,
    "WMO320": verzoek.WMO320,
    "WMO323": declaratie.WMO323,
    "WMO325": declaratie.WMO325,
}

__all__ = ["CODECS", "Node"]
