"""Writes on stamgegevens. Keyword-only, atomic, named <entiteit>_<werkwoord>."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.scoping import can_see
from stamgegevens import validators
from stamgegevens.constants import WIJZIGBARE_VELDEN, WijzigingStatus
from stamgegevens.models import Aanbieder, Wijzigingsverzoek


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
    *, user, aanbieder: Aanbieder, wijzigingen: dict[str, str], toelichting: str = ""
) -> Wijzigingsverzoek:
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
    )


def _check_beoordelaar(*, user, verzoek: Wijzigingsverzoek) -> None:
    if not (user.is_gemeente or user.is_beheerder) or not can_see(user, verzoek):
        raise ApplicationError(
            "Alleen een contractmanager van een gemeente met een contract met deze "
            "aanbieder kan dit verzoek beoordelen.",
            code="geen_toegang",
        )
    if verzoek.status != WijzigingStatus.INGEDIEND:
        raise ApplicationError("Dit verzoek is al beoordeeld.", code="al_beoordeeld")


@transaction.atomic
def wijzigingsverzoek_goedkeuren(
    *, user, verzoek: Wijzigingsverzoek, reden: str = ""
) -> Aanbieder:
    verzoek = Wijzigingsverzoek.objects.select_for_update().get(pk=verzoek.pk)
    _check_beoordelaar(user=user, verzoek=verzoek)
    try:
        aanbieder = _validated_aanbieder(verzoek.aanbieder, verzoek.wijzigingen)
    except ValidationError as exc:
        raise ApplicationError(
            "De wijziging kan niet meer worden doorgevoerd: " + "; ".join(exc.messages),
            code="ongeldig",
        ) from exc
    aanbieder._change_reason = f"Wijzigingsverzoek {verzoek.pk} goedgekeurd"
    aanbieder.save()
    verzoek.status = WijzigingStatus.GOEDGEKEURD
    verzoek.beoordeeld_door = user
    verzoek.beoordeeld_op = timezone.now()
    verzoek.reden = reden
    verzoek.save()
    return aanbieder


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


@transaction.atomic
def gemeente_instellingen_wijzigen(
    *, user, gemeente, declaraties_beoordelen: bool, betaalrekening: str = ""
):
    """A gemeente's own choices for declaraties: its contract managers or a beheerder."""
    if not (
        user.is_beheerder or (user.is_gemeente and user.gemeente_id == gemeente.pk)
    ):
        raise ApplicationError(
            "Alleen een contractmanager van deze gemeente of een beheerder wijzigt dit.",
            code="geen_toegang",
        )
    gemeente.declaraties_beoordelen = declaraties_beoordelen
    gemeente.betaalrekening = validators.normalise_iban(betaalrekening or "")
    try:
        gemeente.full_clean()
    except ValidationError as exc:
        raise ApplicationError("; ".join(exc.messages), code="ongeldig") from exc
    gemeente.save(update_fields=["declaraties_beoordelen", "betaalrekening"])
    return gemeente
