"""WMO323 Declaratie: the in-message checklist of rules.md §5.

Every rule is one pass over the Prestaties with sets or dicts: a declaratie of
10,000 lines is checked in a fraction of a second. Pads are built only for a fault.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import Niveau
from berichten.regels.basis import (
    GRENS_2021,
    dagtekening,
    dubbelen,
    fout,
    gedeeld,
    jaren_terug,
    nl,
    regel,
)
from berichten.xml.types import Periode, Prestatie

EURO = "83"  # Eenheid: the volume is an amount in eurocents


@gedeeld
def prestaties(message) -> tuple[tuple[int, int, Prestatie], ...]:
    """(client nr, prestatie nr, Prestatie), 1-based, over the whole declaratie (of
    a 323) or over the rejected lines of a 325: the rows every rule walks, built
    once per run of the rules."""
    houder = (
        message.declaratie_antwoord
        if message.BERICHT == "WMO325"
        else message.declaratie
    )
    return tuple(
        (cnr, pnr, prestatie)
        for cnr, client in enumerate(houder.clienten if houder else [], start=1)
        for pnr, prestatie in enumerate(client.prestaties, start=1)
    )


def perioden(message) -> Iterator[tuple[tuple[int, int] | None, str, Periode]]:
    """(plaats, name, period) of the DeclaratiePeriode (plaats None) and every
    ProductPeriode (plaats: client nr, prestatie nr); `_pad(plaats)` on a fault."""
    yield None, "DeclaratiePeriode", message.declaratie.declaratie_periode
    for cnr, pnr, p in prestaties(message):
        yield (cnr, pnr), "ProductPeriode", p.product_periode


def _pad(plaats: tuple[int, int] | None) -> str:
    return paden.DECLARATIE if plaats is None else paden.prestatie(*plaats)


def is_credit(prestatie: Prestatie) -> bool:
    return prestatie.ingediend_bedrag.debet_credit == "C"


def _maandeinde(datum: date) -> date:
    volgende = (datum.replace(day=28) + timedelta(days=4)).replace(day=1)
    return volgende - timedelta(days=1)


@regel("WMO323")
def tr101_geen_dubbele_regels(message) -> Iterator[Bevinding]:
    bsns: set[str] = set()
    for cnr, client in enumerate(message.declaratie.clienten, start=1):
        if client.bsn in bsns:
            yield fout(
                "TR101",
                paden.declaratie_client(cnr),
                f"Cliënt {client.bsn} komt dubbel voor in de declaratie.",
            )
        bsns.add(client.bsn)
        referenties: set[tuple[str, str | None]] = set()
        for pnr, p in enumerate(client.prestaties, start=1):
            sleutel = (
                p.product_referentie.referentie_nummer,
                p.product_referentie.vorig_referentie_nummer,
            )
            if sleutel in referenties:
                yield fout(
                    "TR101",
                    paden.prestatie(cnr, pnr),
                    f"Prestatie {sleutel[0]} komt dubbel voor bij deze cliënt.",
                )
            referenties.add(sleutel)


@regel("WMO325")
def tr101_geen_dubbele_regels_in_antwoord(message) -> Iterator[Bevinding]:
    antwoord = message.declaratie_antwoord
    bsns: set[str] = set()
    for cnr, client in enumerate(antwoord.clienten if antwoord else [], start=1):
        if client.bsn in bsns:
            yield fout(
                "TR101",
                paden.declaratie_client(cnr),
                f"Cliënt {client.bsn} komt dubbel voor in het declaratie-antwoord.",
            )
        bsns.add(client.bsn)
        regels = (
            (paden.prestatie(cnr, pnr), p.product_referentie.referentie_nummer)
            for pnr, p in enumerate(client.prestaties, start=1)
        )
        for pad, referentie in dubbelen(regels):
            yield fout("TR101", pad, f"Prestatie {referentie} komt dubbel voor.")


def _antwoord_prestaties(message) -> Iterator[tuple[str, Prestatie]]:
    for cnr, pnr, p in prestaties(message):
        yield paden.prestatie(cnr, pnr), p


@regel("WMO325")
def tr342_alleen_afgewezen_prestaties(message) -> Iterator[Bevinding]:
    for pad, p in _antwoord_prestaties(message):
        if set(p.retourcodes) <= {"0200"}:
            yield fout(
                "TR342",
                pad,
                f"Prestatie {p.product_referentie.referentie_nummer} is niet afgewezen "
                "en hoort niet in het declaratie-antwoord.",
            )


@regel("WMO325")
def tr137_productperiode_in_antwoord(message) -> Iterator[Bevinding]:
    grens = dagtekening(message)
    for pad, p in _antwoord_prestaties(message):
        periode = p.product_periode
        if not periode.begindatum <= periode.einddatum <= grens:
            yield fout(
                "TR137",
                pad,
                f"Einddatum van de ProductPeriode ({nl(periode.einddatum)}) ligt voor "
                "de begindatum of na de dagtekening.",
            )


@regel("WMO325")
def tr134_declaratie_dagtekening_niet_na_dagtekening(message) -> Iterator[Bevinding]:
    grens = dagtekening(message)
    declaratie = message.header.declaratie_identificatie.dagtekening
    if declaratie > grens:
        yield fout(
            "TR134",
            paden.HEADER,
            f"De dagtekening van de declaratie ({nl(declaratie)}) ligt na die van het "
            f"antwoord ({nl(grens)}).",
        )


@regel("WMO323")
def cs340_declaratieperiode_een_kalendermaand(message) -> Iterator[Bevinding]:
    periode = message.declaratie.declaratie_periode
    if periode.begindatum.day != 1 or periode.einddatum != _maandeinde(
        periode.begindatum
    ):
        yield fout(
            "CS340",
            paden.DECLARATIE,
            f"DeclaratiePeriode {nl(periode.begindatum)} t/m {nl(periode.einddatum)} is niet precies één kalendermaand.",
        )


@regel("WMO323")
def cs100_perioden_vanaf_2021(message) -> Iterator[Bevinding]:
    for plaats, naam, periode in perioden(message):
        if periode.begindatum < GRENS_2021:
            yield fout("CS100", _pad(plaats), f"{naam} begint voor 01-01-2021.")


@regel("WMO323")
def cs337_productperiode_binnen_een_maand(message) -> Iterator[Bevinding]:
    for cnr, pnr, p in prestaties(message):
        begin, eind = p.product_periode.begindatum, p.product_periode.einddatum
        if (begin.year, begin.month) != (eind.year, eind.month):
            yield fout(
                "CS337",
                paden.prestatie(cnr, pnr),
                "Begindatum en Einddatum van de ProductPeriode liggen niet in dezelfde kalendermaand.",
            )


@regel("WMO323")
def tr137_periode_einde_tussen_begin_en_dagtekening(message) -> Iterator[Bevinding]:
    grens = dagtekening(message)
    for plaats, naam, periode in perioden(message):
        if not periode.begindatum <= periode.einddatum <= grens:
            yield fout(
                "TR137",
                _pad(plaats),
                f"Einddatum van de {naam} ({nl(periode.einddatum)}) ligt voor de begindatum of na de dagtekening.",
            )


@regel("WMO323")
def tr335_einddatum_max_5_jaar_oud(message) -> Iterator[Bevinding]:
    grens = jaren_terug(message.declaratie.declaratie_dagtekening, 5)
    for cnr, pnr, p in prestaties(message):
        if p.product_periode.einddatum < grens:
            yield fout(
                "TR335",
                paden.prestatie(cnr, pnr),
                "De ProductPeriode eindigt meer dan 5 jaar voor de DeclaratieDagtekening.",
            )


@regel("WMO323")
def cd087_producttarief_alleen_bij_eenheid_niet_83(message) -> Iterator[Bevinding]:
    for cnr, pnr, p in prestaties(message):
        if (p.eenheid == EURO) == (p.product_tarief is not None):
            yield fout(
                "CD087",
                paden.prestatie(cnr, pnr),
                "ProductTarief is verplicht als Eenheid niet 83 (euro's) is, en moet leeg zijn bij Eenheid 83.",
            )


@regel("WMO323")
def cs339_bedrag_is_volume_bij_eenheid_83(message) -> Iterator[Bevinding]:
    for cnr, pnr, p in prestaties(message):
        if p.eenheid == EURO and p.ingediend_bedrag.bedrag != p.geleverd_volume:
            yield fout(
                "CS339",
                paden.prestatie(cnr, pnr),
                "Bij Eenheid 83 (euro's) moet IngediendBedrag gelijk zijn aan GeleverdVolume.",
            )


@regel("WMO323")
def cs325_debet_bij_bedrag_nul(message) -> Iterator[Bevinding]:
    totaal = message.declaratie.totaal_ingediend_bedrag
    if totaal.totaal_bedrag == 0 and totaal.debet_credit != "D":
        yield fout(
            "CS325",
            paden.DECLARATIE,
            "Een TotaalIngediendBedrag van 0 heeft DebetCredit D.",
        )
    for cnr, pnr, p in prestaties(message):
        if p.ingediend_bedrag.bedrag == 0 and is_credit(p):
            yield fout(
                "CS325",
                paden.prestatie(cnr, pnr),
                "Een IngediendBedrag van 0 heeft DebetCredit D.",
            )


@regel("WMO323", "WMO325")
def cd060_vorig_referentienummer_alleen_bij_credit(message) -> Iterator[Bevinding]:
    for cnr, pnr, p in prestaties(message):
        if is_credit(p) != (p.product_referentie.vorig_referentie_nummer is not None):
            yield fout(
                "CD060",
                paden.prestatie(cnr, pnr),
                "VorigReferentieNummer is verplicht bij een creditregel en moet bij een debetregel leeg zijn.",
            )


@regel("WMO325")
def cs325_debet_bij_bedrag_nul_in_antwoord(message) -> Iterator[Bevinding]:
    antwoord = message.declaratie_antwoord
    totalen = (
        [antwoord.totaal_ingediend_bedrag, antwoord.totaal_toegekend_bedrag]
        if antwoord
        else []
    )
    for totaal in totalen:
        if totaal.totaal_bedrag == 0 and totaal.debet_credit != "D":
            yield fout(
                "CS325", paden.DECLARATIE, "Een totaal van 0 heeft DebetCredit D."
            )
    for cnr, pnr, p in prestaties(message):
        if p.ingediend_bedrag.bedrag == 0 and is_credit(p):
            yield fout(
                "CS325",
                paden.prestatie(cnr, pnr),
                "Een IngediendBedrag van 0 heeft DebetCredit D.",
            )


@regel("WMO323")
def tr315_vorig_referentienummer_uniek(message) -> Iterator[Bevinding]:
    gezien: set[str] = set()
    for cnr, pnr, p in prestaties(message):
        vorig = p.product_referentie.vorig_referentie_nummer
        if vorig is not None:
            if vorig in gezien:
                yield fout(
                    "TR315",
                    paden.prestatie(cnr, pnr),
                    f"VorigReferentieNummer {vorig} komt meer dan eens voor in het bericht.",
                )
            gezien.add(vorig)


@regel("WMO323")
def tr316_debet_niet_crediteren_in_zelfde_bericht(message) -> Iterator[Bevinding]:
    debet = {
        p.product_referentie.referentie_nummer
        for _, _, p in prestaties(message)
        if not is_credit(p)
    }
    for cnr, pnr, p in prestaties(message):
        vorig = p.product_referentie.vorig_referentie_nummer
        if is_credit(p) and vorig in debet:
            yield fout(
                "TR316",
                paden.prestatie(cnr, pnr),
                f"De debetregel {vorig} wordt in hetzelfde bericht gecrediteerd.",
            )


@regel("WMO323")
def tr416_een_debet_per_product_en_periode(message) -> Iterator[Bevinding]:
    gezien: set[tuple] = set()
    for cnr, pnr, p in prestaties(message):
        if is_credit(p):
            continue
        periode = p.product_periode
        sleutel = (
            p.toewijzing_nummer,
            periode.begindatum,
            periode.einddatum,
            p.product_categorie,
            p.product_code,
        )
        if sleutel in gezien:
            yield fout(
                "TR416",
                paden.prestatie(cnr, pnr),
                "Er is al een debetregel voor deze toewijzing, ProductPeriode en product; tel de regels op.",
            )
        gezien.add(sleutel)


def saldo(bedragen) -> int:
    """Debet positive, credit negative: the signed total of (bedrag, debet_credit)."""
    return sum(-b.bedrag if b.debet_credit == "C" else b.bedrag for b in bedragen)


@regel("WMO323")
def tr358_totaal_is_som_van_prestaties(message) -> Iterator[Bevinding]:
    totaal = message.declaratie.totaal_ingediend_bedrag
    som = saldo(p.ingediend_bedrag for _, _, p in prestaties(message))
    opgegeven = (
        -totaal.totaal_bedrag if totaal.debet_credit == "C" else totaal.totaal_bedrag
    )
    if som != opgegeven:
        yield fout(
            "TR358",
            paden.DECLARATIE,
            f"TotaalIngediendBedrag ({opgegeven} cent) is niet de som van de IngediendBedragen ({som} cent).",
        )


# Levels 3/4 that need no database: rejected per Prestatie with their own code.


@regel("WMO323", inhoud=False)
def tr314_productreferentie_uniek_in_bericht(message) -> Iterator[Bevinding]:
    gezien: set[str] = set()
    for cnr, pnr, p in prestaties(message):
        referentie = p.product_referentie.referentie_nummer
        if referentie in gezien:
            yield fout(
                "TR314",
                paden.prestatie(cnr, pnr),
                f"ReferentieNummer {referentie} komt meer dan eens voor in het bericht.",
                niveau=Niveau.BERICHTOVERSTIJGEND,
                retourcode="8021",
            )
        gezien.add(referentie)


def buiten_afronding(volume: int, tarief: int, bedrag: int) -> bool:
    """TR346: IngediendBedrag = GeleverdVolume × the *unrounded* ProductTarief.

    ProductTarief is whole cents; the unrounded one (an uurtarief / 60 for a
    product in minuten, IV081) lies within half a cent of it, and the line amount
    is rounded to the cent once. So without the contract an amount is wrong only
    when no unrounded tarief within half a cent gives it: |bedrag − volume ×
    tarief| > (volume + 1) / 2. With the contract, `declaraties.regels` checks
    the exact amount."""
    return abs(2 * (bedrag - volume * tarief)) > volume + 1


@regel("WMO323", inhoud=False)
def tr346_bedrag_is_volume_maal_tarief(message) -> Iterator[Bevinding]:
    for cnr, pnr, p in prestaties(message):
        if (
            p.eenheid != EURO
            and p.product_tarief is not None
            and buiten_afronding(
                p.geleverd_volume, p.product_tarief, p.ingediend_bedrag.bedrag
            )
        ):
            yield fout(
                "TR346",
                paden.prestatie(cnr, pnr),
                f"IngediendBedrag {p.ingediend_bedrag.bedrag} is niet GeleverdVolume × ProductTarief "
                f"({p.geleverd_volume} × {p.product_tarief}).",
                niveau=Niveau.EXTERNE_BRON,
                retourcode="9346",
            )
