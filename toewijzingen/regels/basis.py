"""What every toewijzingen rule shares: the Overtreding it returns, `weiger`/`eerste` to use them, and date helpers."""

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from core.exceptions import ApplicationError


@dataclass(frozen=True, slots=True)
class Overtreding:
    regel: str
    retourcode: (
        str  # "0001" for in-message rules, "9xxx" for level 3, "" for portal rules
    )
    tekst: str


def weiger(*overtredingen: Overtreding | None) -> None:
    """Raise the first violation as an ApplicationError; do nothing when all hold."""
    for overtreding in overtredingen:
        if overtreding is not None:
            raise ApplicationError(
                f"{overtreding.tekst} ({overtreding.regel})", code=overtreding.regel
            )


def eerste(*overtredingen: Overtreding | None) -> Overtreding | None:
    return next((o for o in overtredingen if o is not None), None)


# --- dates -------------------------------------------------------------------


def einde_maand(dag: date) -> date:
    """The last day of the month of `dag`."""
    return dag.replace(day=calendar.monthrange(dag.year, dag.month)[1])


def einde_maand_plus(dag: date, maanden: int) -> date:
    """The last day of the month `maanden` months after the month of `dag`."""
    jaar, maand = divmod(dag.month - 1 + maanden, 12)
    return einde_maand(date(dag.year + jaar, maand + 1, 1))


class LeveringVorm(Protocol):
    soort: str
    begindatum: date
    einddatum: date | None
    reden_beeindiging: str
