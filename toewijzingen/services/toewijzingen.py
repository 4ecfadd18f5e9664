"""Writes on toewijzingen. Keyword-only, atomic, named <entiteit>_<werkwoord>.

Every change the other party must know leaves as an iWmo message through
`berichten.services.bericht_versturen`. When the recipient works in the portal
the message is processed at once by `toewijzingen.handlers`, which records the
start/stop or verzoek for that Bericht; the sending service records it itself
only when no handler did (recipient outside the portal or processing later).
"""

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from stdnum.nl import postcode as stdnum_postcode

from berichten.constants import VAN_GEMEENTE
from berichten.models import Bericht
from berichten.nummering import volgend_nummer
from berichten.services import bericht_versturen, header
from core.exceptions import ApplicationError
from core.scoping import can_see
from stamgegevens.constants import ProductStatus
from stamgegevens.models import Aanbieder, Contract, Gemeente, Product
from toewijzingen import berichten as mapper, rules
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    LeveringSoort,
    RedenBeeindiging,
    RedenWijziging,
    SignaalStatus,
    StatusAanlevering,
    VerzoekAntwoord,
    VerzoekProductSoort,
    VerzoekSoort,
    VerzoekStatus,
)
from toewijzingen.models import (
    Client,
    Levering,
    Signaal,
    Toewijzing,
    Verzoek,
    VerzoekProduct,
)
from toewijzingen.rules import weiger
from toewijzingen.selectors import (
    actueel_q,
    actuele_leveringen,
    actuele_toewijzingen,
    goedgekeurd_niet_gecrediteerd,
)

CLIENT_VELDEN = (
    "geboortedatum",
    "geslacht",
    "achternaam",
    "voorvoegsel",
    "voornamen",
    "voorletters",
    "naam_gebruik",
    "straat",
    "huisnummer",
    "huisletter",
    "huisnummer_toevoeging",
    "postcode",
    "plaats",
    "telefoon",
    "email",
)
TOEWIJZING_VELDEN = (
    "ingangsdatum",
    "einddatum",
    "volume",
    "eenheid",
    "frequentie",
    "budget",
    "commentaar",
)


# --- access ----------------------------------------------------------------------


def _eis_gemeente(user, gemeente_id: int) -> None:
    if not (user.is_gemeente and user.gemeente_id == gemeente_id):
        raise ApplicationError(
            "Alleen een contractmanager van deze gemeente kan dit doen.",
            code="geen_toegang",
        )


def _eis_aanbieder(user, aanbieder_id: int | None = None) -> None:
    if not user.is_aanbieder or (
        aanbieder_id is not None and user.aanbieder_id != aanbieder_id
    ):
        raise ApplicationError(
            "Alleen een medewerker van deze aanbieder kan dit doen.",
            code="geen_toegang",
        )


def _verstuurd(message, *, user) -> Bericht:
    """Send; refuse with the reasons when the (portal) recipient rejected it."""
    bericht = bericht_versturen(message=message, user=user)
    afgekeurd = [b for b in bericht.bevindingen if b.get("retourcode")]
    if afgekeurd:
        raise ApplicationError(
            "Het bericht is afgekeurd: "
            + "; ".join(f"{b['tekst']} ({b['regel']})" for b in afgekeurd),
            code="afgekeurd",
            extra={"bevindingen": afgekeurd},
        )
    return bericht


def _header(bericht_type: str, gemeente: Gemeente, aanbieder: Aanbieder):
    codes = (gemeente.code, aanbieder.agb_code)
    afzender, ontvanger = codes if bericht_type in VAN_GEMEENTE else codes[::-1]
    return header(bericht_type=bericht_type, afzender=afzender, ontvanger=ontvanger)


# --- cliënt ------------------------------------------------------------------------


def _client_postcode(client: Client) -> None:
    """A Dutch postcode as iWmo carries it ("9231AB"), whatever the spacing or
    case it was typed in; anything else is refused, never cut short."""
    if not client.postcode:
        return
    if not stdnum_postcode.is_valid(client.postcode):
        tekst = "Dit is geen geldige Nederlandse postcode (vorm 1234 AB)."
        raise ApplicationError(
            tekst, code="ongeldig", extra={"velden": {"postcode": [tekst]}}
        )
    client.postcode = stdnum_postcode.compact(client.postcode)


