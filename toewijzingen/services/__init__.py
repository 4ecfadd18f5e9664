"""Writes on toewijzingen. Keyword-only, atomic, named <entiteit>_<werkwoord>.

Every change the other party must know leaves as an iWmo message through
`berichten.verkeer.bericht_versturen`. When the recipient works in the portal
the message is processed at once by `toewijzingen.handlers`, which records the
start/stop or verzoek for that Bericht; the sending service records it itself
only when no handler did (recipient outside the portal or processing later).

One module per sub-domain (`clienten`, `toewijzingen`, `beeindigingen`,
`leveringen`, `verzoeken`, `signalen`; `gedeeld` holds access checks and
sending). Callers import from here: `from toewijzingen import services`.
"""

from toewijzingen.services.beeindigingen import (
    toewijzing_beeindigen,
    toewijzing_intrekken,
    toewijzing_overlijden_bevestigen,
    toewijzing_verhuizing,
)
from toewijzingen.services.clienten import (
    CLIENT_VELDEN,
    ClientGegevens,
    client_aanmaken,
    client_wijzigen,
    verzoek_client,
)
from toewijzingen.services.leveringen import (
    levering_vastleggen,
    start_zorg_melden,
    stop_zorg_melden,
)
from toewijzingen.services.signalen import (
    signaal_afhandelen,
)
from toewijzingen.services.toewijzingen import (
    TOEWIJZING_VELDEN,
    ToewijzingGegevens,
    r_t1_contract,
    toewijzing_aanmaken,
    toewijzing_verlengen,
    toewijzing_vervangen,
    toewijzing_wijzigen,
)
from toewijzingen.services.verzoeken import (
    AangevraagdProduct,
    GewenstProduct,
    verzoek_afwijzen,
    verzoek_honoreren,
    verzoek_in_onderzoek,
    verzoek_om_toewijzing_indienen,
    verzoek_om_wijziging_indienen,
    verzoek_regels,
    verzoeken_vastleggen,
)

__all__ = [
    "ToewijzingGegevens",
    "AangevraagdProduct",
    "CLIENT_VELDEN",
    "ClientGegevens",
    "GewenstProduct",
    "TOEWIJZING_VELDEN",
    "client_aanmaken",
    "client_wijzigen",
    "levering_vastleggen",
    "r_t1_contract",
    "signaal_afhandelen",
    "start_zorg_melden",
    "stop_zorg_melden",
    "toewijzing_aanmaken",
    "toewijzing_beeindigen",
    "toewijzing_intrekken",
    "toewijzing_overlijden_bevestigen",
    "toewijzing_verhuizing",
    "toewijzing_verlengen",
    "toewijzing_vervangen",
    "toewijzing_wijzigen",
    "verzoek_afwijzen",
    "verzoek_client",
    "verzoek_honoreren",
    "verzoek_in_onderzoek",
    "verzoek_om_toewijzing_indienen",
    "verzoek_om_wijziging_indienen",
    "verzoek_regels",
    "verzoeken_vastleggen",
]
