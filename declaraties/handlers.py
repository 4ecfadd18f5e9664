"""Handlers of the berichten registry for WMO323 (gemeente side) and WMO325 (aanbieder side)."""

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import Niveau
from berichten.models import Bericht
from berichten.registry import Verwerking
from berichten.xml import codec
from berichten.xml.parser import XmlInputError
from core import werkdagen
from core.bulk import rijen_invoegen, rijen_lezen
from core.lookups import InLijst
from declaraties.constants import (
    ANTWOORD_OK,
    ANTWOORD_TERMIJN,
    CONTRACT_TERMIJN,
    GEEN_OPMERKING,
    VOLLEDIG_TOEGEWEZEN,
    DebetCredit,
    DeclaratieStatus,
    PrestatieStatus,
)
from declaraties.mappers import prestatie_velden, wijkt_af
from declaraties.models import Declaratie, Prestatie
from declaraties.regels import DUBBELE_REFERENTIE, Controle, controleer_declaratie
from stamgegevens.models import Aanbieder
from toewijzingen.models import Client

# --- WMO323: the gemeente checks and stores ----------------------------------------


def termijnen(ontvangen) -> dict:
    """R-D8: the 325 within 10 werkdagen (OP090x4), 20 under the seed contract."""
    return {
        "antwoord_uiterlijk": werkdagen.plus_werkdagen(ontvangen, ANTWOORD_TERMIJN),
        "contract_uiterlijk": werkdagen.plus_werkdagen(ontvangen, CONTRACT_TERMIJN),
    }


def _status(goedgekeurd: bool) -> str:
    return PrestatieStatus.GOEDGEKEURD if goedgekeurd else PrestatieStatus.AFGEKEURD


def _uitkomst(u) -> dict:
    """The fields of a stored Prestatie that the check decides."""
    codes = u.retourcodes
    return {
        "toewijzing_id": None if u.toewijzing is None else u.toewijzing.pk,
        "status": _status(not codes),
        "retourcodes": codes,
        "start_ontbreekt": u.start_ontbreekt,
        "is_duplicaat": DUBBELE_REFERENTIE in codes,
    }


def _opslaan(bericht: Bericht, message, controle: Controle) -> Declaratie:
    """The declaratie with a status per line: the portal's concept, or new rows."""
    nu = timezone.now()
    d = message.declaratie
    declaratie = controle.gegevens.eigen or Declaratie(
        aanbieder=bericht.aanbieder, gemeente=bericht.gemeente
    )
    declaratie.declaratie_nummer = d.declaratie_nummer
    declaratie.periode_begin = d.declaratie_periode.begindatum
    declaratie.periode_eind = d.declaratie_periode.einddatum
    declaratie.dagtekening = d.declaratie_dagtekening
    declaratie.totaal_ingediend = (
        -1 if d.totaal_ingediend_bedrag.debet_credit == "C" else 1
    ) * d.totaal_ingediend_bedrag.totaal_bedrag
    declaratie.totaal_toegekend = controle.toegekend
    alles_goed = all(u.goedgekeurd for u in controle.per_prestatie.values())
    declaratie.retourcodes = [VOLLEDIG_TOEGEWEZEN if alles_goed else GEEN_OPMERKING]
    declaratie.status = DeclaratieStatus.BEANTWOORD  # the 325 follows at once
    declaratie.bericht = bericht
    declaratie.ingediend_op = declaratie.ingediend_op or nu
    declaratie.aanbieder_vastleggen()
    declaratie.beantwoord_op = nu
    for naam, datum in termijnen(timezone.localdate()).items():
        setattr(declaratie, naam, datum)
    declaratie.save()

    eerdere = controle.gegevens.eerdere
    bestaand = (
        {p.product_referentie: p for p in declaratie.prestaties.all()}
        if controle.gegevens.eigen
        else {}
    )
    # Lines link to a cliënt the aanbieder may see (one assigned to it): a BSN
    # declared for someone else's cliënt opens nothing.
    clienten = dict(
        Client.objects.filter(
            Client.scope_aanbieder(bericht.aanbieder_id),
            gemeente=bericht.gemeente,
            bsn__in={u.bsn for u in controle.per_prestatie.values()},
        ).values_list("bsn", "pk")
    )
    nieuw, gewijzigd = [], []
    for u in controle.per_prestatie.values():
        referentie = u.prestatie.product_referentie.referentie_nummer
        rij = None if u.is_duplicaat else bestaand.pop(referentie, None)
        if rij is None:  # a plain row, no model instance: see core.bulk
            velden = prestatie_velden(u.bsn, u.prestatie)
            credit = velden["debet_credit"] == DebetCredit.CREDIT
            vorig = eerdere.get(velden["vorig_referentie_nummer"]) if credit else None
            velden.update(_uitkomst(u))  # one dict per line, filled in place
            velden["declaratie_id"] = declaratie.pk
            velden["aanbieder_id"] = declaratie.aanbieder_id
            velden["client_id"] = clienten.get(u.bsn)
            velden["vorig_referentie_id"] = None if vorig is None else vorig.pk
            nieuw.append(velden)
            continue
        gewijzigd.append(rij)
        rij.client_id = rij.client_id or clienten.get(u.bsn)
        vorig = eerdere.get(rij.vorig_referentie_nummer) if rij.is_credit else None
        if vorig is not None:
            rij.vorig_referentie_id = vorig.pk
        for veld, waarde in _uitkomst(u).items():
            setattr(rij, veld, waarde)
    rijen_invoegen(Prestatie, nieuw)
    Prestatie.objects.bulk_update(
        gewijzigd,
        [
            "client",
            "toewijzing",
            "vorig_referentie",
            "status",
            "retourcodes",
            "start_ontbreekt",
            "is_duplicaat",
        ],
        batch_size=500,
    )
    return declaratie


