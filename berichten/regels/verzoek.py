"""WMO315 VOT, WMO317 VOW and WMO319 Antwoord."""

from collections.abc import Iterator
from dataclasses import replace

from berichten import paden
from berichten.bevinding import Bevinding
from berichten.regels.basis import (
    dagtekening,
    dubbelen,
    fout,
    nl,
    product_sleutel,
    regel,
)

VERWIJZER_MET_AGB = {"02", "03", "04", "05"}  # huisarts, jeugdarts, specialist, ...


def _aangevraagd(message):
    return enumerate(message.client.aangevraagde_producten, start=1)


@regel("WMO315")
def tr383_referentie_aanbieder_uniek(message) -> Iterator[Bevinding]:
    regels = (
        (paden.aangevraagd_product(nr), p.referentie_aanbieder)
        for nr, p in _aangevraagd(message)
    )
    for pad, referentie in dubbelen(regels):
        yield fout(
            "TR383",
            pad,
            f"ReferentieAanbieder {referentie} komt meer dan eens voor in het bericht.",
        )


@regel("WMO315")
def cd043_beschikkingingangsdatum_bij_beschikkingnummer(message) -> Iterator[Bevinding]:
    for nr, p in _aangevraagd(message):
        if (p.beschikking_nummer is None) != (p.beschikking_ingangsdatum is None):
            yield fout(
                "CD043",
                paden.aangevraagd_product(nr),
                "BeschikkingIngangsdatum is verplicht als BeschikkingNummer gevuld is en moet anders leeg zijn.",
            )


@regel("WMO315")
def cd066_geen_naam_bij_zorgverlenercode(message) -> Iterator[Bevinding]:
    for nr, p in _aangevraagd(message):
        v = p.verwijzer
        if v.type in VERWIJZER_MET_AGB and v.zorgverlener_code and v.naam:
            yield fout(
                "CD066",
                paden.aangevraagd_product(nr),
                "Verwijzer/Naam moet leeg zijn als ZorgverlenerCode gevuld is.",
            )


@regel("WMO315")
def cd067_naam_zonder_zorgverlenercode(message) -> Iterator[Bevinding]:
    for nr, p in _aangevraagd(message):
        v = p.verwijzer
        if v.type in VERWIJZER_MET_AGB and not v.zorgverlener_code and not v.naam:
            yield fout(
                "CD067",
                paden.aangevraagd_product(nr),
                "Verwijzer/Naam is verplicht als ZorgverlenerCode leeg is.",
            )


@regel("WMO315")
def cd068_zorgverlenercode_alleen_bij_type_02_05(message) -> Iterator[Bevinding]:
    for nr, p in _aangevraagd(message):
        v = p.verwijzer
        if v.type not in VERWIJZER_MET_AGB and v.zorgverlener_code:
            yield fout(
                "CD068",
                paden.aangevraagd_product(nr),
                f"ZorgverlenerCode moet leeg zijn bij Verwijzer Type {v.type}.",
            )


@regel("WMO315")
def tr101_geen_dubbele_aangevraagde_producten(message) -> Iterator[Bevinding]:
    """Two AangevraagdProducten alike in every element but ReferentieAanbieder."""
    regels = (
        (
            paden.aangevraagd_product(nr),
            repr(replace(p, referentie_aanbieder="")),
        )
        for nr, p in _aangevraagd(message)
    )
    for pad, _ in dubbelen(regels):
        yield fout(
            "TR101", pad, "Dit aangevraagde product komt dubbel voor in het bericht."
        )


@regel("WMO317")
def tr101_geen_dubbele_regels(message) -> Iterator[Bevinding]:
    """A ToewijzingNummer once over Ongewijzigd and TeWijzigen together; a
    NieuwProduct once per Product and GewensteIngangsdatum."""
    verzoek = message.client.verzoek
    toewijzingen = [
        (paden.ongewijzigd_product(nr), p.toewijzing_nummer)
        for nr, p in enumerate(verzoek.ongewijzigde_producten, start=1)
    ] + [
        (paden.te_wijzigen_product(nr), p.toewijzing_nummer)
        for nr, p in enumerate(verzoek.te_wijzigen_producten, start=1)
    ]
    for pad, nummer in dubbelen(toewijzingen):
        yield fout(
            "TR101",
            pad,
            f"ToewijzingNummer {nummer} komt meer dan eens voor in het verzoek "
            "(OngewijzigdProduct en TeWijzigenProduct samen).",
        )
    nieuw = (
        (
            paden.nieuw_product(nr),
            (*product_sleutel(p.product), p.gewenste_ingangsdatum),
        )
        for nr, p in enumerate(verzoek.nieuwe_producten, start=1)
    )
    for pad, _ in dubbelen(nieuw):
        yield fout("TR101", pad, "Deze regel komt dubbel voor in het bericht.")


@regel("WMO317")
def tr352_ongewijzigd_of_te_wijzigen_product(message) -> Iterator[Bevinding]:
    verzoek = message.client.verzoek
    if not (verzoek.ongewijzigde_producten or verzoek.te_wijzigen_producten):
        yield fout(
            "TR352",
            paden.VERZOEK,
            "Een verzoek om wijziging bevat minstens één OngewijzigdProduct of TeWijzigenProduct.",
        )


@regel("WMO317")
def tr353_te_wijzigen_of_nieuw_product(message) -> Iterator[Bevinding]:
    verzoek = message.client.verzoek
    if not (verzoek.te_wijzigen_producten or verzoek.nieuwe_producten):
        yield fout(
            "TR353",
            paden.VERZOEK,
            "Een verzoek om wijziging bevat minstens één TeWijzigenProduct of NieuwProduct.",
        )


@regel("WMO317")
def tr380_gewenste_ingangsdatum_na_dagtekening(message) -> Iterator[Bevinding]:
    # Only NieuwProduct: for a TeWijzigenProduct the original Ingangsdatum is also
    # allowed (TR357), which needs the toewijzing (level 3).
    grens = dagtekening(message)
    for nr, p in enumerate(message.client.verzoek.nieuwe_producten, start=1):
        if p.gewenste_ingangsdatum <= grens:
            yield fout(
                "TR380",
                paden.nieuw_product(nr),
                f"GewensteIngangsdatum {nl(p.gewenste_ingangsdatum)} moet na de dagtekening ({nl(grens)}) liggen.",
            )


@regel("WMO319")
def cd085_reden_afwijzing_bij_afwijzing(message) -> Iterator[Bevinding]:
    antwoord = message.antwoord
    if antwoord.verzoek_antwoord == "1" and not antwoord.reden_afwijzing_verzoek:
        yield fout(
            "CD085",
            paden.ANTWOORD,
            "RedenAfwijzingVerzoek is verplicht als het verzoek is afgewezen (VerzoekAntwoord 1).",
        )


@regel("WMO319")
def cd086_geen_reden_afwijzing_bij_onderzoek(message) -> Iterator[Bevinding]:
    antwoord = message.antwoord
    if antwoord.verzoek_antwoord == "2" and antwoord.reden_afwijzing_verzoek:
        yield fout(
            "CD086",
            paden.ANTWOORD,
            "RedenAfwijzingVerzoek moet leeg zijn als de aanvraag in onderzoek is (VerzoekAntwoord 2).",
        )