def _client_opslaan(client: Client) -> Client:
    _client_postcode(client)
    try:
        client.full_clean(validate_constraints=False)
    except ValidationError as exc:
        raise ApplicationError(
            " ".join(m for msgs in exc.message_dict.values() for m in msgs),
            code="ongeldig",
            extra={"velden": exc.message_dict},
        ) from exc
    try:
        with transaction.atomic():
            client.save()
    except IntegrityError as exc:
        raise ApplicationError(
            "Deze gemeente heeft al een cliënt met dit BSN.", code="bsn_bestaat"
        ) from exc
    return client


@transaction.atomic
def client_aanmaken(*, user, bsn: str, **velden: Any) -> Client:
    """A cliënt of the user's gemeente; velden: see CLIENT_VELDEN."""
    _eis_gemeente(user, user.gemeente_id)
    onbekend = set(velden) - set(CLIENT_VELDEN)
    if onbekend:
        raise ApplicationError(f"Onbekende velden: {', '.join(sorted(onbekend))}.")
    return _client_opslaan(Client(gemeente_id=user.gemeente_id, bsn=bsn, **velden))


@transaction.atomic
def client_wijzigen(*, user, client: Client, **velden: Any) -> Client:
    _eis_gemeente(user, client.gemeente_id)
    onbekend = set(velden) - set(CLIENT_VELDEN)
    if onbekend:
        raise ApplicationError(f"Onbekende velden: {', '.join(sorted(onbekend))}.")
    for veld, waarde in velden.items():
        setattr(client, veld, waarde)
    return _client_opslaan(client)


def _eis_contact(client: Client) -> None:
    """TR061/TR006: a 301 has a contact with a phone number or house number + postcode."""
    weiger(
        rules.tr061_contact(
            telefoon=client.telefoon,
            huisnummer=client.huisnummer,
            postcode=client.postcode,
        )
    )


# --- toewijzing (WMO301) ---------------------------------------------------------------


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
        rules.cs003_einddatum(toewijzing.ingangsdatum, toewijzing.einddatum),
        rules.cs335_reden_wijziging(
            toewijzing.reden_wijziging, toewijzing.ingangsdatum, toewijzing.einddatum
        ),
        rules.r_t4_omvang(
            volume=toewijzing.volume,
            eenheid=toewijzing.eenheid,
            frequentie=toewijzing.frequentie,
            budget=toewijzing.budget,
            einddatum=toewijzing.einddatum,
        ),
        rules.tr302_geen_overlap(
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
        rules.r_t4_eenheid_van_product(
            eenheid=toewijzing.eenheid,
            product_eenheid=toewijzing.product.eenheid,
            product_code=toewijzing.product.code,
        )
        if eenheid_gewijzigd
        else None,
        rules.r_t1_binnen_contract(
            einddatum=toewijzing.einddatum,
            contract_einddatum=toewijzing.contract.einddatum,
            vorige_einddatum=vorige["einddatum"] if vorige else None,
            nieuw=vorige is None,
        ),
    )


def _vastgesteld(toewijzing: Toewijzing) -> None:
    """R-T3: stamp with the moment of sending, check and save."""
    toewijzing.toewijzingsdatum, toewijzing.toewijzingstijd = (
        rules.r_t3_toewijzingsmoment(timezone.localtime())
    )
    _controleer_toewijzing(toewijzing)
    _controleer_contract_en_product(toewijzing)
    toewijzing.save()