def ter_beoordeling(declaratie: Declaratie) -> None:
    """The gemeente reviews before the 325 leaves (Gemeente.declaraties_beoordelen):
    the lines the automatic checks passed wait as "te beoordelen" (two UPDATEs)."""
    declaratie.prestaties.filter(status=PrestatieStatus.GOEDGEKEURD).update(
        status=PrestatieStatus.TE_BEOORDELEN
    )
    Declaratie.objects.filter(pk=declaratie.pk).update(
        status=DeclaratieStatus.TE_BEOORDELEN,
        totaal_toegekend=None,
        beantwoord_op=None,
        retourcodes=[],
    )


def als_geheel_afgekeurd(bericht: Bericht, message, controle: Controle) -> Declaratie:
    """A 323 rejected as a whole (8214, 9333, 8848, …) is kept as a declaratie with
    status afgekeurd and its codes, not taken in. Its lines are stored only when
    the portal made it (they are the concept's rows); a 323 from outside keeps
    its lines in the message, so sending them again is no duplicate (TR314)."""
    nu, d = timezone.now(), message.declaratie
    declaratie = controle.gegevens.eigen or Declaratie(
        aanbieder=bericht.aanbieder, gemeente=bericht.gemeente
    )
    declaratie.declaratie_nummer = d.declaratie_nummer
    declaratie.periode_begin = d.declaratie_periode.begindatum
    declaratie.periode_eind = d.declaratie_periode.einddatum
    declaratie.dagtekening = d.declaratie_dagtekening
    declaratie.totaal_ingediend = (
        -1 if d.totaal_ingediend_bedrag.debet_credit == "C" else 1
    ) * d.totaal_ingediend_bedrag.totaal_bedrag
    declaratie.totaal_toegekend = 0
    declaratie.retourcodes = list(controle.declaratie_codes)
    declaratie.status = DeclaratieStatus.AFGEKEURD
    declaratie.bericht = bericht
    declaratie.ingediend_op = declaratie.ingediend_op or nu
    declaratie.beantwoord_op = nu
    declaratie.aanbieder_vastleggen()
    declaratie.save()
    if controle.gegevens.eigen:
        declaratie.prestaties.update(
            status=PrestatieStatus.AFGEKEURD, retourcodes=declaratie.retourcodes
        )
    bericht.foutmelding = (
        "De declaratie is als geheel afgekeurd ("
        + ", ".join(declaratie.retourcodes)
        + "); zie de declaratie voor de redenen."
    )
    return declaratie


# What the 325 side reads of every line: its status, whether it has retourcodes
# (not the codes: JSON to decode 10,000 times), its ProductReferentie.
UITKOMST_KOLOMMEN = ["pk", "status", "zonder_codes", "product_referentie"]
# And of the lines the 325 names: their codes and the fields TR367 compares.
VERGELIJK_KOLOMMEN = [
    "pk",
    "retourcodes",
    "bsn",
    "toewijzing_nummer",
    "product_referentie",
    "vorig_referentie_nummer",
    "debet_credit",
    "product_categorie",
    "product_code",
    "begindatum",
    "einddatum",
    "geleverd_volume",
    "eenheid",
    "product_tarief",
    "ingediend_bedrag",
]


