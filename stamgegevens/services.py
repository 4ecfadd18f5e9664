"""Writes on stamgegevens. Keyword-only, atomic, named <entiteit>_<werkwoord>."""

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.scoping import can_see
from stamgegevens.constants import (
    WIJZIGBARE_VELDEN,
    WIJZIGING_OPEN,
    WijzigingStatus,
)
from stamgegevens.models import Aanbieder, Wijzigingsverzoek

logger = logging.getLogger(__name__)


def _validated_aanbieder(
    aanbieder: Aanbieder, wijzigingen: dict[str, str]
) -> Aanbieder:
    """A copy of the aanbieder with the changes applied, fully validated."""
    kandidaat = Aanbieder.objects.get(pk=aanbieder.pk)
    for veld, waarde in wijzigingen.items():
        setattr(kandidaat, veld, waarde)
    kandidaat.clean()
    kandidaat.full_clean(exclude=None)
    return kandidaat


@transaction.atomic
def wijzigingsverzoek_indienen(
    *,
    user,
    aanbieder: Aanbieder,
    wijzigingen: dict[str, str],
    toelichting: str = "",
    ingangsdatum: date | None = None,
) -> Wijzigingsverzoek:
    """R-G1: propose a change that takes effect on `ingangsdatum` (default today)
    once approved; nothing changes before then."""
    vandaag = timezone.localdate()
    ingangsdatum = ingangsdatum or vandaag
    if ingangsdatum < vandaag:
        raise ApplicationError(
            "De ingangsdatum ligt in het verleden; een wijziging gaat op zijn "
            "vroegst vandaag in (R-G1).",
            code="ingangsdatum",
        )
    if not user.is_aanbieder or user.aanbieder_id != aanbieder.pk:
        raise ApplicationError(
            "Alleen een medewerker van deze aanbieder kan een wijziging indienen.",
            code="geen_toegang",
        )
    onbekend = set(wijzigingen) - set(WIJZIGBARE_VELDEN)
    if onbekend:
        raise ApplicationError(
            f"Deze velden kunt u niet wijzigen: {', '.join(sorted(onbekend))}."
        )
    wijzigingen = {
        veld: str(waarde).strip()
        for veld, waarde in wijzigingen.items()
        if str(waarde).strip() != str(getattr(aanbieder, veld))
    }
    if not wijzigingen:
        raise ApplicationError(
            "Het verzoek bevat geen wijziging.", code="geen_wijziging"
        )
    kandidaat = _validated_aanbieder(aanbieder, wijzigingen)
    # Store the normalised values (e.g. IBAN without spaces) as they would be applied.
    wijzigingen = {veld: getattr(kandidaat, veld) for veld in wijzigingen}
    return Wijzigingsverzoek.objects.create(
        aanbieder=aanbieder,
        wijzigingen=wijzigingen,
        oude_waarden={veld: getattr(aanbieder, veld) for veld in wijzigingen},
        toelichting=toelichting,
        ingediend_door=user,
        ingangsdatum=ingangsdatum,
    )


def _check_beoordelaar(*, user, verzoek: Wijzigingsverzoek) -> None:
    if not (user.is_gemeente or user.is_beheerder) or not can_see(user, verzoek):
        raise ApplicationError(
            "Alleen een contractmanager van een gemeente met een contract met deze "
            "aanbieder kan dit verzoek beoordelen.",
            code="geen_toegang",
        )
    if verzoek.status not in WIJZIGING_OPEN:
        raise ApplicationError("Dit verzoek is al beoordeeld.", code="al_beoordeeld")


def _goedkeurders(verzoek: Wijzigingsverzoek) -> str:
    namen = [verzoek.eerste_akkoord_door, verzoek.beoordeeld_door]
    return " en ".join(str(n) for n in namen if n is not None)


def _doorvoeren(verzoek: Wijzigingsverzoek) -> Aanbieder:
    """Apply an approved change to the aanbieder; history names the approvers."""
    try:
        aanbieder = _validated_aanbieder(verzoek.aanbieder, verzoek.wijzigingen)
    except ValidationError as exc:
        raise ApplicationError(
            "De wijziging kan niet meer worden doorgevoerd: " + "; ".join(exc.messages),
            code="ongeldig",
        ) from exc
    aanbieder._change_reason = (
        f"Wijzigingsverzoek {verzoek.pk} (ingang {verzoek.ingangsdatum:%d-%m-%Y}) "
        f"goedgekeurd door {_goedkeurders(verzoek)}"
    )
    aanbieder._history_user = verzoek.beoordeeld_door
    aanbieder.save()
    verzoek.doorgevoerd_op = timezone.now()
    verzoek.save(update_fields=["doorgevoerd_op"])
    return aanbieder


