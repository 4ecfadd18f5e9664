"""Writes on toewijzingen (WMO301): create, change, extend, replace."""

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from berichten.models import Bericht
from berichten.verkeer import volgend_nummer
from core.exceptions import ApplicationError
from stamgegevens.constants import ProductStatus
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from toewijzingen import mappers, regels
from toewijzingen.constants import (
    RedenWijziging,
)
from toewijzingen.models import (
    Client,
    Toewijzing,
)
from toewijzingen.regels import weiger
from toewijzingen.selectors import (
    actueel_q,
    goedgekeurd_niet_gecrediteerd,
)
from toewijzingen.services.gedeeld import _eis_gemeente, _header, _verstuurd

TOEWIJZING_VELDEN = (
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "budget",
    "commentaar",
)


@dataclass(frozen=True, kw_only=True)
class ToewijzingGegevens:
    """What a new toewijzing is made of. Omvang: a `prijsvorm` (R-T4, with `bedrag`
    in eurocent for a variabele prijs), or volume/eenheid/frequentie, or a budget."""

    aanbieder: Aanbieder
    product: Product
    ingangsdatum: date
    einddatum: date | None = None
    prijsvorm: str = ""
    bedrag: int | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None
    commentaar: str = ""


def r_t1_contract(
    *, gemeente: Gemeente, aanbieder: Aanbieder, product: Product, datum: date
) -> Contract:
    """R-T1: the contract under which this aanbieder may deliver this product on `datum`."""
    contract = (
        Contract.objects.filter(
            Contract.scope_gemeente(gemeente.pk),
            aanbieder=aanbieder,
            contractproducten__product=product,
            begindatum__lte=datum,
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=datum))
        .order_by("-begindatum")
        .first()
    )
    if contract is None or not product.is_geldig_op(datum):
        raise ApplicationError(
            "Deze aanbieder heeft geen contract voor dit product op de ingangsdatum "
            "(R-T1).",
            code="R-T1",
        )
    return contract


def _controleer_toewijzing(toewijzing: Toewijzing) -> None:
    andere = Toewijzing.objects.filter(
        client_id=toewijzing.client_id, aanbieder_id=toewijzing.aanbieder_id
    ).exclude(pk=toewijzing.pk)
    weiger(
        regels.cs003_einddatum(toewijzing.ingangsdatum, toewijzing.einddatum),
        regels.cs335_reden_wijziging(
            toewijzing.reden_wijziging, toewijzing.ingangsdatum, toewijzing.einddatum
        ),
        regels.r_t4_omvang(
            volume=toewijzing.volume,
            eenheid=toewijzing.eenheid,
            frequentie=toewijzing.frequentie,
            budget=toewijzing.budget,
            einddatum=toewijzing.einddatum,
        ),
        regels.tr302_geen_overlap(
            product_id=toewijzing.product_id,
            ingangsdatum=toewijzing.ingangsdatum,
            einddatum=toewijzing.einddatum,
            andere=andere.exclude(reden_wijziging=RedenWijziging.VERWIJDERD),
            categorie=toewijzing.product.categorie,
        ),
    )


def _controleer_contract_en_product(toewijzing: Toewijzing) -> None:
    """R-T4: the eenheid is the product's; R-T1: not past the contract's einddatum
    (checked on what changed, so ending or shortening is always possible)."""
    vorige = (
        Toewijzing.objects.filter(pk=toewijzing.pk)
        .values("einddatum", "eenheid", "product_id")
        .first()
        if toewijzing.pk
        else None
    )
    eenheid_gewijzigd = vorige is None or (
        vorige["eenheid"] != toewijzing.eenheid
        or vorige["product_id"] != toewijzing.product_id
    )
    weiger(
        regels.r_t4_eenheid_van_product(
            eenheid=toewijzing.eenheid,
            product_eenheid=toewijzing.product.eenheid,
            product_code=toewijzing.product.code,
        )
        if eenheid_gewijzigd
        else None,
        regels.r_t1_binnen_contract(
            einddatum=toewijzing.einddatum,
            contract_einddatum=toewijzing.contract.einddatum,
            vorige_einddatum=vorige["einddatum"] if vorige else None,
            nieuw=vorige is None,
        ),
    )


def _vastgesteld(toewijzing: Toewijzing) -> None:
    """R-T3: stamp with the moment of sending, check and save."""
    toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd = (
        regels.r_t3_toewijzingsmoment(timezone.localtime())
    )
    _controleer_toewijzing(toewijzing)
    _controleer_contract_en_product(toewijzing)
    toewijzing.save()