@dataclass(slots=True)
class Uitkomst:
    """What the 325 says of one line."""

    pk: int
    status: str
    retourcodes: list[str]


def _gewijzigd(rij, nieuw: Uitkomst, bekend) -> bool:
    """Whether the line as stored (`rij`, and `bekend` when its codes were read)
    differs from `nieuw`; unknown codes count as a change."""
    if rij.status != nieuw.status:
        return True
    if not nieuw.retourcodes:
        return not rij.zonder_codes
    return bekend is None or bekend.retourcodes != nieuw.retourcodes


def _update_per_uitkomst(prestaties: list, velden: list[str]) -> None:
    """Write the same outcome to many lines with one UPDATE per distinct outcome.

    Most lines share their outcome (all goedgekeurd, or a few retourcodes), so
    this stays a handful of queries where bulk_update's CASE grows with the list.
    """
    groepen: dict[str, list[int]] = {}
    waarden: dict[str, dict] = {}
    for p in prestaties:
        uitkomst = {veld: getattr(p, veld) for veld in velden}
        sleutel = repr(sorted(uitkomst.items()))
        groepen.setdefault(sleutel, []).append(p.pk)
        waarden[sleutel] = uitkomst
    for sleutel, pks in groepen.items():
        for begin in range(0, len(pks), 10_000):
            Prestatie.objects.filter(pk__in=pks[begin : begin + 10_000]).update(
                **waarden[sleutel]
            )


def verwerk_declaratie(*, bericht: Bericht, message) -> Verwerking:
    """WMO323 at the gemeente: levels 3/4, statuses per line; the generic builder
    makes the 325 from the findings (only rejected lines, OP364 only flagged)."""
    # One aanbieder's declaraties are checked one at a time: a parallel 323 with the
    # same DeclaratieNummer waits here and then gets 9333 (TR333), not a crash.
    Aanbieder.objects.select_for_update().filter(pk=bericht.aanbieder_id).first()
    controle = controleer_declaratie(
        message, gemeente=bericht.gemeente, aanbieder=bericht.aanbieder
    )
    if controle.verwerkt:
        declaratie = _opslaan(bericht, message, controle)
        if bericht.gemeente.declaraties_beoordelen:
            ter_beoordeling(declaratie)
            return Verwerking(bevindingen=controle.bevindingen, uitgesteld=True)
    else:
        als_geheel_afgekeurd(bericht, message, controle)
    return Verwerking(bevindingen=controle.bevindingen, afgekeurd=not controle.verwerkt)


# --- WMO325: the aanbieder takes the answer in ------------------------------------


def _bevinding(regel: str, retourcode: str, pad: str, tekst: str) -> Bevinding:
    return Bevinding(
        niveau=Niveau.BERICHTOVERSTIJGEND,
        regel=regel,
        retourcode=retourcode,
        pad=pad,
        tekst=tekst,
    )


def _declaratienummer_van(heen: Bericht | None) -> str | None:
    if heen is None:
        return None
    try:
        return codec.decode(heen.xml).declaratie.declaratie_nummer
    except (XmlInputError, AttributeError):
        return None


def zoek_declaratie(bericht: Bericht, message) -> Declaratie | None:
    """TR337: the declaratie of the 323 this 325 answers (its heenbericht, bound
    to the same gemeente and aanbieder by the pipeline), else that 323's concept."""
    if bericht.heenbericht_id is None:
        return None
    declaratie = Declaratie.objects.filter(
        bericht_id=bericht.heenbericht_id,
        gemeente=bericht.gemeente,
        aanbieder=bericht.aanbieder,
    ).first()
    if declaratie:
        return declaratie
    # Not taken in by the gemeente (level 2, or the Declaratie rejected as a whole):
    # only a concept can be the one, never an earlier declaratie with that number.
    nummer = _declaratienummer_van(bericht.heenbericht)
    if not nummer:
        return None
    declaratie = Declaratie.objects.filter(
        gemeente=bericht.gemeente,
        aanbieder=bericht.aanbieder,
        declaratie_nummer=nummer,
        status=DeclaratieStatus.CONCEPT,
    ).first()
    if declaratie and declaratie.bericht_id is None:
        declaratie.bericht = bericht.heenbericht
    return declaratie


