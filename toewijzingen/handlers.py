"""Inbound processing (levels 3 and 4) of the toewijzingen messages.

Each handler checks every berichtklasse first and applies nothing when any is
rejected: a level-3 error rejects the whole heenbericht (IV032).
"""

import datetime as dt

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import Niveau
from berichten.models import Bericht
from berichten.registry import Verwerking
from berichten.xml import types as t
from stamgegevens.models import Product
from toewijzingen import ontvangst, regels
from toewijzingen.constants import (
    VERZOEK_ONDERHANDEN,
    LeveringSoort,
    StatusAanlevering,
    VerzoekProductSoort,
    VerzoekSoort,
    VerzoekStatus,
)
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek, VerzoekProduct
from toewijzingen.selectors import actuele_leveringen, actuele_toewijzingen
from toewijzingen.services import (
    ClientGegevens,
    levering_vastleggen,
    verzoek_client,
    verzoek_regels,
    verzoeken_vastleggen,
)


def _bevinding(o: regels.Overtreding, pad: str) -> Bevinding:
    niveau = (
        Niveau.BERICHTINHOUD if o.retourcode == "0001" else Niveau.BERICHTOVERSTIJGEND
    )
    return Bevinding(
        niveau=niveau, regel=o.regel, retourcode=o.retourcode, pad=pad, tekst=o.tekst
    )


def _toewijzing(bericht: Bericht, bsn: str, nummer: int | None) -> Toewijzing | None:
    return (
        Toewijzing.objects.filter(
            gemeente=bericht.gemeente,
            aanbieder=bericht.aanbieder,
            client__bsn=bsn,
            toewijzing_nummer=nummer,
        )
        .select_related("client")
        .first()
    )


TR019 = regels.Overtreding(
    "TR019", "9019", "Er is geen toewijzing met dit ToewijzingNummer voor deze cliënt."
)


TR304 = regels.Overtreding(
    "TR304", "8187", "Er is bij deze gemeente geen cliënt met dit Bsn."
)
TR350 = regels.Overtreding(
    "TR350",
    "9350",
    "Dit OngewijzigdProduct is geen actuele toewijzing van de cliënt bij deze aanbieder.",
)
TR351 = regels.Overtreding(
    "TR351",
    "9351",
    "Dit TeWijzigenProduct is geen actuele toewijzing van de cliënt bij deze aanbieder.",
)


TR357 = regels.Overtreding(
    "TR357",
    "9357",
    "GewensteIngangsdatum ligt niet na de dagtekening en is niet de ingangsdatum "
    "van de toewijzing.",
)
TR373 = regels.Overtreding(
    "TR373",
    "9373",
    "Budget of totaal over de toewijzingsperiode wijzigt: GewensteIngangsdatum moet "
    "de ingangsdatum van de toewijzing zijn.",
)
TR375 = regels.Overtreding(
    "TR375",
    "9375",
    "Omvang moet leeg zijn: de toewijzing heeft geen Product.",
)
TR411 = regels.Overtreding(
    "TR411",
    "9411",
    "Omvang is verplicht: de toewijzing heeft een ProductCode.",
)
TR412 = regels.Overtreding(
    "TR412",
    "9412",
    "Omvang moet leeg zijn: de toewijzing heeft geen ProductCode.",
)
FREQUENTIE_TOTAAL = "6"  # totaal over de toewijzingsperiode
GRENS_2021 = dt.date(2021, 1, 1)


def _tr381(product: t.Product | None, pad: str) -> list[Bevinding]:
    """TR381 (S329): a ProductCode must fit its ProductCategorie in the product table."""
    if product is None or not product.code:
        return []
    if Product.objects.filter(categorie=product.categorie, code=product.code).exists():
        return []
    return [
        Bevinding(
            niveau=Niveau.EXTERNE_BRON,
            regel="TR381",
            retourcode="S329",
            pad=pad,
            tekst=f"ProductCode {product.code} hoort niet bij ProductCategorie "
            f"{product.categorie} in de productcodelijst.",
        )
    ]


