"""The verdict on each Prestatie of a WMO323 and on the whole message."""

from dataclasses import dataclass, field

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.regels.declaratie import saldo
from berichten.xml.types import Prestatie as PrestatieBericht
from declaraties.regels.gegevens import Gegevens
from declaraties.regels.rijen import ToewijzingRij

DUBBELE_REFERENTIE = "8021"  # TR314

# --- the result ------------------------------------------------------------------


@dataclass
class Uitslag:
    """The verdict on one Prestatie of the message."""

    client_nr: int
    prestatie_nr: int
    bsn: str
    prestatie: PrestatieBericht
    toewijzing: ToewijzingRij | None
    bevindingen: list[Bevinding] = field(default_factory=list)
    start_ontbreekt: bool = False

    @property
    def pad(self) -> str:
        return paden.prestatie(self.client_nr, self.prestatie_nr)

    @property
    def retourcodes(self) -> list[str]:
        codes: list[str] = []
        if not self.bevindingen:  # most lines: asked several times per line
            return codes
        for b in self.bevindingen:
            if b.retourcode and b.retourcode not in codes:
                codes.append(b.retourcode)
        return codes

    @property
    def goedgekeurd(self) -> bool:
        return not self.retourcodes

    @property
    def is_duplicaat(self) -> bool:
        return DUBBELE_REFERENTIE in self.retourcodes


@dataclass
class Controle:
    bevindingen: list[Bevinding]
    per_prestatie: dict[tuple[int, int], Uitslag]  # by (client nr, prestatie nr)
    declaratie_codes: list[str]  # Header or Declaratie rejected: nothing processed
    gegevens: Gegevens

    @property
    def verwerkt(self) -> bool:
        return not self.declaratie_codes

    @property
    def toegekend(self) -> int:
        if not self.verwerkt:
            return 0
        return saldo(
            u.prestatie.ingediend_bedrag
            for u in self.per_prestatie.values()
            if u.goedgekeurd
        )
