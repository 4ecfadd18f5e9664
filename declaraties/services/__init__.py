"""Declareren: propose, edit, pre-check, send, credit and correct (aanbieder
side), the gemeente's review and its payment file.

Only aanbieder users make and send 323s (voorstellen.py, indienen.py,
correcties.py); the contract manager reviews (beoordeling.py); the payment file
pays a declaratie once (betalen.py). The public names are here.
"""

from declaraties.services.beoordeling import (
    NIET_TE_GEVEN,
    beoordeling_retourcodes,
    declaratie_afkeuren,
    declaratie_goedkeuren,
    prestatie_afkeuren,
    prestatie_terugzetten,
)
from declaraties.services.betalen import als_betaald_markeren, te_betalen_declaraties
from declaraties.services.correcties import (
    OVERGENOMEN,
    prestatie_corrigeren,
    prestatie_crediteren,
)
from declaraties.services.indienen import (
    PROEF,
    Proef,
    declaratie_indienen,
    declaratie_proef,
)
from declaraties.services.voorstellen import (
    Regelvoorstel,
    declaratie_regel_verwijderen,
    declaratie_regel_wijzigen,
    declaratie_voorstellen,
    declaratieperiode,
    nieuw_declaratienummer,
    nieuwe_productreferentie,
    regelvoorstellen,
)

__all__ = [
    "NIET_TE_GEVEN",
    "OVERGENOMEN",
    "PROEF",
    "Proef",
    "Regelvoorstel",
    "als_betaald_markeren",
    "beoordeling_retourcodes",
    "declaratie_afkeuren",
    "declaratie_goedkeuren",
    "declaratie_indienen",
    "declaratie_proef",
    "declaratie_regel_verwijderen",
    "declaratie_regel_wijzigen",
    "declaratie_voorstellen",
    "declaratieperiode",
    "nieuw_declaratienummer",
    "nieuwe_productreferentie",
    "prestatie_afkeuren",
    "prestatie_corrigeren",
    "prestatie_crediteren",
    "prestatie_terugzetten",
    "regelvoorstellen",
    "te_betalen_declaraties",
]