def _leveringen(*, bericht: Bericht, client, producten, soort: str, pad) -> Verwerking:
    """Shared by 305 and 307: check each Start/StopProduct against the actual
    leveringen (including the earlier ones in this message), then record all."""
    bevindingen: list[Bevinding] = []
    nieuw: list[Levering] = []
    actueel: dict[int, list[Levering]] = {}
    for nr, product in enumerate(producten, start=1):
        toewijzing = _toewijzing(bericht, client.bsn, product.toewijzing_nummer)
        if toewijzing is None:
            bevindingen.append(_bevinding(TR019, pad(nr)))
            continue
        bevindingen += _tr381(product.product, pad(nr))
        levering = Levering(
            toewijzing=toewijzing,
            soort=soort,
            begindatum=product.begindatum,
            einddatum=getattr(product, "einddatum", None),
            reden_beeindiging=getattr(product, "reden_beeindiging", ""),
            status_aanlevering=product.status_aanlevering,
        )
        lijst = actueel.setdefault(toewijzing.pk, actuele_leveringen(toewijzing))
        # Portal rules (R-S1, R-S2) have no retourcode: the gemeente does not reject on them.
        fouten = [
            o for o in regels.levering_overtredingen(levering, lijst) if o.retourcode
        ]
        bevindingen += [_bevinding(o, pad(nr)) for o in fouten]
        if levering.status_aanlevering == StatusAanlevering.EERSTE:
            lijst.append(levering)  # TR074/TR413…: later products see this one
        nieuw.append(levering)
    if not bevindingen:
        for levering in nieuw:
            levering_vastleggen(levering=levering, bericht=bericht)
    return Verwerking(bevindingen=bevindingen)


def start_zorg_verwerken(*, bericht: Bericht, message: t.Wmo305) -> Verwerking:
    client = message.client
    return _leveringen(
        bericht=bericht,
        client=client,
        producten=client.start_producten,
        soort=LeveringSoort.START,
        pad=paden.start_product,
    )


def stop_zorg_verwerken(*, bericht: Bericht, message: t.Wmo307) -> Verwerking:
    client = message.client
    return _leveringen(
        bericht=bericht,
        client=client,
        producten=client.stop_producten,
        soort=LeveringSoort.STOP,
        pad=paden.stop_product,
    )


def _product(product: t.Product | None, datum) -> Product | None:
    if product is None or not product.code:
        return None
    kandidaten = Product.objects.filter(categorie=product.categorie, code=product.code)
    return next((p for p in kandidaten if p.is_geldig_op(datum)), None)


def _omvang(omvang: t.Omvang | None) -> dict:
    if omvang is None:
        return {}
    return {
        "volume": omvang.volume,
        "eenheid": omvang.eenheid,
        "frequentie": omvang.frequentie,
    }


def _eenheid_van_product(
    omvang: t.Omvang | None, product: Product | None, pad: str
) -> list[Bevinding]:
    """R-T4: an Omvang in another eenheid than the product table's is refused."""
    if omvang is None or product is None:
        return []
    overtreding = regels.r_t4_eenheid_van_product(
        eenheid=omvang.eenheid or "",
        product_eenheid=product.eenheid,
        product_code=product.code,
    )
    return [_bevinding(overtreding, pad)] if overtreding else []


def verzoek_om_toewijzing_verwerken(
    *, bericht: Bericht, message: t.Wmo315
) -> Verwerking:
    """A 315: one Verzoek per AangevraagdProduct in the work list (TR347, TR374)."""
    c = message.client
    producten = c.aangevraagde_producten
    bestaand = Client.objects.filter(gemeente=bericht.gemeente, bsn=c.bsn).first()
    eerder = Verzoek.objects.filter(aanbieder=bericht.aanbieder).exclude(
        bericht=bericht
    )
    gebruikt = set(
        eerder.filter(
            referentie_aanbieder__in=[p.referentie_aanbieder for p in producten]
        ).values_list("referentie_aanbieder", flat=True)
    )
    bevindingen = [
        _bevinding(
            regels.tr347_referentie_uniek(al_gebruikt=True),
            paden.aangevraagd_product(nr),
        )
        for nr, p in enumerate(producten, start=1)
        if p.referentie_aanbieder in gebruikt
    ] + [
        b
        for nr, p in enumerate(producten, start=1)
        for b in _tr381(p.product, paden.aangevraagd_product(nr))
    ]
    for nr, p in enumerate(producten, start=1):
        bevindingen += _eenheid_van_product(
            p.omvang,
            _product(p.product, p.toewijzing_ingangsdatum),
            paden.aangevraagd_product(nr),
        )
    onderhanden = (
        bestaand is not None
        and eerder.filter(client=bestaand, status__in=VERZOEK_ONDERHANDEN).exists()
    )
    if onderhanden:
        bevindingen.append(
            _bevinding(
                regels.tr374_geen_onderhanden_verzoek(onderhanden=True), paden.CLIENT
            )
        )
    if bevindingen:
        return Verwerking(bevindingen=bevindingen)
    opgegeven = ClientGegevens(
        bsn=c.bsn,
        geboortedatum=c.geboortedatum.datum,
        geslacht=c.geslacht,
        achternaam=c.naam.geslachtsnaam.achternaam,
        voorvoegsel=c.naam.geslachtsnaam.voorvoegsel or "",
        voornamen=c.naam.voornamen or "",
        voorletters=c.naam.voorletters or "",
    )
    # A known BSN links the verzoek to the gemeente's cliënt (shown beside what
    # was given); it does not show that cliënt to the aanbieder.
    client = bestaand or verzoek_client(gemeente=bericht.gemeente, gegevens=opgegeven)
    verzoeken = [
        (
            Verzoek(
                soort=VerzoekSoort.TOEWIJZING,
                gemeente=bericht.gemeente,
                aanbieder=bericht.aanbieder,
                client=client,
                referentie_aanbieder=p.referentie_aanbieder,
                commentaar=c.commentaar or "",
                opgegeven_client=opgegeven.als_dict(),
            ),
            [
                VerzoekProduct(
                    soort=VerzoekProductSoort.AANGEVRAAGD,
                    product=_product(p.product, p.toewijzing_ingangsdatum),
                    ingangsdatum=p.toewijzing_ingangsdatum,
                    einddatum=p.toewijzing_einddatum,
                    budget=p.budget,
                    beschikking_nummer=p.beschikking_nummer,
                    beschikking_ingangsdatum=p.beschikking_ingangsdatum,
                    verwijzer_type=p.verwijzer.type,
                    verwijzer_naam=p.verwijzer.naam or "",
                    verwijzer_zorgverlener_code=p.verwijzer.zorgverlener_code or "",
                    commentaar=p.commentaar or "",
                    **_omvang(p.omvang),
                )
            ],
        )
        for p in producten
    ]
    verzoeken_vastleggen(verzoeken=verzoeken, bericht=bericht)
    return Verwerking()


