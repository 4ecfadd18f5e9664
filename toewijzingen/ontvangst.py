"""The aanbieder side of a 301 and a 319 that a gemeente sent from its own software.

A gemeente that works in the portal records its toewijzingen and answers before it
sends them, so a 301 or 319 delivered inside the portal (kanaal `portaal`) changes
nothing here. One that arrives through an inbound channel (upload, API, folder)
comes from a gemeente's own software: the message is then the only source, and
the portal records what it says for the aanbieder, after the level-3/4 checks of
the receiving side. Nothing is applied when any check fails (IV032).
"""

import datetime as dt
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import Kanaal, Niveau
from berichten.models import Bericht
from berichten.registry import Verwerking
from berichten.xml import types as t
from core.batch_cache import per_batch
from core.uniek import enige_of_geen
from stamgegevens.models import Contract, Product
from toewijzingen import selectors
from toewijzingen.constants import (
    RedenWijziging,
    VerzoekAntwoord,
    VerzoekStatus,
)
from toewijzingen.models import Client, Toewijzing, Verzoek


def van_buiten(bericht: Bericht) -> bool:
    """Made outside the portal: the records exist only in the message."""
    return bericht.kanaal != Kanaal.PORTAAL


def _fout(regel: str, retourcode: str, pad: str, tekst: str, niveau=None) -> Bevinding:
    return Bevinding(
        niveau=int(niveau or Niveau.BERICHTOVERSTIJGEND),
        regel=regel,
        retourcode=retourcode,
        pad=pad,
        tekst=tekst,
    )


# --- WMO301 --------------------------------------------------------------------------


def _client_velden(c: t.ToewijzingClient) -> dict:
    """The cliënt's name and the first address/phone of Soort 01, 02 or 03 (TR061)."""
    naam = c.naam
    velden = {
        "geboortedatum": c.geboortedatum.datum,
        "geslacht": c.geslacht,
        "achternaam": naam.geslachtsnaam.achternaam,
        "voorvoegsel": naam.geslachtsnaam.voorvoegsel or "",
        "voornamen": naam.voornamen or "",
        "voorletters": naam.voorletters or "",
        "naam_gebruik": naam.naam_gebruik,
    }
    woon = [k for k in c.contactgegevens if k.soort in {"01", "02", "03"}]
    contact = woon[0] if woon else (c.contactgegevens or [None])[0]
    if contact is None:
        return velden
    adres, huis = contact.adres, contact.adres.huis if contact.adres else None
    velden |= {
        "straat": (adres.straatnaam or "")[:24] if adres else "",
        "huisnummer": huis.huisnummer if huis else None,
        "huisletter": (huis.huisletter or "") if huis else "",
        "huisnummer_toevoeging": (huis.huisnummer_toevoeging or "") if huis else "",
        "postcode": (adres.postcode or "") if adres else "",
        "plaats": (adres.plaatsnaam or "")[:80] if adres else "",
        "telefoon": contact.telefoon.telefoon01.telefoonnummer[:15]
        if contact.telefoon
        else "",
        "email": contact.emailadres or "",
    }
    return velden


def _product(product: t.Product | None, datum: dt.date) -> Product | None:
    if product is None or not product.code:
        return None
    categorie, code = product.categorie, product.code
    kandidaten = per_batch(
        ("producten", categorie, code),
        lambda: list(Product.objects.filter(categorie=categorie, code=code)),
    )
    return next((p for p in kandidaten if p.is_geldig_op(datum)), None)


def _contract(bericht: Bericht, product: Product, datum: dt.date) -> Contract | None:
    gemeente_id, aanbieder_id = bericht.gemeente_id, bericht.aanbieder_id
    return per_batch(
        ("contract", gemeente_id, aanbieder_id, product.pk, datum),
        lambda: _lopend_contract(gemeente_id, aanbieder_id, product, datum),
    )


def _lopend_contract(
    gemeente_id: int, aanbieder_id: int, product: Product, datum: dt.date
) -> Contract | None:
    """The contract the toewijzing falls under (R-T1): the one with this product on
    the ingangsdatum, else any contract between the two on that date."""
    lopend = (
        Contract.objects.filter(
            Contract.scope_gemeente(gemeente_id),
            aanbieder_id=aanbieder_id,
            begindatum__lte=datum,
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=datum))
        .order_by("-begindatum")
    )
    return lopend.filter(contractproducten__product=product).first() or lopend.first()


@dataclass
class _Regel:
    """One checked ToegewezenProduct, ready to store."""

    product: t.ToegewezenProduct
    bestaand: Toewijzing | None
    artikel: Product | None
    contract: Contract | None
    verzoek: Verzoek | None


