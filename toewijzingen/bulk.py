"""Bulk actions on toewijzingen and verzoeken, each as one background job.

- start zorg for many toewijzingen (aanbieder): one begindatum, each toewijzing
  checked by `services.start_zorg_melden` and sending its own WMO305;
- answer several verzoeken (gemeente): honour (301), reject or in onderzoek (319)
  through the same services as the verzoek's own page.

Items are looked up scoped to the job's user: another party's id is refused for
that item only (core.bulkacties).
"""

from datetime import date

from django.urls import reverse

from core import bulkacties, taken
from core.exceptions import ApplicationError
from toewijzingen import services
from toewijzingen.constants import REDEN_AFWIJZING_CHOICES
from toewijzingen.models import Toewijzing, Verzoek

HONOREREN, AFWIJZEN, IN_ONDERZOEK = "honoreren", "afwijzen", "in_onderzoek"
BESLUITEN = {
    HONOREREN: "gehonoreerd (WMO301)",
    AFWIJZEN: "afgewezen (WMO319)",
    IN_ONDERZOEK: "in onderzoek gemeld (WMO319)",
}


def _toewijzing_url(toewijzing: Toewijzing) -> str:
    return reverse("toewijzingen:toewijzing-detail", args=[toewijzing.pk])


def _verzoek_url(verzoek: Verzoek) -> str:
    return reverse("toewijzingen:verzoek-detail", args=[verzoek.pk])


# --- start zorg ---------------------------------------------------------------------


def bulk_start_zorg_starten(*, user, toewijzing_ids: list[int], begindatum: date):
    """Start the job that reports start zorg for every selected toewijzing."""
    if not user.is_aanbieder:
        raise ApplicationError(
            "Alleen een aanbieder meldt de start zorg.", code="geen_toegang"
        )
    return taken.taak_starten(
        user=user,
        soort=f"Start zorg melden voor {len(toewijzing_ids)} toewijzingen",
        functie=bulk_start_zorg,
        toewijzing_ids=toewijzing_ids,
        begindatum=begindatum.isoformat(),
    )


def bulk_start_zorg(taak, *, toewijzing_ids: list[int], begindatum: str) -> dict:
    """The job: a WMO305 per toewijzing, each in its own transaction."""
    user, begin = taak.gebruiker, date.fromisoformat(begindatum)

    def vind(pk: int) -> Toewijzing | None:
        return (
            Toewijzing.objects.visible_to(user)
            .select_related("gemeente", "aanbieder", "client", "product", "contract")
            .filter(pk=pk)
            .first()
        )

    def actie(toewijzing: Toewijzing) -> tuple[str, str]:
        services.start_zorg_melden(user=user, toewijzing=toewijzing, begindatum=begin)
        return "start zorg gemeld (WMO305)", _toewijzing_url(toewijzing)

    return bulkacties.per_item(
        taak,
        ids=toewijzing_ids,
        vind=vind,
        actie=actie,
        naam=lambda t: f"Toewijzing {t.toewijzing_nummer}",
    )


# --- verzoeken beantwoorden -----------------------------------------------------------


def bulk_verzoeken_beantwoorden_starten(
    *, user, verzoek_ids: list[int], besluit: str, reden_afwijzing: str = ""
):
    """Start the job that answers every selected verzoek with the same besluit."""
    if not user.is_gemeente:
        raise ApplicationError(
            "Alleen een gemeente beantwoordt verzoeken.", code="geen_toegang"
        )
    if besluit not in BESLUITEN:
        raise ApplicationError("Kies een besluit.", code="besluit")
    if besluit == AFWIJZEN and reden_afwijzing not in dict(REDEN_AFWIJZING_CHOICES):
        raise ApplicationError(
            "Kies een reden van afwijzing (CD085).", code="reden_afwijzing"
        )
    return taken.taak_starten(
        user=user,
        soort=f"{len(verzoek_ids)} verzoeken beantwoorden ({besluit.replace('_', ' ')})",
        functie=bulk_verzoeken_beantwoorden,
        verzoek_ids=verzoek_ids,
        besluit=besluit,
        reden_afwijzing=reden_afwijzing,
    )


def bulk_verzoeken_beantwoorden(
    taak, *, verzoek_ids: list[int], besluit: str, reden_afwijzing: str = ""
) -> dict:
    """The job: each verzoek answered by the service of its own page."""
    user = taak.gebruiker

    def vind(pk: int) -> Verzoek | None:
        return (
            Verzoek.objects.visible_to(user)
            .select_related("gemeente", "aanbieder", "client")
            .filter(pk=pk)
            .first()
        )

    def actie(verzoek: Verzoek) -> tuple[str, str]:
        if besluit == HONOREREN:
            services.verzoek_honoreren(user=user, verzoek=verzoek)
        elif besluit == AFWIJZEN:
            services.verzoek_afwijzen(
                user=user, verzoek=verzoek, reden_afwijzing=reden_afwijzing
            )
        else:
            services.verzoek_in_onderzoek(user=user, verzoek=verzoek)
        return BESLUITEN[besluit], _verzoek_url(verzoek)

    return bulkacties.per_item(
        taak,
        ids=verzoek_ids,
        vind=vind,
        actie=actie,
        naam=lambda v: f"{v.get_soort_display()} {v.referentie_aanbieder}",
    )
