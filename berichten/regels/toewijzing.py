"""WMO301 Toewijzing: rules on the client, its contacts and ToegewezenProducten."""

import re
from collections.abc import Iterator

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.regels.basis import dubbelen, fout, gedeeld, nl, regel
from berichten.xml.types import Contact

POSTCODE_NL = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
WOONADRES = {"01", "02", "03"}  # BRP-, correspondentie- en verblijfadres


@gedeeld
def contacten(message) -> tuple[tuple[str, Contact], ...]:
    return (
        *(
            (paden.contact(nr), contact)
            for nr, contact in enumerate(message.client.contactgegevens, start=1)
        ),
        *(
            (paden.relatie_contact(nr), relatie.contact)
            for nr, relatie in enumerate(message.client.relaties, start=1)
        ),
    )


@regel("WMO301")
def tr101_geen_dubbele_regels(message) -> Iterator[Bevinding]:
    client = message.client
    sleutels = (
        (
            (paden.toegewezen_product(nr), p.toewijzing_nummer)
            for nr, p in enumerate(client.toegewezen_producten, start=1)
        ),
        (
            (paden.relatie(nr), r.nummer)
            for nr, r in enumerate(client.relaties, start=1)
        ),
        (
            (paden.contact(nr), c.soort)
            for nr, c in enumerate(client.contactgegevens, start=1)
        ),
    )
    for klasse in sleutels:
        for pad, sleutel in dubbelen(klasse):
            yield fout(
                "TR101",
                pad,
                f"Deze regel komt dubbel voor in het bericht (sleutel {sleutel}).",
            )


@regel("WMO301")
def cs335_reden_13_alleen_bij_gelijke_data(message) -> Iterator[Bevinding]:
    for nr, p in enumerate(message.client.toegewezen_producten, start=1):
        if p.reden_wijziging == "13" and p.einddatum != p.ingangsdatum:
            yield fout(
                "CS335",
                paden.toegewezen_product(nr),
                "RedenWijziging 13 (verwijderd) mag alleen als Ingangsdatum gelijk is aan Einddatum.",
            )


@regel("WMO301")
def cs336_reden_01_niet_gebruiken(message) -> Iterator[Bevinding]:
    for nr, p in enumerate(message.client.toegewezen_producten, start=1):
        if p.reden_wijziging == "01":
            yield fout(
                "CS336",
                paden.toegewezen_product(nr),
                "RedenWijziging 01 (administratieve correctie) is vervallen en mag niet worden gebruikt.",
            )


@regel("WMO301")
def cd007_taal_alleen_bij_tolk(message) -> Iterator[Bevinding]:
    communicatie = message.client.communicatie
    if communicatie is not None and (communicatie.vorm == "1") != bool(
        communicatie.taal
    ):
        yield fout(
            "CD007",
            paden.CLIENT,
            "Taal is verplicht bij Communicatie/Vorm 1 (tolk taal) en moet anders leeg zijn.",
        )


@regel("WMO301")
def tr061_woonadres_aanwezig(message) -> Iterator[Bevinding]:
    if not any(c.soort in WOONADRES for c in message.client.contactgegevens):
        yield fout(
            "TR061",
            paden.CLIENT,
            "De cliënt heeft geen Contact met Soort 01, 02 of 03.",
        )


@regel("WMO301")
def tr006_contact_met_telefoon_of_adres(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        heeft_adres = (
            c.adres is not None
            and c.adres.huis is not None
            and c.adres.postcode is not None
        )
        if c.telefoon is None and not heeft_adres:
            yield fout(
                "TR006",
                pad,
                "Een Contact heeft een Telefoon en/of een Huis met Postcode.",
            )


@regel("WMO301")
def cd025_huis_verplicht_in_nederland(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        if c.adres is not None and c.adres.land_code == "NL" and c.adres.huis is None:
            yield fout(
                "CD025",
                pad,
                "Huis is verplicht bij een adres in Nederland (LandCode NL).",
            )


@regel("WMO301")
def cd034_postcode_verplicht_bij_soort_01_03(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        if c.soort in {"01", "03"} and (c.adres is None or c.adres.postcode is None):
            yield fout(
                "CD034", pad, f"Postcode is verplicht bij Contact Soort {c.soort}."
            )


@regel("WMO301")
def cd005_landcode_alleen_bij_postcode(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        if c.adres is not None and (c.adres.postcode is None) != (
            c.adres.land_code is None
        ):
            yield fout(
                "CD005",
                pad,
                "LandCode is verplicht als Postcode gevuld is en moet anders leeg zijn.",
            )


@regel("WMO301")
def cs089_nederlandse_postcode(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        adres = c.adres
        if (
            adres is not None
            and adres.land_code == "NL"
            and adres.postcode
            and not POSTCODE_NL.fullmatch(adres.postcode)
        ):
            yield fout(
                "CS089",
                pad,
                f"Postcode {adres.postcode} is geen Nederlandse postcode (1234AB).",
            )


@regel("WMO301")
def cd009_periode_alleen_bij_tijdelijk_adres(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        if c.periode is not None and c.soort != "04":
            yield fout(
                "CD009",
                pad,
                "Periode mag alleen bij Contact Soort 04 (tijdelijk adres).",
            )


@regel("WMO301")
def cs003_contactperiode_einddatum_niet_voor_begindatum(message) -> Iterator[Bevinding]:
    for pad, c in contacten(message):
        periode = c.periode
        if (
            periode
            and periode.begindatum
            and periode.einddatum
            and periode.einddatum < periode.begindatum
        ):
            yield fout(
                "CS003",
                pad,
                f"Einddatum {nl(periode.einddatum)} ligt voor de begindatum {nl(periode.begindatum)}.",
            )