def _controleer_product(
    bericht: Bericht, bsn: str, nr: int, p: t.ToegewezenProduct
) -> tuple[_Regel, list[Bevinding]]:
    pad = paden.toegewezen_product(nr)
    fouten: list[Bevinding] = []
    # Unique per gemeente; of the cliënt only its BSN (a join of three wide
    # tables cost more than the rest of the checks).
    bestaand = enige_of_geen(
        Toewijzing.objects.filter(
            gemeente_id=bericht.gemeente_id, toewijzing_nummer=p.toewijzing_nummer
        ).annotate(client_bsn=F("client__bsn"))
    )
    if bestaand is not None and (
        bestaand.client_bsn != bsn or bestaand.aanbieder_id != bericht.aanbieder_id
    ):
        fouten.append(
            _fout(
                "TR332",
                "9332",
                pad,
                f"ToewijzingNummer {p.toewijzing_nummer} hoort al bij een andere "
                "toewijzing van deze gemeente.",
            )
        )
    verzoek = None
    if p.referentie_aanbieder and not (
        bestaand and bestaand.referentie_aanbieder == p.referentie_aanbieder
    ):
        verzoek = Verzoek.objects.filter(
            aanbieder=bericht.aanbieder,
            gemeente=bericht.gemeente,
            client__bsn=bsn,
            referentie_aanbieder=p.referentie_aanbieder,
        ).first()
        if verzoek is None:
            fouten.append(
                _fout(
                    "TR379",
                    "9379",
                    pad,
                    f"ReferentieAanbieder {p.referentie_aanbieder} hoort bij geen "
                    "verzoek om toewijzing of verzoek om wijziging van de aanbieder.",
                )
            )
    if (
        p.reden_wijziging == RedenWijziging.VERWIJDERD
        and bestaand is not None
        and selectors.goedgekeurd_niet_gecrediteerd(bestaand).exists()
    ):
        fouten.append(
            _fout(
                "TR385",
                "9385",
                pad,
                "Deze toewijzing heeft goedgekeurde, niet gecrediteerde "
                "declaratieregels en kan niet worden verwijderd.",
            )
        )
    artikel = _product(p.product, p.ingangsdatum) or (
        bestaand.product
        if bestaand and p.product is None
        else None  # a budget without Product keeps the product it had
    )
    contract = None
    if artikel is None:
        fouten.append(
            _fout(
                "TR381",
                "S329",
                pad,
                "ProductCode "
                + (
                    f"{p.product.code} komt met categorie {p.product.categorie} niet "
                    "voor in de productcodelijst van het portaal."
                    if p.product and p.product.code
                    else "ontbreekt; het portaal legt een toewijzing alleen met een "
                    "product uit de productcodelijst vast."
                ),
                niveau=Niveau.EXTERNE_BRON,
            )
        )
    else:
        contract = (
            bestaand.contract
            if bestaand and bestaand.ingangsdatum == p.ingangsdatum
            else _contract(bericht, artikel, p.ingangsdatum)
        )
        if contract is None:
            fouten.append(
                _fout(
                    "R-T1",
                    "0233",
                    pad,
                    "De aanbieder heeft geen contract met deze gemeente op de "
                    "ingangsdatum; de toewijzing is niet beoordeeld.",
                    niveau=Niveau.EXTERNE_BRON,
                )
            )
    return _Regel(p, bestaand, artikel, contract, verzoek), fouten


def _client(bericht: Bericht, c: t.ToewijzingClient) -> tuple[Client, bool]:
    """The cliënt with the message's data, saved; True when it is new."""
    client = enige_of_geen(  # unique per gemeente
        Client.objects.filter(gemeente_id=bericht.gemeente_id, bsn=c.bsn)
    )
    nieuw = client is None
    client = client or Client(gemeente=bericht.gemeente, bsn=c.bsn)
    for veld, waarde in _client_velden(c).items():
        setattr(client, veld, waarde)
    client.postcode = client.postcode.replace(" ", "").upper()
    client.save()
    return client, nieuw


def _vastleggen(bericht: Bericht, client: Client, r: _Regel) -> Toewijzing:
    p = r.product
    tw = r.bestaand or Toewijzing(
        gemeente=bericht.gemeente,
        aanbieder=bericht.aanbieder,
        client=client,
        toewijzing_nummer=p.toewijzing_nummer,
    )
    omvang = p.omvang
    tw.contract, tw.product = r.contract, r.artikel
    tw.referentie_aanbieder = p.referentie_aanbieder or tw.referentie_aanbieder
    tw.toewijzingsdatum, tw.toewijzingstijd = p.toewijzingsdatum, p.toewijzingstijd
    tw.ingangsdatum, tw.einddatum = p.ingangsdatum, p.einddatum
    tw.reden_wijziging = p.reden_wijziging or ""
    tw.volume = omvang.volume if omvang else None
    tw.eenheid = omvang.eenheid if omvang else ""
    tw.frequentie = omvang.frequentie if omvang else ""
    tw.budget = p.budget
    tw.commentaar = p.commentaar or ""
    if p.reden_wijziging and tw.beeindigd_op is None and p.einddatum:
        tw.beeindigd_op = timezone.now()
    tw.bericht = bericht
    tw.save()
    return tw