def _nieuwe_toewijzing(
    *,
    client: Client,
    aanbieder: Aanbieder,
    product: Product,
    ingangsdatum: date,
    einddatum: date | None = None,
    prijsvorm: str = "",
    bedrag: int | None = None,
    volume: int | None = None,
    eenheid: str = "",
    frequentie: str = "",
    budget: int | None = None,
    commentaar: str = "",
    referentie_aanbieder: str = "",
    tot_contracteinde: bool = False,
) -> Toewijzing:
    contract = r_t1_contract(
        gemeente=client.gemeente,
        aanbieder=aanbieder,
        product=product,
        datum=ingangsdatum,
    )
    eind = contract.einddatum
    if tot_contracteinde and eind and (einddatum is None or einddatum > eind):
        einddatum = eind  # R-T1: a verzoek is honoured up to the contract's end
    weiger(
        rules.op086_toewijzing_per_client(contract.uitvoeringsvariant),
        rules.r_d9_productstatus(
            status=product.status,
            product_code=product.code,
            eerder_toegewezen=product.status == ProductStatus.OVERGANGSREGELING
            and Toewijzing.objects.filter(
                client=client,
                product__categorie=product.categorie,
                product__code=product.code,
            )
            .exclude(reden_wijziging=RedenWijziging.VERWIJDERD)
            .exists(),
        ),
    )
    if prijsvorm:
        volume, eenheid, frequentie = rules.r_t4_omvang_voor(prijsvorm, bedrag=bedrag)
    nummer = volgend_nummer(f"toewijzingnummer:{client.gemeente.code}")
    weiger(rules.r_t2_toewijzingnummer(nummer))
    toewijzing = Toewijzing(
        gemeente=client.gemeente,
        aanbieder=aanbieder,
        contract=contract,
        client=client,
        product=product,
        toewijzing_nummer=nummer,
        referentie_aanbieder=referentie_aanbieder,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        volume=volume,
        eenheid=eenheid,
        frequentie=frequentie,
        budget=budget,
        commentaar=commentaar,
    )
    _vastgesteld(toewijzing)
    return toewijzing


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
    message = mapper.wmo301(
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
    *,
    user,
    client: Client,
    aanbieder: Aanbieder,
    product: Product,
    ingangsdatum: date,
    einddatum: date | None = None,
    prijsvorm: str = "",
    bedrag: int | None = None,
    volume: int | None = None,
    eenheid: str = "",
    frequentie: str = "",
    budget: int | None = None,
    commentaar: str = "",
) -> Toewijzing:
    """A new toewijzing, sent in a 301. Omvang: a `prijsvorm` (R-T4, with `bedrag`
    in eurocent for a variabele prijs), or volume/eenheid/frequentie, or a budget."""
    _eis_gemeente(user, client.gemeente_id)
    toewijzing = _nieuwe_toewijzing(
        client=client,
        aanbieder=aanbieder,
        product=product,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        prijsvorm=prijsvorm,
        bedrag=bedrag,
        volume=volume,
        eenheid=eenheid,
        frequentie=frequentie,
        budget=budget,
        commentaar=commentaar,
    )
    _toewijzingen_versturen(
        user=user, client=client, aanbieder=aanbieder, gewijzigd=[toewijzing]
    )
    return toewijzing


