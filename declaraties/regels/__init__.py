"""Levels 3 and 4 of a WMO323: the rules against the database (rules.md §5).

Set-based: `Gegevens.laden` (gegevens.py) reads everything the message needs in
a constant number of queries (toewijzingen by ToewijzingNummer as plain rows,
earlier Prestaties by ProductReferentie, contract tarieven, …); then every rule
is a small function on one Prestatie in Python (prestatieregels.py), the rules
on the whole message in declaratieregels.py, the sums over several lines and
the run in controle.py. A Prestatie is approved or rejected as a whole. OP364
(no start zorg known) only flags the line, it never rejects it.
"""

from declaraties.regels.controle import controleer_declaratie
from declaraties.regels.gegevens import (
    Gegevens,
    actuele_leveringen,
    contracttarief,
    heeft_start,
    tarieven_van,
)
from declaraties.regels.perioden import (
    bedrag_van,
    eerste_volle_maand,
    geleverde_periode,
    is_hulpmiddel,
    is_outputgericht,
    maand_begin,
    maand_eind,
    max_volume_per_periode,
    max_volume_totaal,
    product_periode,
    sleutel,
    volgende_maand,
    zorgperioden,
)
from declaraties.regels.rijen import ToewijzingRij
from declaraties.regels.uitslag import DUBBELE_REFERENTIE, Controle, Uitslag

__all__ = [
    "DUBBELE_REFERENTIE",
    "Controle",
    "Gegevens",
    "ToewijzingRij",
    "Uitslag",
    "actuele_leveringen",
    "bedrag_van",
    "contracttarief",
    "controleer_declaratie",
    "eerste_volle_maand",
    "geleverde_periode",
    "heeft_start",
    "is_hulpmiddel",
    "is_outputgericht",
    "maand_begin",
    "maand_eind",
    "max_volume_per_periode",
    "max_volume_totaal",
    "product_periode",
    "sleutel",
    "tarieven_van",
    "volgende_maand",
    "zorgperioden",
]
