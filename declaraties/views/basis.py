"""What the screens of declaraties share: URLs, the scoped list, a line as a table
row, and the scoped lookup of a declaratie."""

from dataclasses import dataclass, field

from django.urls import reverse

from berichten.bevinding import Bevinding
from core.constants import Rol
from declaraties import selectors, weergave
from declaraties.models import Declaratie, Prestatie

AANBIEDER = (Rol.AANBIEDER,)


def declaratie_url(declaratie: Declaratie) -> str:
    return reverse("declaraties:declaratie-detail", args=[declaratie.pk])


def regel_url(prestatie: Prestatie) -> str:
    return reverse("declaraties:regel-detail", args=[prestatie.pk])


def declaraties(*, user):
    """The declaraties the user may see, with counts and the afgewezen total."""
    return weergave.met_afgewezen(selectors.declaratie_list(user=user)).order_by(
        "-periode_begin", "-id"
    )


@dataclass
class Rij:
    """A line as a table row: its codes (text and hint) and its chain."""

    prestatie: Prestatie
    retourcodes: list[selectors.Retourcode]
    keten: list[Prestatie] = field(default_factory=list)
    bevindingen: list[Bevinding] = field(default_factory=list)


def rijen(user, prestaties) -> list[Rij]:
    prestaties = list(prestaties)
    ketens = weergave.ketens(user=user, prestaties=prestaties)
    return [Rij(p, weergave.retourcodes(p), ketens[p.pk]) for p in prestaties]
