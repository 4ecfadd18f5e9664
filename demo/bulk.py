"""Many rows fast: a gemeente and an aanbieder with `aantal` of everything a list shows.

The few parents (`Wereld`) are made elsewhere (the tests' factories,
tests/scale/bulk.py); `vul` adds the many with bulk_create,
and may be called again to add more (`begin` keeps the numbers unique). Every list
of the portal then holds `aantal` rows more for the gemeente user, the aanbieder
user and the beheerder.
"""

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time

from django.apps import apps
from django.utils import timezone

from stdnum.nl import bsn as stdnum_bsn

from berichten.constants import BerichtStatus, Kanaal
from berichten.models import Bericht
from core.models import User
from declaraties.constants import DeclaratieStatus, PrestatieStatus
from declaraties.models import Declaratie, Prestatie
from stamgegevens.constants import ProductStatus, Uitvoeringsvariant
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Tarief,
    Wijzigingsverzoek,
)
from toewijzingen.constants import (
    LeveringSoort,
    SignaalObject,
    SignaalSoort,
    VerzoekProductSoort,
    VerzoekSoort,
)
from toewijzingen.models import (
    Client,
    Levering,
    Signaal,
    Toewijzing,
    Verzoek,
    VerzoekProduct,
)


def geldig_bsn(n: int) -> str:
    """A BSN that passes the elfproef, near 100000000 + 20 * n."""
    basis = 100_000_000 + n * 20
    while not stdnum_bsn.is_valid(f"{basis:09d}"):
        basis += 1
    return f"{basis:09d}"


@dataclass
class Wereld:
    gemeente: Gemeente
    aanbieder: Aanbieder
    contract: Contract
    product: Product
    gemeente_user: User
    aanbieder_user: User
    beheerder: User


# The models `vul` fills: a list route of one of these has its rows.
GEVULD = {
    "Product",
    "Aanbieder",
    "Contract",
    "Wijzigingsverzoek",
    "Client",
    "Toewijzing",
    "Levering",
    "Verzoek",
    "Bericht",
    "Declaratie",
    "Prestatie",
    "Gemeente",
    "Taak",
    "Signaal",
}


