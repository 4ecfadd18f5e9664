"""Demo data from the seed documents (DOMAIN.md, seed 002 §4 and 004 §1).

Idempotent: every row is looked up by its natural key and updated, never duplicated.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from core.constants import Rol
from core.models import User
from stamgegevens.constants import ProductStatus, Uitvoeringsvariant
from stamgegevens.models import (
    Aanbieder,
    Contract,
    ContractProduct,
    Gemeente,
    Product,
    Regio,
    Tarief,
)
from stamgegevens.services import tarieven_indexeren

DEMO_WACHTWOORD = "wmo-demo-2026"

GEMEENTEN = [
    ("0059", "Achtkarspelen"),
    ("0737", "Tytsjerksteradiel"),
    ("0080", "Leeuwarden"),
]
REGIO = ("Noordoost Fryslân (Achtkarspelen en Tytsjerksteradiel)", ["0059", "0737"])

SEED_START = date(2026, 1, 1)
VERVALLEN_PER = date(2025, 12, 31)

# (categorie, code, omschrijving, eenheid, frequentie, status)
PRODUCTEN = [
    *[
        (
            "02",
            f"ZL{n:02d}",
            f"Zorg in natura ZL {n}: begeleiding",
            "82",
            "4",
            ProductStatus.ACTIEF,
        )
        for n in range(1, 6)
    ],
    (
        "01",
        "ZL06",
        "ZL 6: hulp bij het huishouden (overgangsregeling)",
        "82",
        "4",
        ProductStatus.OVERGANGSREGELING,
    ),
    (
        "01",
        "ZL07",
        "ZL 7: hulp bij het huishouden (vervallen)",
        "82",
        "4",
        ProductStatus.VERVALLEN,
    ),
    ("01", "ZL08", "ZL 8: hulp bij het huishouden", "82", "4", ProductStatus.ACTIEF),
    (
        "01",
        "ZL09",
        "ZL 9: hulp bij het huishouden plus",
        "82",
        "4",
        ProductStatus.ACTIEF,
    ),
    (
        "01",
        "ZL10",
        "ZL 10: hulp bij het huishouden in minuten",
        "01",
        "2",
        ProductStatus.ACTIEF,
    ),
    (
        "01",
        "ZL11",
        "ZL 11: hulp bij het huishouden intensief",
        "82",
        "4",
        ProductStatus.ACTIEF,
    ),
    (
        "02",
        "ZL12",
        "ZL 12: begeleiding individueel in minuten",
        "01",
        "2",
        ProductStatus.ACTIEF,
    ),
    ("04", "ZL13", "ZL 13: kortdurend verblijf", "14", "4", ProductStatus.ACTIEF),
    *[
        ("07", f"MD{n:02d}", f"Dagbesteding MD {n}", "16", "2", ProductStatus.ACTIEF)
        for n in range(1, 4)
    ],
    ("08", "VVB", "Vervoer dagbesteding basis", "14", "2", ProductStatus.ACTIEF),
    ("08", "VVR", "Vervoer dagbesteding rolstoel", "14", "2", ProductStatus.ACTIEF),
    # Hulpmiddelen (seed 004 §1): vaste prijs, variabele prijs, onderhoud, in categorie 11, 12 en 13.
    *[
        (categorie, code, omschrijving, eenheid, frequentie, ProductStatus.ACTIEF)
        for categorie in ("11", "12", "13")
        for code, omschrijving, eenheid, frequentie in (
            ("11N01", "Hulpmiddel vaste prijs", "82", "6"),
            ("11N13", "Hulpmiddel variabele prijs (buiten assortiment)", "83", "6"),
            ("11O01", "Onderhoud hulpmiddel", "82", "4"),
        )
    ],
]

AANBIEDERS = [
    {
        "agb_code": "98765432",
        "naam": "Thuiszorg De Wâlden",
        "straat": "Stationsweg",
        "huisnummer": "12",
        "postcode": "9231 AB",
        "plaats": "Surhuisterveen",
        "btw_nummer": "NL812345678B01",
        "kvk_nummer": "01234567",
        "iban": "NL91ABNA0417164300",
    },
    {
        "agb_code": "98765433",
        "naam": "Zorggroep Burgum",
        "straat": "Hoofdstraat",
        "huisnummer": "5a",
        "postcode": "9251 EA",
        "plaats": "Burgum",
        "btw_nummer": "NL823456791B01",
        "kvk_nummer": "02345678",
        "iban": "NL20INGB0001234567",
    },
    {
        "agb_code": "98765434",
        "naam": "Hulpmiddelen Noord",
        "straat": "Industrieweg",
        "huisnummer": "40",
        "postcode": "8938 AN",
        "plaats": "Leeuwarden",
        "btw_nummer": "NL834567891B01",
        "kvk_nummer": "03456789",
        "iban": "NL39RABO0300065264",
    },
]

# (contractnummer, opdrachtgever: regio or gemeentecode, agb, variant, [(code, categorie, tarief)])
# Hulpmiddelen are assigned per cliënt with a 301 (seed 004), so their contracts are
# outputgericht (a vaste prijs is output); a taakgericht contract has no 301 (OP086).
CONTRACTEN = [
    (
        "NOF-2026-001",
        "regio",
        "98765432",
        Uitvoeringsvariant.OUTPUTGERICHT,
        [
            ("ZL01", "02", 4250),
            ("ZL02", "02", 5100),
            ("ZL06", "01", 2890),
            ("ZL08", "01", 3120),
            ("ZL10", "01", 61),
            ("ZL12", "02", 98),
            ("ZL13", "04", 14500),
        ],
    ),
    (
        "NOF-2026-002",
        "regio",
        "98765433",
        Uitvoeringsvariant.INSPANNINGSGERICHT,
        [
            ("ZL09", "01", 3350),
            ("ZL11", "01", 3980),
            ("MD01", "07", 3600),
            ("MD02", "07", 4800),
            ("MD03", "07", 6100),
            ("VVB", "08", 1250),
            ("VVR", "08", 2450),
        ],
    ),
    (
        "NOF-2026-003",
        "regio",
        "98765434",
        Uitvoeringsvariant.OUTPUTGERICHT,
        [("11N01", "11", 125000), ("11N13", "11", 1), ("11O01", "11", 2500)],
    ),
    (
        "LWD-2026-001",
        "0080",
        "98765434",
        Uitvoeringsvariant.OUTPUTGERICHT,
        [("11N01", "12", 118000), ("11O01", "12", 2300)],
    ),
]

# A contract with two tarief periods: 2026, and 2027 indexed by this percentage (R-D9).
INDEXATIE_PER = date(2027, 1, 1)
GEINDEXEERD = {"NOF-2026-001": Decimal("3.35")}

GEBRUIKERS = [
    ("gemeente", "Gea", "Contractmanager", Rol.GEMEENTE, "0059", None),
    ("gemeente2", "Tjitske", "Contractmanager", Rol.GEMEENTE, "0737", None),
    ("leeuwarden", "Lieke", "Contractmanager", Rol.GEMEENTE, "0080", None),
    ("aanbieder", "Anne", "Administratie", Rol.AANBIEDER, None, "98765432"),
    ("aanbieder2", "Bauke", "Administratie", Rol.AANBIEDER, None, "98765433"),
    ("aanbieder3", "Cor", "Administratie", Rol.AANBIEDER, None, "98765434"),
    ("beheerder", "Bea", "Beheerder", Rol.BEHEERDER, None, None),
]


@transaction.atomic
def load_demo_data() -> dict[str, int]:
    gemeenten = {
        code: Gemeente.objects.update_or_create(code=code, defaults={"naam": naam})[0]
        for code, naam in GEMEENTEN
    }
    regio, _ = Regio.objects.get_or_create(naam=REGIO[0])
    regio.gemeenten.set([gemeenten[code] for code in REGIO[1]])

    producten = {}
    for categorie, code, omschrijving, eenheid, frequentie, status in PRODUCTEN:
        vervallen = status == ProductStatus.VERVALLEN
        product, _ = Product.objects.update_or_create(
            categorie=categorie,
            code=code,
            geldig_van=date(2025, 1, 1) if vervallen else SEED_START,
            defaults={
                "omschrijving": omschrijving,
                "eenheid": eenheid,
                "frequentie": frequentie,
                "status": status,
                "geldig_tot": VERVALLEN_PER if vervallen else None,
            },
        )
        producten[categorie, code] = product

    aanbieders = {
        data["agb_code"]: Aanbieder.objects.update_or_create(
            agb_code=data["agb_code"], defaults=data
        )[0]
        for data in AANBIEDERS
    }

    for nummer, opdrachtgever, agb, variant, regels in CONTRACTEN:
        contract, _ = Contract.objects.update_or_create(
            nummer=nummer,
            defaults={
                "gemeente": None
                if opdrachtgever == "regio"
                else gemeenten[opdrachtgever],
                "regio": regio if opdrachtgever == "regio" else None,
                "aanbieder": aanbieders[agb],
                "begindatum": SEED_START,
                "einddatum": date(2027, 12, 31),
                "uitvoeringsvariant": variant,
            },
        )
        for code, categorie, tarief in regels:
            cp, _ = ContractProduct.objects.update_or_create(
                contract=contract,
                product=producten[categorie, code],
                defaults={
                    "btw_percentage": 0 if categorie not in ("11", "12", "13") else 21,
                },
            )
            Tarief.objects.update_or_create(
                contractproduct=cp,
                geldig_van=SEED_START,
                defaults={"bedrag": tarief, "geldig_tot": None},
            )
        if nummer in GEINDEXEERD:
            percentage = GEINDEXEERD[nummer]
            Tarief.objects.filter(
                contractproduct__contract=contract, geldig_van__gt=SEED_START
            ).delete()
            tarieven_indexeren(
                contract=contract, percentage=percentage, ingangsdatum=INDEXATIE_PER
            )

    for username, voornaam, achternaam, rol, gemeentecode, agb in GEBRUIKERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": voornaam,
                "last_name": achternaam,
                "rol": rol,
                "gemeente": gemeenten.get(gemeentecode),
                "aanbieder": aanbieders.get(agb),
                "is_staff": rol == Rol.BEHEERDER,
                "is_superuser": rol == Rol.BEHEERDER,
            },
        )
        if created or not user.has_usable_password():
            user.set_password(DEMO_WACHTWOORD)
            user.save(update_fields=["password"])

    return {
        "gemeenten": Gemeente.objects.count(),
        "producten": Product.objects.count(),
        "aanbieders": Aanbieder.objects.count(),
        "contracten": Contract.objects.count(),
        "gebruikers": User.objects.count(),
    }
