"""Writes on stamgegevens. Keyword-only, atomic, named <entiteit>_<werkwoord>."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.scoping import can_see
from stamgegevens import validators
from stamgegevens.constants import (
    WIJZIGBARE_VELDEN,
    WIJZIGING_OPEN,
    WijzigingStatus,
)
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Tarief,
    Wijzigingsverzoek,
    op_cent,
)

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
    aanbieder._change_reason = (  # type: ignore[attr-defined]  # django-simple-history
        f"Wijzigingsverzoek {verzoek.pk} (ingang {verzoek.ingangsdatum:%d-%m-%Y}) "
        f"goedgekeurd door {_goedkeurders(verzoek)}"
    )
    aanbieder._history_user = verzoek.beoordeeld_door  # type: ignore[attr-defined]
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


# --- tarieven per periode (R-D9, TR418) ------------------------------------------


@dataclass(frozen=True)
class Indexeringsregel:
    """One line of the preview: a product's tarief now and after the indexation."""

    contractproduct: ContractProduct
    huidig: Tarief
    nieuw_bedrag: int

    @property
    def verschil(self) -> int:
        return self.nieuw_bedrag - self.huidig.bedrag


def geindexeerd(bedrag: int, percentage: Decimal) -> int:
    """`bedrag` (eurocent) raised by `percentage` %, rounded to the cent half up
    (ROUND_HALF_UP: 42,125 → 42,13); the same rule for every product."""
    return op_cent(Decimal(bedrag) * (Decimal(100) + percentage) / Decimal(100))


def _eis_contractbeheerder(user, contract: Contract) -> None:
    """Only a contract manager of the opdrachtgever (the gemeente, or a gemeente of
    the regio) changes the tarieven of a contract: the tarief is an agreement
    between opdrachtgever and aanbieder. Not the aanbieder, not a beheerder (who
    keeps the product table)."""
    if not getattr(user, "is_gemeente", False) or not can_see(user, contract):
        raise ApplicationError(
            "Alleen een contractmanager van de opdrachtgever van dit contract kan "
            "de tarieven indexeren.",
            code="geen_toegang",
        )


def indexering_voorstel(
    *, contract: Contract, percentage: Decimal, ingangsdatum: date
) -> list[Indexeringsregel]:
    """The new tarieven from `ingangsdatum`, not saved: each product's tarief of
    the day before, raised by `percentage`. Refused when a product already has a
    tarief from that date on, or the contract has ended by then."""
    if not Decimal(-100) < percentage <= Decimal(100):
        raise ApplicationError("Het percentage ligt tussen -100 en 100.")
    if not contract.is_geldig_op(ingangsdatum):
        raise ApplicationError(
            f"Het contract loopt op {ingangsdatum:%d-%m-%Y} niet (meer).",
            code="contract",
        )
    dag_ervoor = ingangsdatum - timedelta(days=1)
    regels = []
    for cp in (
        contract.contractproducten.select_related("product")
        .prefetch_related("tarieven")
        .order_by("product__categorie", "product__code")
    ):
        if any(t.geldig_van >= ingangsdatum for t in cp.tarieven.all()):
            raise ApplicationError(
                f"Product {cp.product.code} heeft al een tarief vanaf "
                f"{ingangsdatum:%d-%m-%Y} of later.",
                code="overlap",
            )
        huidig = cp.tarief_op(dag_ervoor)
        if huidig is not None:
            regels.append(
                Indexeringsregel(cp, huidig, geindexeerd(huidig.bedrag, percentage))
            )
    if not regels:
        raise ApplicationError(
            f"Geen enkel product van dit contract heeft een tarief op "
            f"{dag_ervoor:%d-%m-%Y}.",
            code="geen_tarief",
        )
    return regels


@transaction.atomic
def contract_indexeren(
    *, user, contract: Contract, percentage: Decimal, ingangsdatum: date
) -> list[Tarief]:
    """A new tarief period from `ingangsdatum` for every product of the contract
    (the yearly indexation); the period before ends the day before. Nothing is
    overwritten, so lines of earlier periods keep their tarief (TR418)."""
    _eis_contractbeheerder(user, contract)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    return tarieven_indexeren(
        contract=contract, percentage=percentage, ingangsdatum=ingangsdatum
    )


def tarieven_indexeren(
    *, contract: Contract, percentage: Decimal, ingangsdatum: date
) -> list[Tarief]:
    """The write of `contract_indexeren` without the role check (demo data)."""
    nieuw = []
    for regel in indexering_voorstel(
        contract=contract, percentage=percentage, ingangsdatum=ingangsdatum
    ):
        oud = regel.huidig
        tot = oud.geldig_tot
        oud.geldig_tot = ingangsdatum - timedelta(days=1)
        oud._change_reason = (  # type: ignore[attr-defined]  # django-simple-history
            f"Geïndexeerd met {percentage}% per {ingangsdatum:%d-%m-%Y}"
        )
        oud.save(update_fields=["geldig_tot"])
        tarief = Tarief(
            contractproduct=regel.contractproduct,
            geldig_van=ingangsdatum,
            geldig_tot=tot,
            bedrag=regel.nieuw_bedrag,
            per_uur=oud.per_uur,
        )
        tarief._change_reason = oud._change_reason  # type: ignore[attr-defined]
        tarief.full_clean()
        tarief.save()
        nieuw.append(tarief)
    return nieuw


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