def _nieuwe_toewijzing(
    *,
    client: Client,
    gegevens: ToewijzingGegevens,
    referentie_aanbieder: str = "",
    tot_contracteinde: bool = False,
) -> Toewijzing:
    g = gegevens
    contract = r_t1_contract(
        gemeente=client.gemeente,
        aanbieder=g.aanbieder,
        product=g.product,
        datum=g.ingangsdatum,
    )
    einddatum, eind = g.einddatum, contract.einddatum
    if tot_contracteinde and eind and (einddatum is None or einddatum > eind):
        einddatum = eind  # R-T1: a verzoek is honoured up to the contract's end
    weiger(
        regels.op086_toewijzing_per_client(contract.uitvoeringsvariant),
        regels.r_d9_productstatus(
            status=g.product.status,
            product_code=g.product.code,
            eerder_toegewezen=g.product.status == ProductStatus.OVERGANGSREGELING
            and Toewijzing.objects.filter(
                client=client,
                product__categorie=g.product.categorie,
                product__code=g.product.code,
            )
            .exclude(reden_wijziging=RedenWijziging.VERWIJDERD)
            .exists(),
        ),
    )
    volume, eenheid, frequentie = g.volume, g.eenheid, g.frequentie
    if g.prijsvorm:
        volume, eenheid, frequentie = regels.r_t4_omvang_voor(
            g.prijsvorm, bedrag=g.bedrag
        )
    nummer = volgend_nummer(f"toewijzingnummer:{client.gemeente.code}")
    weiger(regels.r_t2_toewijzingnummer(nummer))
    toewijzing = Toewijzing(
        gemeente=client.gemeente,
        aanbieder=g.aanbieder,
        contract=contract,
        client=client,
        product=g.product,
        toewijzing_nummer=nummer,
        referentie_aanbieder=referentie_aanbieder,
        ingangsdatum=g.ingangsdatum,
        einddatum=einddatum,
        volume=volume,
        eenheid=eenheid,
        frequentie=frequentie,
        budget=g.budget,
        commentaar=g.commentaar,
    )
    _vastgesteld(toewijzing)
    return toewijzing


def _eis_contact(client: Client) -> None:
    """TR061/TR006: a 301 has a contact with a phone number or house number + postcode."""
    weiger(
        regels.tr061_contact(
            telefoon=client.telefoon,
            huisnummer=client.huisnummer,
            postcode=client.postcode,
        )
    )


def _toewijzingen_versturen(
    *, user, client: Client, aanbieder: Aanbieder, gewijzigd: list[Toewijzing]
) -> Bericht:
    """OP087: one 301 with all current toewijzingen of this cliënt and aanbieder,
    plus the ones changed now (also when they ended in the past)."""
    _eis_contact(client)
    toewijzingen = list(
        Toewijzing.objects.filter(client=client, aanbieder=aanbieder)
        .filter(actueel_q(timezone.localdate()) | Q(pk__in=[t.pk for t in gewijzigd]))
        .select_related("product")
        .order_by("toewijzing_nummer")
    )
    message = mappers.wmo301(
        header=_header("WMO301", client.gemeente, aanbieder),
        client=client,
        toewijzingen=toewijzingen,
    )
    bericht = _verstuurd(message, user=user)
    Toewijzing.objects.filter(pk__in=[t.pk for t in toewijzingen]).update(
        bericht=bericht
    )
    for toewijzing in gewijzigd:
        toewijzing.bericht = bericht
    return bericht


@transaction.atomic
def toewijzing_aanmaken(
    *, user, client: Client, gegevens: ToewijzingGegevens
) -> Toewijzing:
    """A new toewijzing for `client`, sent in a 301."""
    _eis_gemeente(user, client.gemeente_id)
    toewijzing = _nieuwe_toewijzing(client=client, gegevens=gegevens)
    _toewijzingen_versturen(
        user=user, client=client, aanbieder=gegevens.aanbieder, gewijzigd=[toewijzing]
    )
    return toewijzing


def _te_wijzigen(user, toewijzing: Toewijzing) -> Toewijzing:
    _eis_gemeente(user, toewijzing.gemeente_id)
    toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
    weiger(regels.toewijzing_lopend(beeindigd=toewijzing.beeindigd_op is not None))
    return toewijzing


def _opslaan_en_versturen(user, toewijzing: Toewijzing) -> Toewijzing:
    _vastgesteld(toewijzing)
    _toewijzingen_versturen(
        user=user,
        client=toewijzing.client,
        aanbieder=toewijzing.aanbieder,
        gewijzigd=[toewijzing],
    )
    return toewijzing


def _tr385(
    toewijzing: Toewijzing, *, einddatum: date | None, reden_wijziging: str
) -> regels.Overtreding | None:
    """TR385: deleting (reden 13) needs no approved, uncredited lines at all; an
    intrekking none in the periods after its einddatum."""
    verwijderen = reden_wijziging == RedenWijziging.VERWIJDERD
    prestaties = goedgekeurd_niet_gecrediteerd(
        toewijzing, na=None if verwijderen else einddatum
    )
    return regels.tr385_geen_goedgekeurde_declaratieregels(
        prestaties.count(), verwijderen=verwijderen
    )


