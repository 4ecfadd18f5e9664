"""The level-3/4 rules on the whole declaratie (Header and Declaratie)."""

from collections.abc import Callable, Iterator

from berichten import paden
from berichten.constants import Niveau
from berichten.regels.basis import nl
from declaraties.regels.gegevens import Gegevens

# --- rules on the whole declaratie -----------------------------------------------

DeclaratieRegel = Callable[[object, Gegevens], Iterator[tuple[str, str]]]
DECLARATIEREGELS: list[tuple[str, str, int, DeclaratieRegel]] = []


def declaratieregel(
    regel: str, retourcode: str, niveau: int = Niveau.BERICHTOVERSTIJGEND
):
    def registreer(functie: DeclaratieRegel) -> DeclaratieRegel:
        DECLARATIEREGELS.append((regel, retourcode, int(niveau), functie))
        return functie

    return registreer


@declaratieregel("TR135", "8848", Niveau.EXTERNE_BRON)
def tr135_datum_niet_in_toekomst(message, g: Gegevens) -> Iterator[tuple[str, str]]:
    dagtekening = message.header.bericht_identificatie.dagtekening
    if dagtekening > g.vandaag:
        yield paden.HEADER, f"De dagtekening {nl(dagtekening)} ligt in de toekomst."
    declaratie_dagtekening = message.declaratie.declaratie_dagtekening
    if declaratie_dagtekening > g.vandaag:
        yield (
            paden.DECLARATIE,
            f"De DeclaratieDagtekening {nl(declaratie_dagtekening)} ligt in de toekomst.",
        )


@declaratieregel("TR333", "9333")
def tr333_declaratienummer_uniek(message, g: Gegevens) -> Iterator[tuple[str, str]]:
    if g.nummer_bezet:
        nummer = message.declaratie.declaratie_nummer
        yield paden.DECLARATIE, f"Declaratienummer {nummer} is al eerder gebruikt."


@declaratieregel("TR318", "8214")
def tr318_periode_niet_voor_vorige(message, g: Gegevens) -> Iterator[tuple[str, str]]:
    begin = message.declaratie.declaratie_periode.begindatum
    if g.laatste_periode and begin < g.laatste_periode:
        yield (
            paden.DECLARATIE,
            f"De DeclaratiePeriode ligt voor de laatst ingediende periode ({g.laatste_periode:%m-%Y}).",
        )
