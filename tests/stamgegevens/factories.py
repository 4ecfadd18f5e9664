"""factory_boy factories for the stamgegevens models (gemeenten, aanbieders, contracts)."""

from datetime import date

import factory
from stdnum.nl import btw

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


def _valid_btw(n: int) -> str:
    """A valid Dutch btw-nummer near 800000000 + n (mod-11 check)."""
    base = 800_000_000 + n * 97
    while not btw.is_valid(f"NL{base:09d}B01"):
        base += 1
    return f"NL{base:09d}B01"


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{1000 + n:04d}")
    naam = factory.Sequence(lambda n: f"Gemeente {n}")


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Regio {n}")

    @factory.post_generation
    def gemeenten(self, create, extracted, **kwargs):
        if create and extracted:
            self.gemeenten.set(extracted)


class AanbiederFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbieder

    agb_code = factory.Sequence(lambda n: f"{90000000 + n:08d}")
    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n}")
    straat = "Dorpsstraat"
    huisnummer = "1"
    postcode = "9231 AB"
    plaats = "Surhuisterveen"
    btw_nummer = factory.Sequence(_valid_btw)
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    iban = "NL91ABNA0417164300"


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    categorie = "02"
    code = factory.Sequence(lambda n: f"P{n:04d}")
    omschrijving = factory.Sequence(lambda n: f"Product {n}")
    eenheid = "82"
    frequentie = "4"
    geldig_van = date(2026, 1, 1)
    geldig_tot = None
    status = ProductStatus.ACTIEF

    class Params:
        vervallen = factory.Trait(
            status=ProductStatus.VERVALLEN, geldig_tot=date(2026, 6, 30)
        )


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    nummer = factory.Sequence(lambda n: f"C-{n:05d}")
    gemeente = factory.SubFactory(GemeenteFactory)
    regio = None
    aanbieder = factory.SubFactory(AanbiederFactory)
    begindatum = date(2026, 1, 1)
    einddatum = None
    uitvoeringsvariant = Uitvoeringsvariant.INSPANNINGSGERICHT


class ContractProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractProduct
        skip_postgeneration_save = True

    contract = factory.SubFactory(ContractFactory)
    product = factory.SubFactory(ProductFactory)
    btw_percentage = 0

    @factory.post_generation
    def tarief(self, create, extracted, **kwargs):
        """One open tarief period from the contract's begindatum (`tarief=False`: none)."""
        if create and extracted is not False:
            TariefFactory(
                contractproduct=self,
                bedrag=4250 if extracted is None else extracted,
                **kwargs,
            )


class TariefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tarief

    contractproduct = factory.SubFactory(ContractProductFactory, tarief=False)
    geldig_van = factory.LazyAttribute(lambda o: o.contractproduct.contract.begindatum)
    geldig_tot = None
    bedrag = 4250


def gecontracteerd(contract, product, tarief: int = 4250, btw=0) -> ContractProduct:
    """The product in the contract with one open tarief period, made once (R-T1, TR418)."""
    cp, nieuw = ContractProduct.objects.get_or_create(
        contract=contract, product=product, defaults={"btw_percentage": btw}
    )
    if nieuw:
        TariefFactory(contractproduct=cp, bedrag=tarief)
    return cp