@transaction.atomic
def toewijzing_wijzigen(
    *, user, toewijzing: Toewijzing, reden_wijziging: str, wijzigingen: dict[str, Any]
) -> Toewijzing:
    """Change fields of TOEWIJZING_VELDEN with a reden wijziging; sends a 301."""
    toewijzing = _te_wijzigen(user, toewijzing)
    onbekend = set(wijzigingen) - set(TOEWIJZING_VELDEN)
    if onbekend:
        raise ApplicationError(
            f"Deze velden kunt u niet wijzigen: {', '.join(sorted(onbekend))}."
        )
    if not reden_wijziging:
        raise ApplicationError("Geef een reden wijziging.", code="CS335")
    weiger(
        regels.op033x1_omvang_wijzigen(
            volume=toewijzing.volume,
            eenheid=toewijzing.eenheid,
            frequentie=toewijzing.frequentie,
            nieuw_volume=wijzigingen.get("volume", toewijzing.volume),
            nieuwe_eenheid=wijzigingen.get("eenheid", toewijzing.eenheid),
            nieuwe_frequentie=wijzigingen.get("frequentie", toewijzing.frequentie),
        )
    )
    for veld, waarde in wijzigingen.items():
        setattr(toewijzing, veld, waarde)
    if reden_wijziging == RedenWijziging.VERWIJDERD:
        weiger(
            _tr385(
                toewijzing,
                einddatum=toewijzing.einddatum,
                reden_wijziging=reden_wijziging,
            )
        )
    if "ingangsdatum" in wijzigingen:
        toewijzing.contract = r_t1_contract(
            gemeente=toewijzing.gemeente,
            aanbieder=toewijzing.aanbieder,
            product=toewijzing.product,
            datum=toewijzing.ingangsdatum,
        )
    toewijzing.reden_wijziging = reden_wijziging
    return _opslaan_en_versturen(user, toewijzing)


@transaction.atomic
def toewijzing_verlengen(
    *,
    user,
    toewijzing: Toewijzing,
    einddatum: date,
    volume: int | None = None,
    frequentie: str | None = None,
) -> Toewijzing:
    """OP380: stretch the einddatum of this toewijzing (reden 04); volume and
    frequentie, when given, must stay the same, otherwise make a new toewijzing."""
    toewijzing = _te_wijzigen(user, toewijzing)
    weiger(
        regels.op380_verlenging(
            volume=toewijzing.volume,
            frequentie=toewijzing.frequentie,
            nieuw_volume=toewijzing.volume if volume is None else volume,
            nieuwe_frequentie=toewijzing.frequentie
            if frequentie is None
            else frequentie,
            einddatum=toewijzing.einddatum,
            nieuwe_einddatum=einddatum,
            vandaag=timezone.localdate(),
        )
    )
    toewijzing.einddatum = einddatum
    toewijzing.reden_wijziging = RedenWijziging.VERLENGING
    return _opslaan_en_versturen(user, toewijzing)


@transaction.atomic
def toewijzing_vervangen(
    *,
    user,
    toewijzing: Toewijzing,
    ingangsdatum: date,
    reden_wijziging: str,
    volume: int | None = None,
    frequentie: str = "",
    einddatum: date | None = None,
    commentaar: str = "",
) -> Toewijzing:
    """OP033x1 "beëindigen en nieuwe toewijzing" in one step: the current
    toewijzing ends the day before `ingangsdatum` (with `reden_wijziging`), a new
    one for the same product starts on it with the new volume/frequentie (eenheid
    unchanged), and one 301 carries both (OP087). Returns the new toewijzing."""
    toewijzing = _te_wijzigen(user, toewijzing)
    if not reden_wijziging:
        raise ApplicationError("Geef een reden wijziging.", code="CS335")
    weiger(
        regels.vervangen_ingangsdatum(
            ingangsdatum=toewijzing.ingangsdatum,
            einddatum=toewijzing.einddatum,
            nieuwe_ingangsdatum=ingangsdatum,
        )
    )
    oude_einddatum = ingangsdatum - dt.timedelta(days=1)
    weiger(
        _tr385(toewijzing, einddatum=oude_einddatum, reden_wijziging=reden_wijziging)
    )
    toewijzing.einddatum = oude_einddatum
    toewijzing.reden_wijziging = reden_wijziging
    toewijzing.beeindigd_op = timezone.now()
    _vastgesteld(toewijzing)
    nieuw = _nieuwe_toewijzing(
        client=toewijzing.client,
        gegevens=ToewijzingGegevens(
            aanbieder=toewijzing.aanbieder,
            product=toewijzing.product,
            ingangsdatum=ingangsdatum,
            einddatum=einddatum,
            volume=toewijzing.volume if volume is None else volume,
            eenheid=toewijzing.eenheid,
            frequentie=frequentie or toewijzing.frequentie,
            budget=toewijzing.budget,
            commentaar=commentaar,
        ),
    )
    _toewijzingen_versturen(
        user=user,
        client=toewijzing.client,
        aanbieder=toewijzing.aanbieder,
        gewijzigd=[toewijzing, nieuw],
    )
    return nieuw