def _te_wijzigen_overtredingen(
    p: t.TeWijzigenProduct, tw: Toewijzing, dagtekening
) -> list[regels.Overtreding]:
    """TR357, TR373, TR375/TR412 and TR411: a TeWijzigenProduct against its toewijzing."""
    fouten = []
    zelfde_begin = p.gewenste_ingangsdatum == tw.ingangsdatum
    if p.gewenste_ingangsdatum <= dagtekening and not zelfde_begin:
        fouten.append(TR357)
    totaal = p.omvang is not None and p.omvang.frequentie == FREQUENTIE_TOTAAL
    budget_anders = p.budget is not None and p.budget != tw.budget
    totaal_anders = totaal and (p.omvang.volume, p.omvang.eenheid) != (
        tw.volume,
        tw.eenheid,
    )
    if (budget_anders or totaal_anders) and not zelfde_begin:
        fouten.append(TR373)
    code = tw.product.code if tw.product_id else ""
    na_2020 = p.einddatum is None or p.einddatum >= GRENS_2021
    if code and p.omvang is None:
        fouten.append(TR411)
    if not code and na_2020 and p.omvang is not None:
        fouten += [TR375, TR412]
    return fouten


def verzoek_om_wijziging_verwerken(
    *, bericht: Bericht, message: t.Wmo317
) -> Verwerking:
    """A 317: one Verzoek with all actual toewijzingen of the cliënt (TR349)."""
    v = message.client.verzoek
    bsn = message.client.bsn
    nummers = [
        p.toewijzing_nummer for p in v.ongewijzigde_producten + v.te_wijzigen_producten
    ]
    toewijzingen = {
        tw.toewijzing_nummer: tw
        for tw in Toewijzing.objects.filter(
            gemeente=bericht.gemeente,
            aanbieder=bericht.aanbieder,
            client__bsn=bsn,
            toewijzing_nummer__in=nummers,
        ).select_related("client", "product")
    }
    client = Client.objects.filter(gemeente=bericht.gemeente, bsn=bsn).first()
    if client is None:
        return Verwerking(bevindingen=[_bevinding(TR304, paden.CLIENT)])
    actueel = {
        tw.toewijzing_nummer
        for tw in actuele_toewijzingen(
            client=client, aanbieder=bericht.aanbieder, vandaag=bericht.dagtekening
        )
    }
    niet_actueel = [
        _bevinding(TR350, paden.ongewijzigd_product(nr))
        for nr, p in enumerate(v.ongewijzigde_producten, start=1)
        if p.toewijzing_nummer not in actueel
    ] + [
        _bevinding(TR351, paden.te_wijzigen_product(nr))
        for nr, p in enumerate(v.te_wijzigen_producten, start=1)
        if p.toewijzing_nummer not in actueel
    ]
    if niet_actueel:
        return Verwerking(bevindingen=niet_actueel)
    per_product = [
        _bevinding(o, paden.te_wijzigen_product(nr))
        for nr, p in enumerate(v.te_wijzigen_producten, start=1)
        for o in _te_wijzigen_overtredingen(
            p, toewijzingen[p.toewijzing_nummer], bericht.dagtekening
        )
    ]
    per_product += [
        b
        for nr, p in enumerate(v.nieuwe_producten, start=1)
        for b in _tr381(p.product, paden.nieuw_product(nr))
    ]
    if per_product:
        return Verwerking(bevindingen=per_product)
    overtreding = regels.eerste(
        regels.tr349_alle_actuele_toewijzingen(genoemd=set(nummers), actueel=actueel),
        verzoek_regels(
            aanbieder_id=bericht.aanbieder_id,
            client=client,
            referenties=[v.referentie_aanbieder],
            bericht=bericht,
        ),
    )
    if overtreding:
        return Verwerking(bevindingen=[_bevinding(overtreding, paden.VERZOEK)])
    eenheden = [
        b
        for nr, p in enumerate(v.te_wijzigen_producten, start=1)
        for b in _eenheid_van_product(
            p.omvang,
            toewijzingen[p.toewijzing_nummer].product,
            paden.te_wijzigen_product(nr),
        )
    ] + [
        b
        for nr, p in enumerate(v.nieuwe_producten, start=1)
        for b in _eenheid_van_product(
            p.omvang,
            _product(p.product, p.gewenste_ingangsdatum),
            paden.nieuw_product(nr),
        )
    ]
    if eenheden:
        return Verwerking(bevindingen=eenheden)
    verzoek = Verzoek(
        soort=VerzoekSoort.WIJZIGING,
        gemeente=bericht.gemeente,
        aanbieder=bericht.aanbieder,
        client=client,
        referentie_aanbieder=v.referentie_aanbieder,
        reden_verzoek=v.reden_verzoek,
    )

    def gewenst(p: t.GewenstProduct) -> dict:
        return {
            "ingangsdatum": p.gewenste_ingangsdatum,
            "einddatum": p.einddatum,
            "budget": p.budget,
            **_omvang(p.omvang),
        }

    producten = (
        [
            VerzoekProduct(
                soort=VerzoekProductSoort.ONGEWIJZIGD,
                toewijzing=toewijzingen[p.toewijzing_nummer],
            )
            for p in v.ongewijzigde_producten
        ]
        + [
            VerzoekProduct(
                soort=VerzoekProductSoort.TE_WIJZIGEN,
                toewijzing=toewijzingen[p.toewijzing_nummer],
                **gewenst(p),
            )
            for p in v.te_wijzigen_producten
        ]
        + [
            VerzoekProduct(
                soort=VerzoekProductSoort.NIEUW,
                product=_product(p.product, p.gewenste_ingangsdatum),
                **gewenst(p),
            )
            for p in v.nieuwe_producten
        ]
    )
    verzoeken_vastleggen(verzoeken=[(verzoek, producten)], bericht=bericht)
    return Verwerking()


