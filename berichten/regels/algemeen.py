"""General rules (§1) that apply to several message types."""

from collections.abc import Iterator
from datetime import date

from stdnum.nl import bsn as bsn_nummer

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.constants import Niveau
from berichten.regels.basis import dagtekening, fout, jaren_terug, nl, regel
from berichten.xml.catalog import XSD_VERSIE
from berichten.xml.types import Geboortedatum, VolledigeNaam

MET_CLIENT = ("WMO301", "WMO305", "WMO307", "WMO315", "WMO317")
MET_GEBOORTEDATUM = ("WMO301", "WMO305", "WMO307", "WMO315")
ONBEKENDE_DATUM = date(1900, 1, 1)


def bsns(message) -> Iterator[tuple[str, str]]:
    if message.BERICHT in ("WMO323", "WMO325"):
        houder = (
            message.declaratie
            if message.BERICHT == "WMO323"
            else message.declaratie_antwoord
        )
        for nr, client in enumerate(houder.clienten if houder else [], start=1):
            yield paden.declaratie_client(nr), client.bsn
    else:
        yield paden.CLIENT, message.client.bsn


def geboortedata(message) -> Iterator[tuple[str, Geboortedatum]]:
    """Geboortedatum of the client and (in a 301) of every Relatie that has one."""
    yield paden.CLIENT, message.client.geboortedatum
    for nr, relatie in enumerate(getattr(message.client, "relaties", []), start=1):
        if relatie.geboortedatum is not None:
            yield paden.relatie(nr), relatie.geboortedatum


def volledige_namen(message) -> Iterator[tuple[str, VolledigeNaam]]:
    yield paden.CLIENT, message.client.naam
    for nr, relatie in enumerate(message.client.relaties, start=1):
        yield paden.relatie(nr), relatie.naam


def _bsn_geldig(bsn: str) -> bool:
    """python-stdnum's check; nine ASCII digits (what the XSD allows) go straight
    to its checksum, which is what `is_valid` comes down to for them."""
    if len(bsn) == 9 and bsn.isascii() and bsn.isdigit() and bsn != "000000000":
        return bsn_nummer.checksum(bsn) == 0
    return bsn_nummer.is_valid(bsn)


@regel(*MET_CLIENT, "WMO323", "WMO325")
def cs002_bsn_elfproef(message) -> Iterator[Bevinding]:
    for pad, bsn in bsns(message):
        if not _bsn_geldig(bsn):
            yield fout("CS002", pad, f"Bsn {bsn} voldoet niet aan de 11-proef.")


@regel(*MET_GEBOORTEDATUM)
def tr002_geboortedatum_max_120_jaar(message) -> Iterator[Bevinding]:
    grens = jaren_terug(dagtekening(message), 120)
    for pad, geboortedatum in geboortedata(message):
        onbekend = (
            geboortedatum.datum_gebruik == "3"
            and geboortedatum.datum == ONBEKENDE_DATUM
        )
        if geboortedatum.datum < grens and not onbekend:
            yield fout(
                "TR002",
                pad,
                f"Geboortedatum {nl(geboortedatum.datum)} ligt meer dan 120 jaar voor de dagtekening.",
            )


def _past_bij_datumgebruik(geboortedatum: Geboortedatum) -> bool:
    datum = geboortedatum.datum
    match geboortedatum.datum_gebruik:
        case "1":  # dag onbekend
            return datum.day == 1
        case "2":  # dag en maand onbekend
            return (datum.day, datum.month) == (1, 1)
        case "3":  # onbekende datum
            return datum == ONBEKENDE_DATUM
    return True


@regel(*MET_GEBOORTEDATUM)
def cs139_datumgebruik_past_bij_datum(message) -> Iterator[Bevinding]:
    for pad, geboortedatum in geboortedata(message):
        if not _past_bij_datumgebruik(geboortedatum):
            yield fout(
                "CS139",
                pad,
                f"Geboortedatum {nl(geboortedatum.datum)} past niet bij DatumGebruik "
                f"{geboortedatum.datum_gebruik}: onbekende delen zijn 01 (dag, maand) of 1900 (jaar).",
            )


