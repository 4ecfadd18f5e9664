"""Demo toewijzingen: cliënten of Achtkarspelen with toewijzingen, starts and an open
verzoek, made through the real services so every iWmo message exists as well.

Idempotent: does nothing when the demo gemeente has cliënten already.
"""

from datetime import date

from core.models import User
from stamgegevens.models import Aanbieder, Gemeente, Product
from toewijzingen import services
from toewijzingen.models import Client

# (bsn, voorletters, achternaam, geboortedatum, geslacht, straat, huisnummer, postcode, plaats)
CLIENTEN = [
    (
        "999993653",
        "J",
        "Dijkstra",
        date(1948, 3, 12),
        "1",
        "Voorstraat",
        4,
        "9231AB",
        "Surhuisterveen",
    ),
    (
        "999990019",
        "G",
        "Hoekstra",
        date(1955, 7, 1),
        "2",
        "Noard",
        17,
        "9231CD",
        "Surhuisterveen",
    ),
    (
        "999990858",
        "S",
        "de Vries",
        date(1961, 11, 23),
        "2",
        "Kerkstraat",
        2,
        "9285AA",
        "Buitenpost",
    ),
]
NIEUWE_CLIENT = ("999991759", "T", "Bosma", date(1952, 5, 5), "1")

# (client index, product code, categorie, volume, frequentie, ingangsdatum, einddatum, start)
TOEWIJZINGEN = [
    (0, "ZL01", "02", 10, "4", date(2026, 9, 1), date(2027, 12, 31), date(2026, 9, 1)),
    (1, "ZL10", "01", 180, "2", date(2026, 9, 1), date(2027, 8, 31), date(2026, 9, 3)),
    (2, "ZL13", "04", 3, "4", date(2026, 10, 1), date(2027, 12, 31), None),
]


def load_demo_toewijzingen() -> dict[str, int]:
    gemeente = Gemeente.objects.get(code="0059")
    if Client.objects.filter(gemeente=gemeente).exists():
        return {"clienten": Client.objects.count()}
    contractmanager = User.objects.get(username="gemeente")
    medewerker = User.objects.get(username="aanbieder")
    aanbieder = Aanbieder.objects.get(agb_code="98765432")

    clienten = [
        services.client_aanmaken(
            user=contractmanager,
            bsn=bsn,
            voorletters=voorletters,
            achternaam=achternaam,
            geboortedatum=geboren,
            geslacht=geslacht,
            straat=straat,
            huisnummer=huisnummer,
            postcode=postcode,
            plaats=plaats,
        )
        for bsn, voorletters, achternaam, geboren, geslacht, straat, huisnummer, postcode, plaats in CLIENTEN
    ]
    for (
        index,
        code,
        categorie,
        volume,
        frequentie,
        ingang,
        einde,
        start,
    ) in TOEWIJZINGEN:
        product = Product.objects.get(code=code, categorie=categorie)
        toewijzing = services.toewijzing_aanmaken(
            user=contractmanager,
            client=clienten[index],
            gegevens=services.ToewijzingGegevens(
                aanbieder=aanbieder,
                product=product,
                ingangsdatum=ingang,
                einddatum=einde,
                volume=volume,
                eenheid=product.eenheid,
                frequentie=frequentie,
            ),
        )
        if start:
            services.start_zorg_melden(
                user=medewerker, toewijzing=toewijzing, begindatum=start
            )

    bsn, voorletters, achternaam, geboren, geslacht = NIEUWE_CLIENT
    services.verzoek_om_toewijzing_indienen(
        user=medewerker,
        gemeente=gemeente,
        client=services.ClientGegevens(
            bsn=bsn,
            geboortedatum=geboren,
            geslacht=geslacht,
            achternaam=achternaam,
            voorletters=voorletters,
        ),
        producten=[
            services.AangevraagdProduct(
                referentie_aanbieder="DEMO-VOT-1",
                product=Product.objects.get(code="ZL02"),
                ingangsdatum=date(2026, 12, 1),
                einddatum=date(2027, 11, 30),
                volume=8,
                eenheid="82",
                frequentie="4",
                verwijzer_type="02",
                verwijzer_zorgverlener_code="01234567",
            )
        ],
    )
    return {"clienten": Client.objects.count()}
