"""1-based XPaths of berichtklassen, for the `pad` of a Bevinding.

Every function takes 1-based positions (`enumerate(items, start=1)`), so a pad
can be read directly against the XML: `/Bericht/Client/StartProducten/StartProduct[2]`.
Findings are attached to a berichtklasse; `berichtklasse_van` maps a deeper
element path back to the class that holds it.
"""

import re

HEADER = "/Bericht/Header"
CLIENT = "/Bericht/Client"
VERZOEK = f"{CLIENT}/Verzoek"
ANTWOORD = "/Bericht/Antwoord"
DECLARATIE = "/Bericht/Declaratie"


def relatie(nr: int) -> str:
    return f"{CLIENT}/Relaties/Relatie[{nr}]"


def relatie_contact(nr: int) -> str:
    return f"{relatie(nr)}/Contact"


def contact(nr: int) -> str:
    return f"{CLIENT}/Contactgegevens/Contact[{nr}]"


def toegewezen_product(nr: int) -> str:
    return f"{CLIENT}/ToegewezenProducten/ToegewezenProduct[{nr}]"


def start_product(nr: int) -> str:
    return f"{CLIENT}/StartProducten/StartProduct[{nr}]"


def stop_product(nr: int) -> str:
    return f"{CLIENT}/StopProducten/StopProduct[{nr}]"


def aangevraagd_product(nr: int) -> str:
    return f"{CLIENT}/AangevraagdeProducten/AangevraagdProduct[{nr}]"


def ongewijzigd_product(nr: int) -> str:
    return f"{VERZOEK}/OngewijzigdeProducten/OngewijzigdProduct[{nr}]"


def te_wijzigen_product(nr: int) -> str:
    return f"{VERZOEK}/TeWijzigenProducten/TeWijzigenProduct[{nr}]"


def nieuw_product(nr: int) -> str:
    return f"{VERZOEK}/NieuweProducten/NieuwProduct[{nr}]"


def declaratie_client(nr: int) -> str:
    return f"{DECLARATIE}/Clienten/Client[{nr}]"


def prestatie(client_nr: int, nr: int) -> str:
    return f"{declaratie_client(client_nr)}/Prestaties/Prestatie[{nr}]"


BERICHTKLASSEN = frozenset(
    [
        "Header",
        "Client",
        "Relatie",
        "Contact",
        "ToegewezenProduct",
        "StartProduct",
        "StopProduct",
        "AangevraagdProduct",
        "Verzoek",
        "OngewijzigdProduct",
        "TeWijzigenProduct",
        "NieuwProduct",
        "Antwoord",
        "Declaratie",
        "Prestatie",
    ]
)
_INDEX = re.compile(r"\[\d+\]$")


def berichtklasse_van(pad: str) -> str:
    """The berichtklasse that is `pad` or holds it (`…/Prestatie[1]/Eenheid` -> `…/Prestatie[1]`)."""
    while pad:
        if _INDEX.sub("", pad.rpartition("/")[2]) in BERICHTKLASSEN:
            return pad
        pad = pad.rpartition("/")[0]
    return HEADER
