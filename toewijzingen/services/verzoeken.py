"""Verzoeken (WMO315/317) by the aanbieder and the gemeente's answers: honoured
with a 301, or a 319 (afgewezen, in onderzoek)."""

import datetime as dt
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from berichten.models import Bericht
from core.exceptions import ApplicationError
from core.scoping import can_see
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from toewijzingen import mappers, regels
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    RedenWijziging,
    VerzoekAntwoord,
    VerzoekProductSoort,
    VerzoekSoort,
    VerzoekStatus,
)
from toewijzingen.models import (
    Client,
    Toewijzing,
    Verzoek,
    VerzoekProduct,
)
from toewijzingen.regels import weiger
from toewijzingen.selectors import (
    actuele_toewijzingen,
)
from toewijzingen.services.clienten import ClientGegevens, verzoek_client
from toewijzingen.services.gedeeld import (
    _eis_aanbieder,
    _eis_gemeente,
    _header,
    _verstuurd,
)
from toewijzingen.services.toewijzingen import (
    ToewijzingGegevens,
    _nieuwe_toewijzing,
    _toewijzingen_versturen,
    _tr385,
    _vastgesteld,
)


@dataclass(kw_only=True)
class GewenstProduct:
    """A product asked for: new (`product`) or a change of `toewijzing` (317)."""

    ingangsdatum: date
    product: Product | None = None
    toewijzing: Toewijzing | None = None
    einddatum: date | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None


@dataclass(kw_only=True)
class AangevraagdProduct(GewenstProduct):
    """An AangevraagdProduct of a 315, with its own ReferentieAanbieder."""

    referentie_aanbieder: str
    verwijzer_type: str
    verwijzer_naam: str = ""
    verwijzer_zorgverlener_code: str = ""
    beschikking_nummer: int | None = None
    beschikking_ingangsdatum: date | None = None
    commentaar: str = ""


def _omvang_velden(p: GewenstProduct) -> dict:
    return {
        "volume": p.volume,
        "eenheid": p.eenheid,
        "frequentie": p.frequentie,
        "budget": p.budget,
    }


def _controleer_gewenst(p: GewenstProduct) -> None:
    if p.volume is not None or p.budget is not None or p.eenheid:
        weiger(regels.r_t4_omvang(**_omvang_velden(p), einddatum=p.einddatum))
    weiger(regels.cs003_einddatum(p.ingangsdatum, p.einddatum))
    product = p.toewijzing.product if p.toewijzing else p.product
    if product is not None:  # R-T4: also when the gemeente is not in the portal
        weiger(
            regels.r_t4_eenheid_van_product(
                eenheid=p.eenheid,
                product_eenheid=product.eenheid,
                product_code=product.code,
            )
        )


def verzoek_regels(
    *,
    aanbieder_id: int,
    client: Client | None,
    referenties: list[str],
    bericht: Bericht | None = None,
) -> regels.Overtreding | None:
    """TR383, TR347 and TR374 against verzoeken of other berichten."""
    eerder = Verzoek.objects.filter(aanbieder_id=aanbieder_id)
    if bericht is not None:
        eerder = eerder.exclude(bericht=bericht)
    if len(set(referenties)) != len(referenties):
        return regels.Overtreding(
            "TR383",
            "0001",
            "Elk aangevraagd product heeft een eigen ReferentieAanbieder.",
        )
    return regels.eerste(
        regels.tr347_referentie_uniek(
            al_gebruikt=eerder.filter(referentie_aanbieder__in=referenties).exists()
        ),
        regels.tr374_geen_onderhanden_verzoek(
            onderhanden=client is not None
            and eerder.filter(client=client, status__in=VERZOEK_ONDERHANDEN).exists()
        ),
    )


def verzoeken_vastleggen(
    *, verzoeken: list[tuple[Verzoek, list[VerzoekProduct]]], bericht: Bericht | None
) -> list[Verzoek]:
    """Store verzoeken with their products; idempotent per Bericht (handler and sender)."""
    if bericht is not None:
        bestaand = list(Verzoek.objects.filter(bericht=bericht))
        if bestaand:
            return bestaand
    for verzoek, producten in verzoeken:
        verzoek.bericht = bericht
        verzoek.save()
        for vp in producten:
            vp.verzoek = verzoek
        VerzoekProduct.objects.bulk_create(producten)
    return [v for v, _ in verzoeken]


