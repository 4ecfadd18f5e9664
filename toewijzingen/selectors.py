"""Scoped reads for screens, API and services; one query per list, not per row.
Also the display rows the screens need: heenberichten with the verdict of their
retour, and computed date previews."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

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
from django.db.models.lookups import Exact, IsNull
from django.utils import timezone

from berichten.models import Bericht
from berichten.selectors import retourcode_tekst
from core.selectie import Filters
from toewijzingen import regels
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    LeveringSoort,
    RedenBeeindiging,
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
    # "Received" from the same LIMIT 1 lookup, not an EXISTS: PostgreSQL plans an
    # EXISTS in the select list as a hash of every retour, even for a page of 50.
    return qs.annotate(
        retour_retourcodes=Subquery(retour.values("retourcodes")[:1]),
        retour_ontvangen=IsNull(Subquery(retour.values("id")[:1]), False),
    )


def toewijzing_list(*, user, filters: Filters = None) -> QuerySet:
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


def toewijzing_detail(*, user, pk: int) -> Toewijzing:
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


def client_list(*, user, filters: Filters = None) -> QuerySet:
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


def verzoek_list(*, user, filters: Filters = None) -> QuerySet:
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


def levering_list(*, user, filters: Filters = None) -> QuerySet:
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


def signaal_list(*, user, filters: Filters = None) -> QuerySet[Signaal]:
    """The party's stored deadline signals, soonest due first; filters: soort,
    status (default: open)."""
    filters = filters or {}
    qs = Signaal.objects.visible_to(user).filter(
        status=filters.get("status") or SignaalStatus.OPEN
    )
    if filters.get("soort"):
        qs = qs.filter(soort=filters["soort"])
    return qs.select_related("afgehandeld_door").order_by("uiterlijk", "id")


# --- display rows and previews ------------------------------------------------

GEEN_OPMERKING = "0200"


@dataclass
class Retourcode:
    code: str
    tekst: str


@dataclass
class BerichtMetRetour:
    """A heenbericht (301, 305, 307, 315, 317, 319) and what its retour said."""

    bericht: Bericht
    retour: Bericht | None
    retourcodes: list[Retourcode] = field(default_factory=list)
    redenen: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.retour is None:
            return "geen retour"
        return "afgekeurd" if self.retourcodes else "geaccepteerd"


def _met_retour(bericht: Bericht) -> BerichtMetRetour:
    retouren = sorted(bericht.retourberichten.all(), key=lambda r: r.pk)
    retour = retouren[-1] if retouren else None
    bevindingen = [
        b
        for b in [*(bericht.bevindingen or []), *(retour.bevindingen if retour else [])]
        if b.get("retourcode")
    ]
    codes = {b["retourcode"] for b in bevindingen}
    if retour is not None:
        codes.update(retour.retourcodes or [])
    codes.discard(GEEN_OPMERKING)
    return BerichtMetRetour(
        bericht=bericht,
        retour=retour,
        retourcodes=[Retourcode(c, retourcode_tekst(c)) for c in sorted(codes)],
        redenen=[f"{b.get('tekst', '')} ({b.get('regel', '')})" for b in bevindingen],
    )


def berichten_met_retour(user, condition: Q) -> list[BerichtMetRetour]:
    """The heenberichten the user may see that match `condition`, newest first;
    two queries, whatever their number."""
    retouren = Bericht.objects.defer("inhoud").order_by("id")
    berichten = (
        Bericht.objects.visible_to(user)
        .filter(condition)
        .defer("inhoud")
        .prefetch_related(Prefetch("retourberichten", queryset=retouren))
        .order_by("-aangemaakt_op", "-id")
    )
    return [_met_retour(b) for b in berichten]


def toewijzingberichten(user, toewijzing: Toewijzing) -> list[BerichtMetRetour]:
    """The 301s for this cliënt and aanbieder (each carries all their toewijzingen)
    and the 305/307 of this toewijzing, with their retours."""
    leveringen = Levering.objects.filter(toewijzing=toewijzing).values("bericht_id")
    return berichten_met_retour(
        user,
        Q(
            bericht_type="WMO301",
            gemeente_id=toewijzing.gemeente_id,
            aanbieder_id=toewijzing.aanbieder_id,
            bsn=toewijzing.client.bsn,
        )
        | Q(pk__in=leveringen),
    )


def verzoekberichten(user, verzoek) -> list[BerichtMetRetour]:
    ids = [pk for pk in (verzoek.bericht_id, verzoek.antwoord_bericht_id) if pk]
    return berichten_met_retour(user, Q(pk__in=ids))


# --- date previews (shown before the user confirms) ----------------------------------


def einddatum_beeindigen(vandaag: date | None = None) -> date:
    return regels.r_t6_einddatum(vandaag or timezone.localdate())


def einddatum_verhuizing(toewijzing: Toewijzing, vandaag: date | None = None) -> date:
    einddatum = regels.r_t7_einddatum(vandaag or timezone.localdate())
    return min(einddatum, toewijzing.einddatum or einddatum)


def einddatum_overlijden(toewijzing: Toewijzing) -> date | None:
    """R-T8: end of the month of the stop with reden overlijden; None without one."""
    stops = [
        levering
        for levering in toewijzing.leveringen.all()
        if levering.soort == LeveringSoort.STOP
        and levering.is_actueel
        and levering.reden_beeindiging == RedenBeeindiging.OVERLIJDEN
    ]
    if not stops:
        return None
    einddatum = regels.r_t8_einddatum(max(s.einddatum for s in stops))
    return min(einddatum, toewijzing.einddatum or einddatum)


def met_statuslabel(toewijzingen):
    """Set `status_label` (Dutch) on rows annotated by selectors.met_status."""
    toewijzingen = list(toewijzingen)
    for toewijzing in toewijzingen:
        toewijzing.status_label = ToewijzingStatus(toewijzing.status).label
    return toewijzingen
