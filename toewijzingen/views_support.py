"""Read helpers for the toewijzingen screens and API that the selectors lack:
heenberichten with the verdict of their retour, and computed date previews."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from berichten.models import Bericht
from berichten.weergave import retourcode_tekst
from toewijzingen import rules
from toewijzingen.constants import LeveringSoort, RedenBeeindiging, ToewijzingStatus
from toewijzingen.models import Levering, Toewijzing

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
    return rules.r_t6_einddatum(vandaag or timezone.localdate())


def einddatum_verhuizing(toewijzing: Toewijzing, vandaag: date | None = None) -> date:
    einddatum = rules.r_t7_einddatum(vandaag or timezone.localdate())
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
    einddatum = rules.r_t8_einddatum(max(s.einddatum for s in stops))
    return min(einddatum, toewijzing.einddatum or einddatum)


def met_statuslabel(toewijzingen):
    """Set `status_label` (Dutch) on rows annotated by selectors.met_status."""
    toewijzingen = list(toewijzingen)
    for toewijzing in toewijzingen:
        toewijzing.status_label = ToewijzingStatus(toewijzing.status).label
    return toewijzingen