def _verzoek_contract(user, gemeente: Gemeente) -> Aanbieder:
    _eis_aanbieder(user)
    if not Contract.objects.filter(
        Contract.scope_gemeente(gemeente.pk), aanbieder_id=user.aanbieder_id
    ).exists():
        raise ApplicationError(
            "Uw organisatie heeft geen contract met deze gemeente.", code="R-T1"
        )
    return user.aanbieder


@transaction.atomic
def verzoek_om_toewijzing_indienen(
    *,
    user,
    gemeente: Gemeente,
    client: Client | ClientGegevens,
    producten: list[AangevraagdProduct],
    commentaar: str = "",
) -> list[Verzoek]:
    """WMO315: one Verzoek per aangevraagd product (each answered on its own)."""
    aanbieder = _verzoek_contract(user, gemeente)
    if isinstance(client, Client):
        if client.gemeente_id != gemeente.pk or not can_see(user, client):
            raise ApplicationError("Deze cliënt is niet bekend.", code="geen_toegang")
        opgegeven = ClientGegevens.van_client(client)
    else:
        # The 315 carries what the aanbieder gave, even for a BSN the gemeente
        # knows; the gemeente sees both, the aanbieder only its own.
        opgegeven = client
        client = verzoek_client(gemeente=gemeente, gegevens=client)
    if not producten:
        raise ApplicationError("Vraag minstens één product aan.")
    for p in producten:
        _controleer_gewenst(p)
    weiger(
        verzoek_regels(
            aanbieder_id=aanbieder.pk,
            client=client,
            referenties=[p.referentie_aanbieder for p in producten],
        )
    )
    verzoeken = [
        (
            Verzoek(
                soort=VerzoekSoort.TOEWIJZING,
                gemeente=gemeente,
                aanbieder=aanbieder,
                client=client,
                referentie_aanbieder=p.referentie_aanbieder,
                commentaar=commentaar,
                opgegeven_client=opgegeven.als_dict(),
            ),
            [
                VerzoekProduct(
                    soort=VerzoekProductSoort.AANGEVRAAGD,
                    product=p.product,
                    ingangsdatum=p.ingangsdatum,
                    einddatum=p.einddatum,
                    beschikking_nummer=p.beschikking_nummer,
                    beschikking_ingangsdatum=p.beschikking_ingangsdatum,
                    verwijzer_type=p.verwijzer_type,
                    verwijzer_naam=p.verwijzer_naam,
                    verwijzer_zorgverlener_code=p.verwijzer_zorgverlener_code,
                    commentaar=p.commentaar,
                    **_omvang_velden(p),
                )
            ],
        )
        for p in producten
    ]
    message = mappers.wmo315(
        header=_header("WMO315", gemeente, aanbieder),
        client=opgegeven,
        aanvragen=verzoeken,
        commentaar=commentaar,
    )
    bericht = _verstuurd(message, user=user)
    return verzoeken_vastleggen(verzoeken=verzoeken, bericht=bericht)