@regel("WMO301")
def cs050_naamgebruik_past_bij_partnernaam(message) -> Iterator[Bevinding]:
    for pad, naam in volledige_namen(message):
        toegestaan = ("1", "2", "3", "4") if naam.partnernaam else ("1", "6")
        if naam.naam_gebruik not in toegestaan:
            yield fout(
                "CS050",
                pad,
                f"NaamGebruik {naam.naam_gebruik} is niet toegestaan "
                f"{'met' if naam.partnernaam else 'zonder'} Partnernaam; toegestaan: {', '.join(toegestaan)}.",
            )


@regel("WMO301")
def cs318_client_geen_niet_natuurlijk_persoon(message) -> Iterator[Bevinding]:
    if message.client.naam.naam_gebruik == "6":
        yield fout(
            "CS318",
            paden.CLIENT,
            "NaamGebruik 6 (niet-natuurlijk persoon) is voor een cliënt niet toegestaan.",
        )


def _datums_tr134(message) -> Iterator[tuple[str, str, date]]:
    """(pad, element, datum) of every date that may not be after the Dagtekening."""
    if message.BERICHT == "WMO323":
        yield (
            paden.DECLARATIE,
            "DeclaratieDagtekening",
            message.declaratie.declaratie_dagtekening,
        )
        return
    for pad, geboortedatum in geboortedata(message):
        yield pad, "Geboortedatum", geboortedatum.datum
    for nr, product in enumerate(
        getattr(message.client, "toegewezen_producten", []), start=1
    ):
        yield paden.toegewezen_product(nr), "Toewijzingsdatum", product.toewijzingsdatum
    for nr, start in enumerate(getattr(message.client, "start_producten", []), start=1):
        yield paden.start_product(nr), "Begindatum", start.begindatum
    for nr, stop in enumerate(getattr(message.client, "stop_producten", []), start=1):
        yield paden.stop_product(nr), "Begindatum", stop.begindatum
        yield paden.stop_product(nr), "Einddatum", stop.einddatum


@regel(*MET_GEBOORTEDATUM, "WMO323")
def tr134_datums_niet_na_dagtekening(message) -> Iterator[Bevinding]:
    grens = dagtekening(message)
    for pad, element, datum in _datums_tr134(message):
        if datum > grens:
            yield fout(
                "TR134",
                pad,
                f"{element} {nl(datum)} ligt na de dagtekening van het bericht ({nl(grens)}).",
            )


HEENBERICHTEN = (*MET_CLIENT, "WMO319", "WMO323")


@regel(*HEENBERICHTEN)
def iv034_xsd_versie_van_het_schema(message) -> Iterator[Bevinding]:
    versie = message.header.xsd_versie
    gevonden = (versie.basisschema_xsd_versie, versie.bericht_xsd_versie)
    if gevonden != (XSD_VERSIE, XSD_VERSIE):
        yield fout(
            "IV034",
            paden.HEADER,
            f"XsdVersie is {gevonden[0]} (basisschema) en {gevonden[1]} (bericht); "
            f"de schema's van iWmo 3.2 hebben versie {XSD_VERSIE}.",
        )


# TR135 (level 4, 8848) is checked against the system date, so it is not in the
# registry of in-message rules: the pipeline and iwmo_validate call it with today.
TR135_BERICHTEN = (*HEENBERICHTEN, "WMO325")


def tr135_niet_in_de_toekomst(message, vandaag: date) -> list[Bevinding]:
    """TR135: the Dagtekening (and a 323's DeclaratieDagtekening) is not after today."""
    if message.BERICHT not in TR135_BERICHTEN:
        return []
    datums = [(paden.HEADER, "Dagtekening", dagtekening(message))]
    if message.BERICHT == "WMO323":
        datums.append(
            (
                paden.DECLARATIE,
                "DeclaratieDagtekening",
                message.declaratie.declaratie_dagtekening,
            )
        )
    return [
        fout(
            "TR135",
            pad,
            f"{element} {nl(datum)} ligt in de toekomst (systeemdatum {nl(vandaag)}).",
            niveau=Niveau.EXTERNE_BRON,
            retourcode="8848",
        )
        for pad, element, datum in datums
        if datum > vandaag
    ]
