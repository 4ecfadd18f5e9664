"""Scoped reads for screens, API and services; one query per list, not per row."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.utils import timezone

from berichten.models import Bericht
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    LeveringSoort,
    SignaalStatus,
    StatusAanlevering,
    ToewijzingStatus,
)
from toewijzingen.models import Client, Levering, Signaal, Toewijzing, Verzoek


def actueel_q(vandaag: date) -> Q:
    """Toewijzingen valid on or after `vandaag` (OP087)."""
    return Q(einddatum__isnull=True) | Q(einddatum__gte=vandaag)


def actuele_toewijzingen(*, client: Client, aanbieder, vandaag: date) -> QuerySet:
    return Toewijzing.objects.filter(
        actueel_q(vandaag), client=client, aanbieder=aanbieder
    ).order_by("toewijzing_nummer")


# TR385 asks for the declared lines of a toewijzing. declaraties sits above this app
# on the ladder (tests/test_layering.py), so it hands its query in from its
# AppConfig.ready (`declaraties.selectors.goedgekeurd_niet_gecrediteerd`).
_declaratieregels: list[Callable[..., QuerySet]] = []


def declaratieregels_registreren(selector: Callable[..., QuerySet]) -> None:
    _declaratieregels[:] = [selector]


def goedgekeurd_niet_gecrediteerd(
    toewijzing: Toewijzing, *, na: date | None = None
) -> QuerySet:
    """TR385: approved debet lines of this toewijzing without an approved credit;
    with `na`, only the lines whose productperiode runs past that date."""
    if not _declaratieregels:
        raise ImproperlyConfigured("TR385 needs the declaraties app (INSTALLED_APPS).")
    return _declaratieregels[0](toewijzing, na=na)


def actuele_leveringen(toewijzing: Toewijzing) -> list[Levering]:
    """The starts and stops that count: status 1, not deleted with a 3."""
    return list(
        Levering.objects.filter(
            toewijzing=toewijzing,
            status_aanlevering=StatusAanlevering.EERSTE,
            vervallen=False,
        ).order_by("id")
    )


def _actuele_leveringen() -> QuerySet:
    """The actual starts and stops of the outer toewijzing, newest first."""
    return Levering.objects.filter(
        toewijzing=OuterRef("pk"),
        status_aanlevering=StatusAanlevering.EERSTE,
        vervallen=False,
    ).order_by("-id")


def _laatste_levering_soort() -> Subquery:
    return Subquery(_actuele_leveringen().values("soort")[:1])


def met_status(qs: QuerySet, *, vandaag: date | None = None) -> QuerySet:
    """Annotate `status` (ToewijzingStatus) as the aanbieder sees it, in SQL:
    beëindigd by the gemeente > verlopen > last actual levering start/stop > nieuw."""
    vandaag = vandaag or timezone.localdate()
    return qs.annotate(
        laatste_levering=_laatste_levering_soort(),
        status=Case(
            When(beeindigd_op__isnull=False, then=Value(ToewijzingStatus.BEEINDIGD)),
            When(einddatum__lt=vandaag, then=Value(ToewijzingStatus.VERLOPEN)),
            When(
                laatste_levering=LeveringSoort.STOP,
                then=Value(ToewijzingStatus.GESTOPT),
            ),
            When(
                laatste_levering=LeveringSoort.START,
                then=Value(ToewijzingStatus.GESTART),
            ),
            default=Value(ToewijzingStatus.NIEUW),
        ),
    )


def status_q(status: str, *, vandaag: date | None = None) -> Q:
    """The rows of `met_status` whose status is `status`, as plain conditions: the
    cheap column tests come first and narrow what the levering lookup has to see,
    so a filter on status does not work out the status of every row."""
    vandaag = vandaag or timezone.localdate()
    levend = Q(beeindigd_op__isnull=True) & actueel_q(vandaag)
    match status:
        case ToewijzingStatus.BEEINDIGD:
            return Q(beeindigd_op__isnull=False)
        case ToewijzingStatus.VERLOPEN:
            return Q(beeindigd_op__isnull=True, einddatum__lt=vandaag)
        case ToewijzingStatus.NIEUW:
            return levend & ~Exists(_actuele_leveringen())
        case ToewijzingStatus.GESTART | ToewijzingStatus.GESTOPT:
            soort = (
                LeveringSoort.START
                if status == ToewijzingStatus.GESTART
                else LeveringSoort.STOP
            )
            return levend & Q(Exact(_laatste_levering_soort(), soort))
    return Q(pk__in=[])


def met_retour(qs: QuerySet) -> QuerySet:
    """Annotate the retourcodes and BerichtIdentificatie of the 302 on the last 301."""
    retour = Bericht.objects.filter(heenbericht=OuterRef("bericht_id")).order_by("-id")
    return qs.annotate(
        retour_retourcodes=Subquery(retour.values("retourcodes")[:1]),
        retour_ontvangen=Exists(retour),
    )


def toewijzing_list(user, filters: dict[str, Any] | None = None) -> QuerySet:
    """Toewijzingen the user may see, with `status` and the 302 retourcodes.

    filters: client (id), aanbieder (id), status (ToewijzingStatus), bsn, actueel (bool).
    """
    filters = filters or {}
    qs = met_retour(
        met_status(Toewijzing.objects.visible_to(user)).select_related(
            "client", "aanbieder", "gemeente", "product", "contract", "bericht"
        )
    )
    if filters.get("client"):
        qs = qs.filter(client_id=filters["client"])
    if filters.get("aanbieder"):
        qs = qs.filter(aanbieder_id=filters["aanbieder"])
    if filters.get("bsn"):
        qs = qs.filter(client__bsn=filters["bsn"])
    if filters.get("status"):
        qs = qs.filter(status_q(filters["status"]))
    if filters.get("actueel"):
        qs = qs.filter(actueel_q(timezone.localdate()))
    # Newest first, as the index (party, toewijzingsdatum, nummer) is ordered.
    return qs.order_by("-toewijzingsdatum", "-toewijzing_nummer")


def toewijzing_detail(user, pk: int) -> Toewijzing:
    """One toewijzing with its leveringen and verzoekproducten prefetched (404-safe: raises DoesNotExist)."""
    return (
        met_retour(met_status(Toewijzing.objects.visible_to(user)))
        .select_related(
            "client", "aanbieder", "gemeente", "product", "contract", "bericht"
        )
        .prefetch_related(
            Prefetch("leveringen", queryset=Levering.objects.select_related("bericht"))
        )
        .get(pk=pk)
    )


def client_list(user, filters: dict[str, Any] | None = None) -> QuerySet:
    """Cliënten with the number of actual toewijzingen (`aantal_actueel`).

    filters: zoek (BSN or achternaam)."""
    filters = filters or {}
    vandaag = timezone.localdate()
    # A correlated count per cliënt (index on client): only the page's rows are
    # counted, instead of grouping all toewijzingen of all cliënten.
    aantal = (
        Toewijzing.objects.visible_to(user)
        .filter(actueel_q(vandaag), client=OuterRef("pk"))
        .order_by()
        .values("client")
        .annotate(n=Count("*"))
        .values("n")
    )
    qs = Client.objects.visible_to(user).annotate(
        aantal_actueel=Coalesce(Subquery(aantal, output_field=IntegerField()), 0)
    )
    zoek = (filters.get("zoek") or "").strip()
    if zoek:
        qs = qs.filter(Q(bsn=zoek) | Q(achternaam__icontains=zoek))
    return qs.select_related("gemeente").order_by("achternaam", "bsn")


def verzoek_list(user, filters: dict[str, Any] | None = None) -> QuerySet:
    """The work list of verzoeken; filters: status, soort, open (bool: onderhanden)."""
    filters = filters or {}
    qs = (
        Verzoek.objects.visible_to(user)
        .select_related(
            "client", "aanbieder", "gemeente", "bericht", "antwoord_bericht"
        )
        .prefetch_related("producten__product", "producten__toewijzing")
    )
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("soort"):
        qs = qs.filter(soort=filters["soort"])
    if filters.get("open"):
        qs = qs.filter(status__in=VERZOEK_ONDERHANDEN)
    return qs.order_by("ingediend_op", "id")


def levering_list(user, filters: dict[str, Any] | None = None) -> QuerySet:
    """Start/stop aanleveringen; filters: toewijzing (id), soort."""
    filters = filters or {}
    qs = Levering.objects.visible_to(user).select_related(
        "toewijzing__client", "toewijzing__product", "bericht"
    )
    if filters.get("toewijzing"):
        qs = qs.filter(toewijzing_id=filters["toewijzing"])
    if filters.get("soort"):
        qs = qs.filter(soort=filters["soort"])
    return qs.order_by("-aangemaakt_op", "-id")


def signaal_list(user, filters: dict[str, Any] | None = None) -> QuerySet[Signaal]:
    """The party's stored deadline signals, soonest due first; filters: soort,
    status (default: open)."""
    filters = filters or {}
    qs = Signaal.objects.visible_to(user).filter(
        status=filters.get("status") or SignaalStatus.OPEN
    )
    if filters.get("soort"):
        qs = qs.filter(soort=filters["soort"])
    return qs.select_related("afgehandeld_door").order_by("uiterlijk", "id")