def verwerk_declaratie_antwoord(*, bericht: Bericht, message) -> Verwerking:
    """WMO325: statuses and retourcodes per line, matched by ProductReferentie."""
    declaratie = zoek_declaratie(bericht, message)
    if declaratie is None:
        return Verwerking(
            bevindingen=[
                _bevinding(
                    "TR376",
                    "",
                    paden.HEADER,
                    "Er is geen declaratie bekend bij dit declaratie-antwoord.",
                )
            ]
        )
    nu = timezone.now()
    declaratie.antwoord = bericht
    # Plain records: all lines are read, few change; TR367 compares the fields of
    # the lines the 325 names (the rejected ones), read in a second query.
    prestaties = rijen_lezen(
        declaratie.prestaties.annotate(
            zonder_codes=ExpressionWrapper(Q(retourcodes=[]), BooleanField())
        ),
        UITKOMST_KOLOMMEN,
    )
    antwoord = message.declaratie_antwoord
    header_codes = [c for c in message.header.retourcodes if c not in ANTWOORD_OK]
    if antwoord is None or header_codes:
        # Rejected as a whole (e.g. 0001): the 323 counts as not sent; the
        # declaratie shows afgekeurd with the codes, its lines are corrected anew.
        codes = list(message.header.retourcodes)
        _update_per_uitkomst(
            [Uitkomst(p.pk, PrestatieStatus.AFGEKEURD, codes) for p in prestaties],
            ["status", "retourcodes"],
        )
        declaratie.retourcodes = list(message.header.retourcodes)
        declaratie.status = DeclaratieStatus.AFGEKEURD
        declaratie.totaal_toegekend = 0
        declaratie.beantwoord_op = declaratie.beantwoord_op or nu
        declaratie.save()
        return Verwerking()

    bevindingen = []
    if antwoord.declaratie_nummer != declaratie.declaratie_nummer:
        bevindingen.append(
            _bevinding(
                "TR376",
                "",
                paden.DECLARATIE,
                f"DeclaratieNummer {antwoord.declaratie_nummer} is niet dat van de declaratie ({declaratie.declaratie_nummer}).",
            )
        )
    declaratie_codes = [c for c in antwoord.retourcodes if c not in ANTWOORD_OK]
    afgewezen = {}
    for cnr, client in enumerate(antwoord.clienten, start=1):
        for pnr, p in enumerate(client.prestaties, start=1):
            afgewezen[p.product_referentie.referentie_nummer] = (
                paden.prestatie(cnr, pnr),
                p,
            )
    vergelijk = {
        v.pk: v
        for v in rijen_lezen(
            declaratie.prestaties.filter(InLijst("product_referentie", afgewezen)),
            VERGELIJK_KOLOMMEN,
        )
    }
    gewijzigd = []
    for rij in prestaties:
        gevonden = afgewezen.pop(rij.product_referentie, None)
        if declaratie_codes:
            nieuw = Uitkomst(rij.pk, PrestatieStatus.AFGEKEURD, declaratie_codes)
        elif gevonden is None:
            nieuw = Uitkomst(rij.pk, PrestatieStatus.GOEDGEKEURD, [])
        else:
            pad, p = gevonden
            nieuw = Uitkomst(rij.pk, PrestatieStatus.AFGEKEURD, list(p.retourcodes))
            velden = wijkt_af(vergelijk[rij.pk], p)
            if velden:
                bevindingen.append(
                    _bevinding(
                        "TR367",
                        "9367",
                        pad,
                        f"Andere waarden dan in de declaratie: {', '.join(velden)}.",
                    )
                )
        if _gewijzigd(rij, nieuw, vergelijk.get(rij.pk)):
            gewijzigd.append(nieuw)
    for referentie, (pad, _p) in afgewezen.items():
        bevindingen.append(
            _bevinding(
                "TR366",
                "9366",
                pad,
                f"ProductReferentie {referentie} komt niet voor in de declaratie.",
            )
        )
    # The gemeente in the portal has written these outcomes already: only changes.
    _update_per_uitkomst(gewijzigd, ["status", "retourcodes"])
    toegekend = antwoord.totaal_toegekend_bedrag
    declaratie.totaal_toegekend = (
        -1 if toegekend.debet_credit == "C" else 1
    ) * toegekend.totaal_bedrag
    declaratie.retourcodes = list(antwoord.retourcodes)
    declaratie.status = (
        DeclaratieStatus.AFGEKEURD if declaratie_codes else DeclaratieStatus.BEANTWOORD
    )
    declaratie.beantwoord_op = declaratie.beantwoord_op or nu
    declaratie.save()
    return Verwerking(bevindingen=bevindingen)