def vul(w: Wereld, aantal: int, *, begin: int = 0) -> None:
    """Add `aantal` rows of every listed model for the world's two parties."""
    nrs = range(begin, begin + aantal)
    nu = timezone.make_aware(datetime(2026, 9, 1, 12, 0))
    Gemeente.objects.bulk_create(
        Gemeente(code=f"{5000 + n:04d}", naam=f"Buurgemeente {n:04d}") for n in nrs
    )
    Product.objects.bulk_create(
        Product(
            categorie="02",
            code=f"X{n:04d}",
            omschrijving=f"Bulkproduct {n}",
            eenheid="82",
            frequentie="4",
            geldig_van=date(2026, 1, 1),
            status=ProductStatus.ACTIEF,
        )
        for n in nrs
    )
    # Other aanbieders under a contract with the gemeente, and more contracts of
    # the aanbieder: the gemeente sees both, the aanbieder its own.
    anderen = Aanbieder.objects.bulk_create(
        Aanbieder(
            agb_code=f"{50_000_000 + n:08d}",
            naam=f"Bulkaanbieder {n:04d}",
            plaats=f"Plaats {n % 7}",
            kvk_nummer=f"{20_000_000 + n:08d}",
        )
        for n in nrs
    )
    contracten = Contract.objects.bulk_create(
        [
            Contract(
                nummer=f"B-{n:05d}",
                gemeente=w.gemeente,
                aanbieder=aanbieder,
                begindatum=date(2026, 1, 1),
                einddatum=date(2027, 12, 31),
                uitvoeringsvariant=Uitvoeringsvariant.OUTPUTGERICHT,
            )
            for n, aanbieder in zip(nrs, anderen, strict=True)
        ]
        + [
            Contract(
                nummer=f"E-{n:05d}",
                gemeente=w.gemeente,
                aanbieder=w.aanbieder,
                begindatum=date(2026, 1, 1),
                uitvoeringsvariant=Uitvoeringsvariant.INSPANNINGSGERICHT,
            )
            for n in nrs
        ]
    )
    cps = ContractProduct.objects.bulk_create(
        ContractProduct(contract=contract, product=w.product) for contract in contracten
    )
    Tarief.objects.bulk_create(
        Tarief(contractproduct=cp, geldig_van=cp.contract.begindatum, bedrag=4250)
        for cp in cps
    )
    Wijzigingsverzoek.objects.bulk_create(
        Wijzigingsverzoek(
            aanbieder=w.aanbieder,
            wijzigingen={"naam": f"Naam {n}"},
            oude_waarden={"naam": w.aanbieder.naam},
            ingediend_door=w.aanbieder_user,
            beoordeeld_door=w.gemeente_user if n % 2 else None,
            beoordeeld_op=nu if n % 2 else None,
            ingangsdatum=nu.date(),
        )
        for n in nrs
    )
    clienten = Client.objects.bulk_create(
        Client(
            gemeente=w.gemeente,
            bsn=geldig_bsn(10_000 + n),
            geboortedatum=date(1940 + n % 60, 1 + n % 12, 1),
            geslacht="1",
            achternaam=f"Bulk{n:05d}",
            voorletters="A",
        )
        for n in nrs
    )
    berichten = Bericht.objects.bulk_create(
        Bericht(
            gemeente=w.gemeente,
            aanbieder=w.aanbieder,
            # Half from each party, unanswered: signals (retour ontbreekt) for both.
            bericht_type="WMO305" if n % 2 else "WMO301",
            afzender=w.aanbieder.agb_code if n % 2 else w.gemeente.code,
            ontvanger=w.gemeente.code if n % 2 else w.aanbieder.agb_code,
            identificatie=f"B{n:011d}",
            dagtekening=date(2026, 8, 1),
            bsn=client.bsn,
            kanaal=Kanaal.PORTAAL,
            status=BerichtStatus.VERWERKT,
            inhoud=b"<Bericht/>",
            sha256=hashlib.sha256(f"{n}".encode()).hexdigest(),
        )
        for n, client in zip(nrs, clienten, strict=True)
    )
    toewijzingen = Toewijzing.objects.bulk_create(
        Toewijzing(
            gemeente=w.gemeente,
            aanbieder=w.aanbieder,
            contract=w.contract,
            client=client,
            product=w.product,
            toewijzing_nummer=800_000 + n,
            toewijzingsdatum=date(2026, 1, 1),
            toewijzingstijd=time(9, 0),
            ingangsdatum=date(2026, 1, 1),
            volume=10,
            eenheid="82",
            frequentie="4",
            bericht=bericht,
        )
        for n, client, bericht in zip(nrs, clienten, berichten, strict=True)
    )
    # A stored signal per toewijzing for each party.
    Signaal.objects.bulk_create(
        Signaal(
            soort=soort,
            object_soort=SignaalObject.TOEWIJZING,
            object_id=toewijzing.pk,
            titel=f"Toewijzing {toewijzing.toewijzing_nummer}",
            uiterlijk=date(2026, 1, 8),
            werkdagen_te_laat=n % 50,
            **partij,
        )
        for n, toewijzing in zip(nrs, toewijzingen, strict=True)
        for soort, partij in (
            (SignaalSoort.TOEWIJZING_LOOPT_AF, {"gemeente": w.gemeente}),
            (SignaalSoort.START_ONTBREEKT, {"aanbieder": w.aanbieder}),
        )
    )
    Levering.objects.bulk_create(
        Levering(
            toewijzing=toewijzing,
            soort=LeveringSoort.START,
            begindatum=date(2026, 1, 1),
            bericht=bericht,
        )
        for toewijzing, bericht in zip(toewijzingen, berichten, strict=True)
    )
    verzoeken = Verzoek.objects.bulk_create(
        Verzoek(
            soort=VerzoekSoort.TOEWIJZING,
            gemeente=w.gemeente,
            aanbieder=w.aanbieder,
            client=client,
            referentie_aanbieder=f"BULK-{n:05d}",
            bericht=bericht,
        )
        for n, client, bericht in zip(nrs, clienten, berichten, strict=True)
    )
    VerzoekProduct.objects.bulk_create(
        VerzoekProduct(
            verzoek=verzoek,
            soort=VerzoekProductSoort.AANGEVRAAGD,
            product=w.product,
            toewijzing=toewijzing,
            ingangsdatum=date(2026, 9, 1),
            volume=1,
            eenheid="82",
            frequentie="4",
        )
        for verzoek, toewijzing in zip(verzoeken, toewijzingen, strict=True)
    )
    declaraties = Declaratie.objects.bulk_create(
        Declaratie(
            aanbieder=w.aanbieder,
            gemeente=w.gemeente,
            declaratie_nummer=f"BD{n:06d}",
            periode_begin=date(2026, 1 + n % 8, 1),
            periode_eind=date(2026, 1 + n % 8, 28),
            dagtekening=date(2026, 9, 2),
            status=DeclaratieStatus.BEANTWOORD,
            totaal_ingediend=42500,
            totaal_toegekend=0,
            bericht=bericht,
        )
        for n, bericht in zip(nrs, berichten, strict=True)
    )
    _taken(w, nrs)
    Prestatie.objects.bulk_create(
        Prestatie(
            declaratie=declaratie,
            aanbieder=w.aanbieder,
            client=toewijzing.client,
            bsn=toewijzing.client.bsn,
            toewijzing=toewijzing,
            toewijzing_nummer=toewijzing.toewijzing_nummer,
            product_referentie=f"BP{n:08d}",
            product_categorie=w.product.categorie,
            product_code=w.product.code,
            begindatum=declaratie.periode_begin,
            einddatum=declaratie.periode_eind,
            geleverd_volume=10,
            eenheid="82",
            product_tarief=4250,
            ingediend_bedrag=42500 + n,
            status=PrestatieStatus.AFGEKEURD,
            retourcodes=["8001"],
            start_ontbreekt=True,
        )
        for n, declaratie, toewijzing in zip(
            nrs, declaraties, toewijzingen, strict=True
        )
    )


def _taken(w: Wereld, nrs: range) -> None:
    """Background jobs (core.Taak, where it exists), per user: each sees their own."""
    try:
        taak = apps.get_model("core", "Taak")
    except LookupError:
        return
    taak.objects.bulk_create(
        taak(soort=f"Bulktaak {n}", functie="demo.bulk.vul", gebruiker=user)
        for n in nrs
        for user in (w.gemeente_user, w.aanbieder_user, w.beheerder)
    )
