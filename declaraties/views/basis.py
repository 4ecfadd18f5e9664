"""What the screens of declaraties share: URLs, the scoped list, and the scoped lookup of a declaratie."""

from django.urls import reverse

from core.constants import Rol
from declaraties import selectors
from declaraties.models import Declaratie, Prestatie

AANBIEDER = (Rol.AANBIEDER,)


def declaratie_url(declaratie: Declaratie) -> str:
    return reverse("declaraties:declaratie-detail", args=[declaratie.pk])


def regel_url(prestatie: Prestatie) -> str:
    return reverse("declaraties:regel-detail", args=[prestatie.pk])


def declaraties(*, user):
    """The declaraties the user may see, with counts and the afgewezen total."""
    return selectors.met_afgewezen(selectors.declaratie_list(user=user)).order_by(
        "-periode_begin", "-id"
    )