@transaction.atomic
def verzoek_om_wijziging_indienen(
    *,
    user,
    client: Client,
    referentie_aanbieder: str,
    reden_verzoek: str,
    producten: list[GewenstProduct],
) -> Verzoek:
    """WMO317: changes of current toewijzingen (`toewijzing` set) and new products;
    every other current toewijzing goes along as ongewijzigd (TR349)."""
    _eis_aanbieder(user)
    aanbieder = user.aanbieder
    vandaag = timezone.localdate()
    actueel = {
        t.pk: t
        for t in actuele_toewijzingen(
            client=client, aanbieder=aanbieder, vandaag=vandaag
        )
    }
    te_wijzigen = [p for p in producten if p.toewijzing is not None]
    nieuw = [p for p in producten if p.toewijzing is None]
    if any(p.toewijzing.pk not in actueel for p in te_wijzigen):
        raise ApplicationError(
            "U kunt alleen een actuele toewijzing van deze cliënt laten wijzigen.",
            code="TR349",
        )
    if any(p.product is None for p in nieuw):
        raise ApplicationError("Kies bij een nieuw product het product.")
    gewijzigd = {p.toewijzing.pk for p in te_wijzigen}
    ongewijzigd = [t for pk, t in actueel.items() if pk not in gewijzigd]
    for p in producten:
        _controleer_gewenst(p)
        weiger(
            regels.tr380_gewenste_ingangsdatum(
                gewenst=p.ingangsdatum,
                dagtekening=vandaag,
                oorspronkelijk=p.toewijzing.ingangsdatum if p.toewijzing else None,
            )
        )
    weiger(
        regels.tr352_tr353_verzoek_om_wijziging(
            ongewijzigd=len(ongewijzigd), te_wijzigen=len(te_wijzigen), nieuw=len(nieuw)
        ),
        verzoek_regels(
            aanbieder_id=aanbieder.pk, client=client, referenties=[referentie_aanbieder]
        ),
    )
    verzoek = Verzoek(
        soort=VerzoekSoort.WIJZIGING,
        gemeente=client.gemeente,
        aanbieder=aanbieder,
        client=client,
        referentie_aanbieder=referentie_aanbieder,
        reden_verzoek=reden_verzoek,
    )
    vps = [
        VerzoekProduct(soort=VerzoekProductSoort.ONGEWIJZIGD, toewijzing=t)
        for t in ongewijzigd
    ] + [
        VerzoekProduct(
            soort=VerzoekProductSoort.TE_WIJZIGEN
            if p.toewijzing
            else VerzoekProductSoort.NIEUW,
            toewijzing=p.toewijzing,
            product=p.product,
            ingangsdatum=p.ingangsdatum,
            einddatum=p.einddatum,
            **_omvang_velden(p),
        )
        for p in producten
    ]
    message = mappers.wmo317(
        header=_header("WMO317", client.gemeente, aanbieder),
        verzoek=verzoek,
        producten=vps,
    )
    bericht = _verstuurd(message, user=user)
    return verzoeken_vastleggen(verzoeken=[(verzoek, vps)], bericht=bericht)[0]


def _te_beantwoorden(user, verzoek: Verzoek, *, in_onderzoek: bool = False) -> Verzoek:
    _eis_gemeente(user, verzoek.gemeente_id)
    verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
    weiger(regels.tr359_antwoord_mogelijk(verzoek.status, in_onderzoek=in_onderzoek))
    return verzoek


def _beantwoord(
    verzoek: Verzoek, *, status: str, bericht: Bericht, reden_afwijzing: str = ""
) -> None:
    verzoek.status = status
    verzoek.reden_afwijzing = reden_afwijzing
    verzoek.antwoord_bericht = bericht
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(
        update_fields=["status", "reden_afwijzing", "antwoord_bericht", "beantwoord_op"]
    )


def _nieuw_voor_verzoek(
    verzoek: Verzoek, vp: VerzoekProduct, product: Product | None
) -> Toewijzing:
    """A new toewijzing for a VerzoekProduct (TR379: ReferentieAanbieder copied)."""
    if product is None:
        raise ApplicationError(
            "Het gevraagde product is niet bekend in de producttabel.", code="R-T1"
        )
    return _nieuwe_toewijzing(
        client=verzoek.client,
        gegevens=ToewijzingGegevens(
            aanbieder=verzoek.aanbieder,
            product=product,
            ingangsdatum=vp.ingangsdatum,
            einddatum=vp.einddatum,
            volume=vp.volume,
            eenheid=vp.eenheid,
            frequentie=vp.frequentie,
            budget=vp.budget,
            commentaar=vp.commentaar,
        ),
        referentie_aanbieder=verzoek.referentie_aanbieder,
        tot_contracteinde=True,
    )