def _te_wijzigen(user, toewijzing: Toewijzing) -> Toewijzing:
    _eis_gemeente(user, toewijzing.gemeente_id)
    toewijzing = Toewijzing.objects.select_for_update().get(pk=toewijzing.pk)
    weiger(rules.toewijzing_lopend(beeindigd=toewijzing.beeindigd_op is not None))
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
        rules.op033x1_omvang_wijzigen(
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
        rules.op380_verlenging(
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
        rules.vervangen_ingangsdatum(
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
        aanbieder=toewijzing.aanbieder,
        product=toewijzing.product,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        volume=toewijzing.volume if volume is None else volume,
        eenheid=toewijzing.eenheid,
        frequentie=frequentie or toewijzing.frequentie,
        budget=toewijzing.budget,
        commentaar=commentaar,
    )
    _toewijzingen_versturen(
        user=user,
        client=toewijzing.client,
        aanbieder=toewijzing.aanbieder,
        gewijzigd=[toewijzing, nieuw],
    )
    return nieuw


def _beeindigen(
    user, toewijzing: Toewijzing, *, einddatum: date, reden_wijziging: str
) -> Toewijzing:
    weiger(
        rules.r_t6_einddatum_niet_later(
            huidige_einddatum=toewijzing.einddatum, nieuwe_einddatum=einddatum
        )
    )
    toewijzing.einddatum = einddatum
    toewijzing.reden_wijziging = reden_wijziging
    toewijzing.beeindigd_op = timezone.now()
    return _opslaan_en_versturen(user, toewijzing)


def _tr385(
    toewijzing: Toewijzing, *, einddatum: date | None, reden_wijziging: str
) -> rules.Overtreding | None:
    """TR385: deleting (reden 13) needs no approved, uncredited lines at all; an
    intrekking none in the periods after its einddatum."""
    verwijderen = reden_wijziging == RedenWijziging.VERWIJDERD
    regels = goedgekeurd_niet_gecrediteerd(
        toewijzing, na=None if verwijderen else einddatum
    )
    return rules.tr385_geen_goedgekeurde_declaratieregels(
        regels.count(), verwijderen=verwijderen
    )


@transaction.atomic
def toewijzing_intrekken(
    *, user, toewijzing: Toewijzing, einddatum: date, reden_wijziging: str
) -> Toewijzing:
    """R-T5: the beschikking is withdrawn: a 301 with einddatum and reden wijziging."""
    toewijzing = _te_wijzigen(user, toewijzing)
    weiger(
        rules.r_t5_intrekking(
            reden_wijziging=reden_wijziging,
            ingangsdatum=toewijzing.ingangsdatum,
            einddatum=einddatum,
        ),
        _tr385(toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging),
    )
    return _beeindigen(
        user, toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging
    )


@transaction.atomic
def toewijzing_beeindigen(
    *, user, toewijzing: Toewijzing, reden_wijziging: str
) -> Toewijzing:
    """R-T6: ends on the last day of the month of sending."""
    toewijzing = _te_wijzigen(user, toewijzing)
    if not reden_wijziging:
        raise ApplicationError("Geef een reden wijziging (R-T6).", code="R-T6")
    einddatum = rules.r_t6_einddatum(timezone.localdate())
    return _beeindigen(
        user, toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging
    )


@transaction.atomic
def toewijzing_verhuizing(
    *, user, toewijzing: Toewijzing, reden_wijziging: str = RedenWijziging.VERHUIZING
) -> Toewijzing:
    """R-T7: verhuizing (07) or Wlz-instelling (06): ends two months ahead, end of month."""
    toewijzing = _te_wijzigen(user, toewijzing)
    weiger(rules.r_t7_reden(reden_wijziging))
    einddatum = rules.r_t7_einddatum(timezone.localdate())
    if toewijzing.einddatum is not None:
        einddatum = min(einddatum, toewijzing.einddatum)
    return _beeindigen(
        user, toewijzing, einddatum=einddatum, reden_wijziging=reden_wijziging
    )


@transaction.atomic
def toewijzing_overlijden_bevestigen(*, user, toewijzing: Toewijzing) -> Toewijzing:
    """R-T8: confirm the aanbieder's stop with reden 02 with a 301 ending on the
    last day of the month of the stop's einddatum."""
    toewijzing = _te_wijzigen(user, toewijzing)
    stops = [s for s in actuele_leveringen(toewijzing) if s.soort == LeveringSoort.STOP]
    weiger(rules.r_t8_overlijden_gemeld(stops))
    stop = max(
        (s for s in stops if s.reden_beeindiging == RedenBeeindiging.OVERLIJDEN),
        key=lambda s: s.einddatum,
    )
    einddatum = rules.r_t8_einddatum(stop.einddatum)
    if toewijzing.einddatum is not None:
        einddatum = min(einddatum, toewijzing.einddatum)
    return _beeindigen(
        user,
        toewijzing,
        einddatum=einddatum,
        reden_wijziging=RedenWijziging.CLIENT_OVERLEDEN,
    )


# --- start and stop zorg (WMO305/WMO307) ---------------------------------------------


def levering_vastleggen(*, levering: Levering, bericht: Bericht | None) -> Levering:
    """Record a checked aanlevering; status 3 marks the actual one with its key vervallen.
    Idempotent per Bericht: the handler and the sender may both call it."""
    if bericht is not None:
        bestaand = Levering.objects.filter(
            bericht=bericht, soort=levering.soort
        ).first()
        if bestaand is not None:
            return bestaand
    if levering.status_aanlevering == StatusAanlevering.VERWIJDEREN:
        doel = (
            Levering.objects.filter(
                toewijzing=levering.toewijzing,
                soort=levering.soort,
                begindatum=levering.begindatum,
                status_aanlevering=StatusAanlevering.EERSTE,
                vervallen=False,
            )
            .order_by("-id")
            .first()
        )
        if doel is not None:
            doel.vervallen = True
            doel.save(update_fields=["vervallen"])
    levering.bericht = bericht
    levering.save()
    return levering


def _levering_melden(user, levering: Levering) -> Levering:
    toewijzing = levering.toewijzing
    _eis_aanbieder(user, toewijzing.aanbieder_id)
    vandaag = timezone.localdate()
    weiger(
        rules.tr134_niet_na_dagtekening(levering.begindatum, vandaag),
        rules.tr134_niet_na_dagtekening(levering.einddatum, vandaag),
        *rules.levering_overtredingen(levering, actuele_leveringen(toewijzing)),
    )
    kop = _header(
        "WMO305" if levering.soort == LeveringSoort.START else "WMO307",
        toewijzing.gemeente,
        toewijzing.aanbieder,
    )
    bouw = mapper.wmo305 if levering.soort == LeveringSoort.START else mapper.wmo307
    bericht = _verstuurd(bouw(header=kop, levering=levering), user=user)
    return levering_vastleggen(levering=levering, bericht=bericht)


@transaction.atomic
def start_zorg_melden(
    *,
    user,
    toewijzing: Toewijzing,
    begindatum: date,
    status_aanlevering: str = StatusAanlevering.EERSTE,
) -> Levering:
    """WMO305 (R-S1). Status 3 deletes an earlier start with this begindatum (OP033)."""
    levering = Levering(
        toewijzing=toewijzing,
        soort=LeveringSoort.START,
        begindatum=begindatum,
        status_aanlevering=status_aanlevering,
    )
    return _levering_melden(user, levering)


@transaction.atomic
def stop_zorg_melden(
    *,
    user,
    toewijzing: Toewijzing,
    begindatum: date,
    einddatum: date,
    reden_beeindiging: str,
    status_aanlevering: str = StatusAanlevering.EERSTE,
) -> Levering:
    """WMO307 (R-S2, TR413–TR415); `begindatum` is that of the start being stopped."""
    levering = Levering(
        toewijzing=toewijzing,
        soort=LeveringSoort.STOP,
        begindatum=begindatum,
        einddatum=einddatum,
        reden_beeindiging=reden_beeindiging,
        status_aanlevering=status_aanlevering,
    )
    return _levering_melden(user, levering)


# --- verzoeken (WMO315/317/319) -------------------------------------------------------


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


@dataclass(kw_only=True)
class ClientGegevens:
    """The cliënt data a 315 carries, for a cliënt the aanbieder does not see yet."""

    bsn: str
    geboortedatum: date
    geslacht: str
    achternaam: str
    voorvoegsel: str = ""
    voornamen: str = ""
    voorletters: str = ""

    @classmethod
    def van_client(cls, client: Client) -> "ClientGegevens":
        return cls(
            bsn=client.bsn,
            geboortedatum=client.geboortedatum,
            geslacht=client.geslacht,
            achternaam=client.achternaam,
            voorvoegsel=client.voorvoegsel,
            voornamen=client.voornamen,
            voorletters=client.voorletters,
        )

    def als_dict(self) -> dict:
        """As stored on the Verzoek (`opgegeven_client`)."""
        return {**vars(self), "geboortedatum": self.geboortedatum.isoformat()}


def verzoek_client(*, gemeente: Gemeente, gegevens: ClientGegevens) -> Client:
    """The gemeente's cliënt with this BSN; created from the verzoek when new."""
    client = Client.objects.filter(gemeente=gemeente, bsn=gegevens.bsn).first()
    if client is not None:
        return client
    velden = {k: v for k, v in vars(gegevens).items() if k != "bsn"}
    return _client_opslaan(Client(gemeente=gemeente, bsn=gegevens.bsn, **velden))


def _omvang_velden(p: GewenstProduct) -> dict:
    return {
        "volume": p.volume,
        "eenheid": p.eenheid,
        "frequentie": p.frequentie,
        "budget": p.budget,
    }


def _controleer_gewenst(p: GewenstProduct) -> None:
    if p.volume is not None or p.budget is not None or p.eenheid:
        weiger(rules.r_t4_omvang(**_omvang_velden(p), einddatum=p.einddatum))
    weiger(rules.cs003_einddatum(p.ingangsdatum, p.einddatum))
    product = p.toewijzing.product if p.toewijzing else p.product
    if product is not None:  # R-T4: also when the gemeente is not in the portal
        weiger(
            rules.r_t4_eenheid_van_product(
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
) -> rules.Overtreding | None:
    """TR383, TR347 and TR374 against verzoeken of other berichten."""
    eerder = Verzoek.objects.filter(aanbieder_id=aanbieder_id)
    if bericht is not None:
        eerder = eerder.exclude(bericht=bericht)
    if len(set(referenties)) != len(referenties):
        return rules.Overtreding(
            "TR383",
            "0001",
            "Elk aangevraagd product heeft een eigen ReferentieAanbieder.",
        )
    return rules.eerste(
        rules.tr347_referentie_uniek(
            al_gebruikt=eerder.filter(referentie_aanbieder__in=referenties).exists()
        ),
        rules.tr374_geen_onderhanden_verzoek(
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
    message = mapper.wmo315(
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
            rules.tr380_gewenste_ingangsdatum(
                gewenst=p.ingangsdatum,
                dagtekening=vandaag,
                oorspronkelijk=p.toewijzing.ingangsdatum if p.toewijzing else None,
            )
        )
    weiger(
        rules.tr352_tr353_verzoek_om_wijziging(
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
    message = mapper.wmo317(
        header=_header("WMO317", client.gemeente, aanbieder),
        verzoek=verzoek,
        producten=vps,
    )
    bericht = _verstuurd(message, user=user)
    return verzoeken_vastleggen(verzoeken=[(verzoek, vps)], bericht=bericht)[0]


def _te_beantwoorden(user, verzoek: Verzoek, *, in_onderzoek: bool = False) -> Verzoek:
    _eis_gemeente(user, verzoek.gemeente_id)
    verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
    weiger(rules.tr359_antwoord_mogelijk(verzoek.status, in_onderzoek=in_onderzoek))
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
        aanbieder=verzoek.aanbieder,
        product=product,
        ingangsdatum=vp.ingangsdatum,
        einddatum=vp.einddatum,
        volume=vp.volume,
        eenheid=vp.eenheid,
        frequentie=vp.frequentie,
        budget=vp.budget,
        commentaar=vp.commentaar,
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
        if rules.op033x1_omvang_wijzigen(
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
    message = mapper.wmo319(
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
    weiger(rules.cd085_reden_afwijzing(reden_afwijzing))
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


# --- signalen -----------------------------------------------------------------------


@transaction.atomic
def signaal_afhandelen(*, user, signaal: Signaal) -> Signaal:
    """A person marks an open signal of their own party handled; recomputing the
    signals leaves it handled."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if not can_see(user, signaal):
        raise ApplicationError(
            "Dit signaal is niet van uw organisatie.", code="geen_toegang"
        )
    if signaal.status == SignaalStatus.AFGEHANDELD:
        raise ApplicationError("Dit signaal is al afgehandeld.", code="al_afgehandeld")
    signaal.status = SignaalStatus.AFGEHANDELD
    signaal.afgehandeld_door = user
    signaal.afgehandeld_op = timezone.now()
    signaal.save(
        update_fields=["status", "afgehandeld_door", "afgehandeld_op", "bijgewerkt_op"]
    )
    return signaal