def _afgekeurd(message) -> bool:
    """A retour rejects its heenbericht when it carries any RetourCode (IV028)."""
    return bool(message.header.retourcodes) or message.client is not None


def levering_retour_verwerken(
    *, bericht: Bericht, message: t.Wmo306 | t.Wmo308
) -> Verwerking:
    """306/308: a rejected start/stop does not count (IV032: the whole message is rejected)."""
    if bericht.heenbericht_id and _afgekeurd(message):
        Levering.objects.filter(
            bericht_id=bericht.heenbericht_id,
            status_aanlevering=StatusAanlevering.EERSTE,
        ).update(vervallen=True)
    return Verwerking()


def verzoek_retour_verwerken(
    *, bericht: Bericht, message: t.Wmo316 | t.Wmo318
) -> Verwerking:
    """316/318: a rejected verzoek is no longer onderhanden (TR374)."""
    if bericht.heenbericht_id and _afgekeurd(message):
        Verzoek.objects.filter(
            bericht_id=bericht.heenbericht_id, status=VerzoekStatus.OPEN
        ).update(status=VerzoekStatus.AFGEWEZEN)
    return Verwerking()


HANDLERS = {
    "WMO301": ontvangst.toewijzing_verwerken,
    "WMO319": ontvangst.antwoord_verwerken,
    "WMO305": start_zorg_verwerken,
    "WMO307": stop_zorg_verwerken,
    "WMO315": verzoek_om_toewijzing_verwerken,
    "WMO317": verzoek_om_wijziging_verwerken,
    "WMO306": levering_retour_verwerken,
    "WMO308": levering_retour_verwerken,
    "WMO316": verzoek_retour_verwerken,
    "WMO318": verzoek_retour_verwerken,
}