def _honoreer_product(verzoek: Verzoek, vp: VerzoekProduct) -> list[Toewijzing]:
    """The toewijzingen that honour one VerzoekProduct (TR379: ReferentieAanbieder copied)."""
    referentie = verzoek.referentie_aanbieder
    tw = vp.toewijzing
    gewijzigd = []
    if (
        vp.soort == VerzoekProductSoort.TE_WIJZIGEN
        and tw.ingangsdatum == vp.ingangsdatum
    ):
        tw = Toewijzing.objects.select_for_update().get(pk=tw.pk)
        if regels.op033x1_omvang_wijzigen(
            volume=tw.volume,
            eenheid=tw.eenheid,
            frequentie=tw.frequentie,
            nieuw_volume=vp.volume,
            nieuwe_eenheid=vp.eenheid,
            nieuwe_frequentie=vp.frequentie,
        ):
            # OP033x1: this omvang cannot change in place; from the same date
            # the current one is deleted (reden 13) and a new one replaces it.
            weiger(
                _tr385(
                    tw,
                    einddatum=tw.ingangsdatum,
                    reden_wijziging=RedenWijziging.VERWIJDERD,
                )
            )
            tw.einddatum = tw.ingangsdatum
            tw.reden_wijziging = RedenWijziging.VERWIJDERD
            _vastgesteld(tw)
            return [tw, _nieuw_voor_verzoek(verzoek, vp, tw.product)]
        tw.einddatum, tw.referentie_aanbieder = vp.einddatum, referentie
        eind = tw.contract.einddatum
        if eind and (tw.einddatum is None or tw.einddatum > eind):
            tw.einddatum = eind  # R-T1: honoured up to the contract's end
        tw.volume, tw.eenheid, tw.frequentie, tw.budget = (
            vp.volume,
            vp.eenheid,
            vp.frequentie,
            vp.budget,
        )
        tw.reden_wijziging = RedenWijziging.DOOR_AANBIEDER
        _vastgesteld(tw)
        return [tw]
    if vp.soort == VerzoekProductSoort.TE_WIJZIGEN:
        # A change from a later date: the current one ends the day before.
        tw = Toewijzing.objects.select_for_update().get(pk=tw.pk)
        tw.einddatum, tw.reden_wijziging = (
            vp.ingangsdatum - dt.timedelta(days=1),
            RedenWijziging.DOOR_AANBIEDER,
        )
        _vastgesteld(tw)
        gewijzigd.append(tw)
    product = tw.product if vp.soort == VerzoekProductSoort.TE_WIJZIGEN else vp.product
    return [*gewijzigd, _nieuw_voor_verzoek(verzoek, vp, product)]


@transaction.atomic
def verzoek_honoreren(*, user, verzoek: Verzoek) -> list[Toewijzing]:
    """Honour a 315/317 with one 301 that carries its ReferentieAanbieder (TR379)."""
    verzoek = _te_beantwoorden(user, verzoek)
    toewijzingen: list[Toewijzing] = []
    for vp in verzoek.producten.select_related("toewijzing__product", "product"):
        if vp.soort != VerzoekProductSoort.ONGEWIJZIGD:
            toewijzingen += _honoreer_product(verzoek, vp)
    bericht = _toewijzingen_versturen(
        user=user,
        client=verzoek.client,
        aanbieder=verzoek.aanbieder,
        gewijzigd=toewijzingen,
    )
    _beantwoord(verzoek, status=VerzoekStatus.GEHONOREERD, bericht=bericht)
    return toewijzingen


def _antwoord_versturen(
    user, verzoek: Verzoek, *, antwoord: str, reden_afwijzing: str = ""
) -> Verzoek:
    message = mappers.wmo319(
        header=_header("WMO319", verzoek.gemeente, verzoek.aanbieder),
        verzoek=verzoek,
        antwoord=antwoord,
        reden_afwijzing=reden_afwijzing,
    )
    bericht = _verstuurd(message, user=user)
    status = (
        VerzoekStatus.AFGEWEZEN
        if antwoord == VerzoekAntwoord.AFGEWEZEN
        else VerzoekStatus.IN_ONDERZOEK
    )
    _beantwoord(
        verzoek, status=status, bericht=bericht, reden_afwijzing=reden_afwijzing
    )
    return verzoek


@transaction.atomic
def verzoek_afwijzen(*, user, verzoek: Verzoek, reden_afwijzing: str) -> Verzoek:
    """WMO319 with VerzoekAntwoord 1 and a RedenAfwijzingVerzoek (CD085)."""
    verzoek = _te_beantwoorden(user, verzoek)
    weiger(regels.cd085_reden_afwijzing(reden_afwijzing))
    return _antwoord_versturen(
        user,
        verzoek,
        antwoord=VerzoekAntwoord.AFGEWEZEN,
        reden_afwijzing=reden_afwijzing,
    )


@transaction.atomic
def verzoek_in_onderzoek(*, user, verzoek: Verzoek) -> Verzoek:
    """WMO319 with VerzoekAntwoord 2: a final answer follows within 8 weeks (OP346)."""
    verzoek = _te_beantwoorden(user, verzoek, in_onderzoek=True)
    return _antwoord_versturen(user, verzoek, antwoord=VerzoekAntwoord.IN_ONDERZOEK)