def _niet_meer_genoemd(
    bericht: Bericht, client: Client, genoemd: set[int]
) -> list[Toewijzing]:
    """OP087: a 301 holds every toewijzing valid on or after its creation date.
    One that was current and is left out is no longer valid from that date: it
    ends the day before the Dagtekening, or is removed (13) when it had not begun."""
    dag = bericht.dagtekening
    beeindigd = []
    for tw in Toewijzing.objects.filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=dag),
        gemeente=bericht.gemeente,
        aanbieder=bericht.aanbieder,
        client=client,
    ).exclude(toewijzing_nummer__in=genoemd):
        if tw.ingangsdatum >= dag:
            tw.einddatum, tw.reden_wijziging = (
                tw.ingangsdatum,
                RedenWijziging.VERWIJDERD,
            )
        else:
            tw.einddatum = dag - dt.timedelta(days=1)
        tw.beeindigd_op = timezone.now()
        tw.bericht = bericht
        tw.save()
        beeindigd.append(tw)
    return beeindigd


def toewijzing_verwerken(*, bericht: Bericht, message: t.Wmo301) -> Verwerking:
    """WMO301 from a gemeente's own software: the cliënt and its complete set of
    toewijzingen for this aanbieder (OP087), after TR332, TR379, TR385, TR381."""
    if not van_buiten(bericht):
        return Verwerking()
    c = message.client
    regels, fouten = [], []
    for nr, p in enumerate(c.toegewezen_producten, start=1):
        regel, bevindingen = _controleer_product(bericht, c.bsn, nr, p)
        regels.append(regel)
        fouten += bevindingen
    if fouten:
        return Verwerking(bevindingen=fouten)
    client, nieuw = _client(bericht, c)
    for r in regels:
        _vastleggen(bericht, client, r)
        if r.verzoek is not None and r.verzoek.status in (
            VerzoekStatus.OPEN,
            VerzoekStatus.IN_ONDERZOEK,
        ):
            r.verzoek.status = VerzoekStatus.GEHONOREERD
            r.verzoek.antwoord_bericht = bericht
            r.verzoek.beantwoord_op = timezone.now()
            r.verzoek.save(
                update_fields=["status", "antwoord_bericht", "beantwoord_op"]
            )
    if not nieuw:  # a new cliënt has no toewijzingen but those just stored
        _niet_meer_genoemd(
            bericht, client, {p.toewijzing_nummer for p in c.toegewezen_producten}
        )
    return Verwerking()


# --- WMO319 --------------------------------------------------------------------------


def antwoord_verwerken(*, bericht: Bericht, message: t.Wmo319) -> Verwerking:
    """WMO319 from a gemeente's own software: the answer to the aanbieder's own
    315/317 (TR355), not after a 301 for it (TR359), at most one final answer
    (TR360, TR365)."""
    if not van_buiten(bericht):
        return Verwerking()
    a = message.antwoord
    verzoek = Verzoek.objects.filter(
        aanbieder=bericht.aanbieder,
        gemeente=bericht.gemeente,
        referentie_aanbieder=a.referentie_aanbieder,
    ).first()
    pad = paden.ANTWOORD
    if verzoek is None:
        return Verwerking(
            bevindingen=[
                _fout(
                    "TR355",
                    "9355",
                    pad,
                    f"ReferentieAanbieder {a.referentie_aanbieder} komt in geen "
                    "verzoek om toewijzing of verzoek om wijziging van de aanbieder voor.",
                )
            ]
        )
    fout = None
    if verzoek.status == VerzoekStatus.GEHONOREERD:
        fout = _fout(
            "TR359",
            "9359",
            pad,
            "Er is al een toewijzing gestuurd met deze ReferentieAanbieder.",
        )
    elif verzoek.status == VerzoekStatus.AFGEWEZEN:
        fout = _fout(
            "TR365",
            "9365",
            pad,
            "Er is al een afwijzing met deze ReferentieAanbieder.",
        )
    elif (
        verzoek.status == VerzoekStatus.IN_ONDERZOEK
        and a.verzoek_antwoord == VerzoekAntwoord.IN_ONDERZOEK
    ):
        fout = _fout(
            "TR360",
            "9360",
            pad,
            "Er is al een antwoord 'aanvraag in onderzoek' met deze ReferentieAanbieder.",
        )
    if fout:
        return Verwerking(bevindingen=[fout])
    verzoek.status = (
        VerzoekStatus.AFGEWEZEN
        if a.verzoek_antwoord == VerzoekAntwoord.AFGEWEZEN
        else VerzoekStatus.IN_ONDERZOEK
    )
    verzoek.reden_afwijzing = a.reden_afwijzing_verzoek or ""
    verzoek.antwoord_bericht = bericht
    verzoek.beantwoord_op = timezone.now()
    verzoek.save(
        update_fields=["status", "reden_afwijzing", "antwoord_bericht", "beantwoord_op"]
    )
    return Verwerking()
