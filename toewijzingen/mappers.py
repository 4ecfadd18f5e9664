"""Mappers from the toewijzingen models to iWmo 3.2 message objects (no I/O)."""

from collections.abc import Iterable

from berichten.xml import types as t
from toewijzingen.constants import VerzoekProductSoort
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek, VerzoekProduct


def _geslachtsnaam(client: Client) -> t.Achternaam:
    return t.Achternaam(
        achternaam=client.achternaam, voorvoegsel=client.voorvoegsel or None
    )


def client_persoon(client: Client) -> dict:
    """The Client fields 305, 307 and 315 share (ClientPersoon)."""
    return {
        "bsn": client.bsn,
        "geboortedatum": t.Geboortedatum(datum=client.geboortedatum),
        "geslacht": client.geslacht,
        "naam": t.VerkorteNaam(
            geslachtsnaam=_geslachtsnaam(client),
            voornamen=client.voornamen or None,
            voorletters=client.voorletters or None,
        ),
    }


def contact(client: Client) -> t.Contact:
    """The BRP address and phone number as one Contact of soort 01 (TR061/TR006)."""
    adres = None
    if client.huisnummer and client.postcode:
        adres = t.Adres(
            huis=t.Huis(
                huisnummer=client.huisnummer,
                huisletter=client.huisletter or None,
                huisnummer_toevoeging=client.huisnummer_toevoeging or None,
            ),
            postcode=client.postcode,
            straatnaam=client.straat or None,
            plaatsnaam=client.plaats or None,
            land_code="NL",
        )
    telefoon = None
    if client.telefoon:
        telefoon = t.Telefoonnummers(
            telefoon01=t.Telefoon(telefoonnummer=client.telefoon, landnummer="0031")
        )
    return t.Contact(
        soort="01", adres=adres, telefoon=telefoon, emailadres=client.email or None
    )


def _omvang(obj: Toewijzing | VerzoekProduct) -> t.Omvang | None:
    if obj.volume is None:
        return None
    return t.Omvang(volume=obj.volume, eenheid=obj.eenheid, frequentie=obj.frequentie)


def _product(product) -> t.Product | None:
    return (
        t.Product(categorie=product.categorie, code=product.code) if product else None
    )


def toegewezen_product(toewijzing: Toewijzing) -> t.ToegewezenProduct:
    return t.ToegewezenProduct(
        toewijzing_nummer=toewijzing.toewijzing_nummer,
        referentie_aanbieder=toewijzing.referentie_aanbieder or None,
        product=_product(toewijzing.product),
        toewijzingsdatum=toewijzing.toewijzingsdatum,
        toewijzingstijd=toewijzing.toewijzingstijd,
        ingangsdatum=toewijzing.ingangsdatum,
        einddatum=toewijzing.einddatum,
        reden_wijziging=toewijzing.reden_wijziging or None,
        omvang=_omvang(toewijzing),
        budget=toewijzing.budget,
        commentaar=toewijzing.commentaar or None,
    )


def wmo301(
    *, header: t.Header, client: Client, toewijzingen: Iterable[Toewijzing]
) -> t.Wmo301:
    """OP087: one 301 per cliënt and aanbieder holding all its current toewijzingen."""
    return t.Wmo301(
        header=header,
        client=t.ToewijzingClient(
            bsn=client.bsn,
            geboortedatum=t.Geboortedatum(datum=client.geboortedatum),
            geslacht=client.geslacht,
            naam=t.VolledigeNaam(
                geslachtsnaam=_geslachtsnaam(client),
                voornamen=client.voornamen or None,
                voorletters=client.voorletters or None,
                naam_gebruik=client.naam_gebruik,
            ),
            contactgegevens=[contact(client)],
            toegewezen_producten=[toegewezen_product(tw) for tw in toewijzingen],
        ),
    )


def _start_velden(levering: Levering) -> dict:
    toewijzing = levering.toewijzing
    return {
        "toewijzing_nummer": toewijzing.toewijzing_nummer,
        "product": _product(toewijzing.product),
        "toewijzing_ingangsdatum": toewijzing.ingangsdatum,
        "begindatum": levering.begindatum,
        "status_aanlevering": levering.status_aanlevering,
    }


