"""What a dashboard shows (year, party, categorie) and the filters every figure shares."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Q,
)

from stamgegevens.models import Aanbieder, Gemeente

PER_DAG, PER_WEEK, PER_MAAND = "1", "2", "4"

EINDIGT_BINNEN = timedelta(weeks=8)


@dataclass(frozen=True)
class Keuze:
    """What the dashboard shows: a year, and optionally one party and one categorie."""

    jaar: int
    aanbieder: Aanbieder | None = None
    gemeente: Gemeente | None = None
    categorie: str = ""

    @property
    def maanden(self) -> list[date]:
        return [date(self.jaar, m, 1) for m in range(1, 13)]

    @property
    def begin(self) -> date:
        return date(self.jaar, 1, 1)

    @property
    def eind(self) -> date:
        return date(self.jaar, 12, 31)


def maand_eind(maand: date) -> date:
    return maand.replace(day=calendar.monthrange(maand.year, maand.month)[1])


def partij_veld(user) -> str:
    """The other party, whose figures a user compares: aanbieders for a gemeente."""
    return "gemeente" if user.is_aanbieder else "aanbieder"


def partijen_q(keuze: Keuze, pad: str = "") -> Q:
    q = Q()
    if keuze.aanbieder is not None:
        q &= Q(**{f"{pad}aanbieder": keuze.aanbieder})
    if keuze.gemeente is not None:
        q &= Q(**{f"{pad}gemeente": keuze.gemeente})
    return q