@transaction.atomic
def wijzigingsverzoek_goedkeuren(
    *, user, verzoek: Wijzigingsverzoek, reden: str = ""
) -> Wijzigingsverzoek:
    """R-G1: approve. An IBAN or AGB change needs two different contract managers:
    the first approval is recorded, the second (another person) decides. The
    change is applied at once when its ingangsdatum has come, otherwise on that
    date by `wijzigingsverzoeken_doorvoeren`."""
    verzoek = Wijzigingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    _check_beoordelaar(user=user, verzoek=verzoek)
    # Refuse a change that could not be applied any more before recording anything.
    try:
        _validated_aanbieder(verzoek.aanbieder, verzoek.wijzigingen)
    except ValidationError as exc:
        raise ApplicationError(
            "De wijziging kan niet meer worden doorgevoerd: " + "; ".join(exc.messages),
            code="ongeldig",
        ) from exc
    nu = timezone.now()
    if verzoek.vier_ogen and verzoek.status == WijzigingStatus.INGEDIEND:
        verzoek.status = WijzigingStatus.EERSTE_AKKOORD
        verzoek.eerste_akkoord_door = user
        verzoek.eerste_akkoord_op = nu
        verzoek.reden = reden
        verzoek.save()
        return verzoek
    if verzoek.eerste_akkoord_door_id == user.pk:
        raise ApplicationError(
            "U heeft dit verzoek al goedgekeurd. Een wijziging van IBAN of AGB-code "
            "moet door een tweede, andere contractmanager worden goedgekeurd "
            "(vier ogen, R-G1).",
            code="vier_ogen",
        )
    verzoek.status = WijzigingStatus.GOEDGEKEURD
    verzoek.beoordeeld_door = user
    verzoek.beoordeeld_op = nu
    verzoek.reden = "\n".join(r for r in (verzoek.reden, reden) if r)
    verzoek.save()
    if verzoek.ingangsdatum <= timezone.localdate():
        _doorvoeren(verzoek)
    return verzoek


def wijzigingsverzoeken_doorvoeren(*, vandaag: date | None = None) -> list[int]:
    """R-G1: apply every approved change whose ingangsdatum has come (daily by
    celery beat, or `manage.py wijzigingen_doorvoeren`). Each in its own
    transaction; one that can no longer be applied is logged and left waiting."""
    vandaag = vandaag or timezone.localdate()
    klaar = Wijzigingsverzoek.objects.filter(
        status=WijzigingStatus.GOEDGEKEURD,
        doorgevoerd_op__isnull=True,
        ingangsdatum__lte=vandaag,
    ).order_by("ingangsdatum", "id")
    doorgevoerd = []
    for pk in klaar.values_list("pk", flat=True):
        with transaction.atomic():
            verzoek = (
                Wijzigingsverzoek.objects.select_for_update(of=("self",))
                .select_related("aanbieder", "eerste_akkoord_door", "beoordeeld_door")
                .get(pk=pk)
            )
            if verzoek.doorgevoerd_op is not None:
                continue
            try:
                _doorvoeren(verzoek)
            except ApplicationError as exc:
                logger.error("Wijzigingsverzoek %s: %s", pk, exc.message)
                continue
            doorgevoerd.append(pk)
    return doorgevoerd


@transaction.atomic
def wijzigingsverzoek_afwijzen(
    *, user, verzoek: Wijzigingsverzoek, reden: str
) -> Wijzigingsverzoek:
    verzoek = Wijzigingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    _check_beoordelaar(user=user, verzoek=verzoek)
    if not reden.strip():
        raise ApplicationError(
            "Geef een reden voor de afwijzing.", code="reden_verplicht"
        )
    verzoek.status = WijzigingStatus.AFGEWEZEN
    verzoek.beoordeeld_door = user
    verzoek.beoordeeld_op = timezone.now()
    verzoek.reden = reden.strip()
    verzoek.save()
    return verzoek