def wmo305(*, header: t.Header, levering: Levering) -> t.Wmo305:
    return t.Wmo305(
        header=header,
        client=t.StartClient(
            **client_persoon(levering.toewijzing.client),
            start_producten=[t.StartProduct(**_start_velden(levering))],
        ),
    )


def wmo307(*, header: t.Header, levering: Levering) -> t.Wmo307:
    return t.Wmo307(
        header=header,
        client=t.StopClient(
            **client_persoon(levering.toewijzing.client),
            stop_producten=[
                t.StopProduct(
                    **_start_velden(levering),
                    reden_beeindiging=levering.reden_beeindiging,
                    einddatum=levering.einddatum,
                )
            ],
        ),
    )


def aangevraagd_product(verzoek: Verzoek, vp: VerzoekProduct) -> t.AangevraagdProduct:
    return t.AangevraagdProduct(
        referentie_aanbieder=verzoek.referentie_aanbieder,
        beschikking_nummer=vp.beschikking_nummer,
        product=_product(vp.product),
        beschikking_ingangsdatum=vp.beschikking_ingangsdatum,
        toewijzing_ingangsdatum=vp.ingangsdatum,
        toewijzing_einddatum=vp.einddatum,
        omvang=_omvang(vp),
        budget=vp.budget,
        verwijzer=t.Verwijzer(
            type=vp.verwijzer_type,
            naam=vp.verwijzer_naam or None,
            zorgverlener_code=vp.verwijzer_zorgverlener_code or None,
        ),
        commentaar=vp.commentaar or None,
    )


def wmo315(
    *,
    header: t.Header,
    client,  # a Client or the ClientGegevens the aanbieder gave
    aanvragen: Iterable[tuple[Verzoek, list[VerzoekProduct]]],
    commentaar: str = "",
) -> t.Wmo315:
    """One 315 for a cliënt; every Verzoek holds one AangevraagdProduct.
    Works on unsaved objects: the records are stored after sending."""
    return t.Wmo315(
        header=header,
        client=t.VotClient(
            **client_persoon(client),
            commentaar=commentaar or None,
            aangevraagde_producten=[
                aangevraagd_product(v, vp) for v, vps in aanvragen for vp in vps
            ],
        ),
    )


def wmo317(
    *, header: t.Header, verzoek: Verzoek, producten: list[VerzoekProduct]
) -> t.Wmo317:
    def gewenst(vp: VerzoekProduct) -> dict:
        return {
            "gewenste_ingangsdatum": vp.ingangsdatum,
            "einddatum": vp.einddatum,
            "omvang": _omvang(vp),
            "budget": vp.budget,
        }

    def van_soort(soort: str) -> list[VerzoekProduct]:
        return [vp for vp in producten if vp.soort == soort]

    return t.Wmo317(
        header=header,
        client=t.VowClient(
            bsn=verzoek.client.bsn,
            verzoek=t.Verzoek(
                referentie_aanbieder=verzoek.referentie_aanbieder,
                reden_verzoek=verzoek.reden_verzoek,
                ongewijzigde_producten=[
                    t.OngewijzigdProduct(
                        toewijzing_nummer=vp.toewijzing.toewijzing_nummer
                    )
                    for vp in van_soort(VerzoekProductSoort.ONGEWIJZIGD)
                ],
                te_wijzigen_producten=[
                    t.TeWijzigenProduct(
                        toewijzing_nummer=vp.toewijzing.toewijzing_nummer, **gewenst(vp)
                    )
                    for vp in van_soort(VerzoekProductSoort.TE_WIJZIGEN)
                ],
                nieuwe_producten=[
                    t.NieuwProduct(product=_product(vp.product), **gewenst(vp))
                    for vp in van_soort(VerzoekProductSoort.NIEUW)
                ],
            ),
        ),
    )


def wmo319(
    *, header: t.Header, verzoek: Verzoek, antwoord: str, reden_afwijzing: str = ""
) -> t.Wmo319:
    return t.Wmo319(
        header=header,
        antwoord=t.Antwoord(
            referentie_aanbieder=verzoek.referentie_aanbieder,
            verzoek_antwoord=antwoord,
            reden_afwijzing_verzoek=reden_afwijzing or None,
        ),
    )
