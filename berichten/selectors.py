"""Reads on berichten, always scoped to the user (core.scoping)."""

from django.db.models import Case, CharField, Prefetch, QuerySet, Value, When
from django.db.models.functions import Concat, Right

from berichten.constants import VAN_GEMEENTE, BerichtStatus
from berichten.models import Bericht
from core import wachtrij
from core.constants import Rol

# Large raw bytes stay out of lists; only the detail page and download read them.
_ZONDER_INHOUD = ("inhoud",)


def _richting(user) -> Case | Value:
    """'uit' for messages the user's party sent, 'in' for those it received."""
    rol = getattr(user, "rol", None)  # schema generation runs without a user
    if rol not in (Rol.GEMEENTE, Rol.AANBIEDER):
        return Value("")
    van_mij, naar_mij = ("uit", "in") if rol == Rol.GEMEENTE else ("in", "uit")
    return Case(
        # A refused upload is only ever seen by the party that sent it in.
        When(status=BerichtStatus.GEWEIGERD, then=Value("uit")),
        When(bericht_type__in=VAN_GEMEENTE, then=Value(van_mij)),
        default=Value(naar_mij),
        output_field=CharField(),
    )


def bericht_list(*, user) -> QuerySet[Bericht]:
    """The message log of the user's party: one query, BSN masked (*****1234)."""
    return (
        Bericht.objects.visible_to(user)
        .select_related("gemeente", "aanbieder")
        .defer(*_ZONDER_INHOUD)
        .annotate(
            richting=_richting(user),
            bsn_gemaskeerd=Case(
                When(bsn="", then=Value("")),
                default=Concat(Value("*****"), Right("bsn", 4)),
                output_field=CharField(),
            ),
        )
    )


def bericht_detail_queryset(*, user) -> QuerySet[Bericht]:
    return (
        Bericht.objects.visible_to(user)
        .select_related("gemeente", "aanbieder", "heenbericht", "aangemaakt_door")
        .prefetch_related(
            Prefetch(
                "retourberichten",
                queryset=Bericht.objects.defer(*_ZONDER_INHOUD).order_by("id"),
            )
        )
    )


def is_ontvanger(user, bericht: Bericht) -> bool:
    """Whether the user's party is the receiving party of the message."""
    if bericht.bericht_type in VAN_GEMEENTE:
        return user.rol == Rol.AANBIEDER and user.aanbieder_id == bericht.aanbieder_id
    return user.rol == Rol.GEMEENTE and user.gemeente_id == bericht.gemeente_id


def kan_opnieuw_verwerken(bericht: Bericht) -> bool:
    """A message in fout, or one that waits in ontvangen longer than the sweep's
    WACHTRIJ_WACHTTIJD_SECONDEN, may be processed again by a person."""
    if bericht.status == BerichtStatus.FOUT:
        return True
    return bericht.status == BerichtStatus.ONTVANGEN and wachtrij.wacht_te_lang(bericht)


def mag_opnieuw_verwerken(user, bericht: Bericht) -> bool:
    """A failed message, or one that waits too long, may be retried by a gemeente,
    a beheerder or its recipient."""
    if not kan_opnieuw_verwerken(bericht):
        return False
    return user.rol in (Rol.GEMEENTE, Rol.BEHEERDER) or is_ontvanger(user, bericht)
