"""Reads on berichten, always scoped to the user (core.scoping)."""

from django.db.models import Case, CharField, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Right
from django.utils import timezone

from berichten.constants import VAN_GEMEENTE, BerichtStatus
from berichten.models import Bericht
from core import wachtrij
from core.constants import Rol
from core.models import MachineSleutel

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


def _ontvangen_door(user) -> Q:
    """The messages whose receiving party is the user's party."""
    if user.rol == Rol.GEMEENTE:
        return Q(gemeente_id=user.gemeente_id) & ~Q(bericht_type__in=VAN_GEMEENTE)
    if user.rol == Rol.AANBIEDER:
        return Q(aanbieder_id=user.aanbieder_id, bericht_type__in=VAN_GEMEENTE)
    return Q(pk__in=[])


def outbox(*, user) -> QuerySet[Bericht]:
    """What waits for the user's party (a machine client) until it acknowledges it:
    messages to it in the outbox, oldest first."""
    return (
        Bericht.objects.visible_to(user)
        .filter(_ontvangen_door(user), status=BerichtStatus.IN_OUTBOX)
        .order_by("id")
    )


def outbox_bevestigbaar(*, user) -> QuerySet[Bericht]:
    """Messages to the user's party that it may acknowledge (again: idempotent)."""
    return Bericht.objects.visible_to(user).filter(
        _ontvangen_door(user),
        status__in=[BerichtStatus.IN_OUTBOX, BerichtStatus.VERZONDEN],
    )


def outbox_voor_map() -> QuerySet[Bericht]:
    """The outbox for `iwmo_export`: without the messages of parties that fetch
    theirs over the API (an active machine key), so each has one channel."""
    actief = MachineSleutel.objects.filter(
        Q(expiry_date__isnull=True) | Q(expiry_date__gt=timezone.now()),
        revoked=False,
        gebruiker__is_active=True,
    )
    aanbieders = actief.filter(gebruiker__aanbieder__isnull=False).values(
        "gebruiker__aanbieder_id"
    )
    gemeenten = actief.filter(gebruiker__gemeente__isnull=False).values(
        "gebruiker__gemeente_id"
    )
    return (
        Bericht.objects.filter(status=BerichtStatus.IN_OUTBOX)
        .exclude(bericht_type__in=VAN_GEMEENTE, aanbieder_id__in=aanbieders)
        .exclude(Q(gemeente_id__in=gemeenten) & ~Q(bericht_type__in=VAN_GEMEENTE))
        .order_by("id")
    )


def wacht_te_lang_q() -> Q:
    """Messages a person should look at: in fout, or waiting in ontvangen longer
    than WACHTRIJ_WACHTTIJD_SECONDEN (the sweep offers those again)."""
    grens = timezone.now() - wachtrij.wachttijd()
    return Q(status=BerichtStatus.FOUT) | Q(
        Q(in_wachtrij_op__lt=grens)
        | Q(in_wachtrij_op__isnull=True, aangemaakt_op__lt=grens),
        status=BerichtStatus.ONTVANGEN,
    )
