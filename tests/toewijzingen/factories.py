"""factory_boy factories for the toewijzingen models; traits for lifecycle states."""

from datetime import date, datetime, time

from django.utils import timezone

import factory

from demo.bulk import geldig_bsn
from stamgegevens.models import ContractProduct
from tests.stamgegevens.factories import (
    AanbiederFactory,
    ContractFactory,
    GemeenteFactory,
    ProductFactory,
    gecontracteerd,
)
from toewijzingen.constants import LeveringSoort, VerzoekProductSoort, VerzoekSoort
from toewijzingen.models import Client, Levering, Toewijzing, Verzoek, VerzoekProduct


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    gemeente = factory.SubFactory(GemeenteFactory)
    bsn = factory.Sequence(geldig_bsn)
    geboortedatum = date(1948, 5, 17)
    geslacht = "2"
    achternaam = factory.Sequence(lambda n: f"Bakker{n}")
    voorletters = "JM"
    straat = "Westerstraat"
    huisnummer = 114
    postcode = "9231AB"
    plaats = "Surhuisterveen"


class ToewijzingFactory(factory.django.DjangoModelFactory):
    """A running toewijzing (onderhoud: 1 stuks per maand) under a contract.

    The gemeente is the cliënt's (`client__gemeente=` sets both). The product is in
    the contract (R-T1) at `tarief=` (default 4250, `tarief__btw=`); `tarief=False`
    leaves it out. Traits: `gestart` (a start zorg), `beeindigd`, `verlopen`, and
    `declarabel`: started, 10 stuks per maand from 01-01-2026 (what a 323 declares;
    `declarabel=True, gestart=False` has no start zorg, R-D1, OP364).
    """

    class Meta:
        model = Toewijzing
        skip_postgeneration_save = True

    client = factory.SubFactory(ClientFactory)
    gemeente = factory.SelfAttribute("client.gemeente")
    aanbieder = factory.SubFactory(AanbiederFactory)
    product = factory.SubFactory(ProductFactory)
    contract = factory.SubFactory(
        ContractFactory,
        gemeente=factory.SelfAttribute("..gemeente"),
        aanbieder=factory.SelfAttribute("..aanbieder"),
    )
    toewijzing_nummer = factory.Sequence(lambda n: 700_000 + n)
    toewijzingsdatum = date(2026, 8, 1)
    toewijzingstijd = time(9, 15)
    ingangsdatum = date(2026, 8, 1)
    einddatum = None
    volume = 1
    eenheid = "82"
    frequentie = "4"

    class Params:
        gestart = factory.Trait(
            start=factory.RelatedFactory(
                "tests.toewijzingen.factories.LeveringFactory",
                factory_related_name="toewijzing",
                begindatum=factory.SelfAttribute("..ingangsdatum"),
            )
        )
        beeindigd = factory.Trait(
            einddatum=date(2026, 8, 31),
            reden_wijziging="05",
            beeindigd_op=factory.LazyFunction(
                lambda: timezone.make_aware(datetime(2026, 8, 28, 10, 0))
            ),
        )
        verlopen = factory.Trait(
            ingangsdatum=date(2025, 1, 1), einddatum=date(2025, 12, 31)
        )
        declarabel = factory.Trait(
            gestart=True,
            toewijzingsdatum=date(2026, 1, 1),
            ingangsdatum=date(2026, 1, 1),
            volume=10,
        )

    @factory.post_generation
    def tarief(self, create, extracted, **kwargs):
        """Put the product in the contract (R-T1), at `tarief=` if given."""
        if not create or extracted is False:
            return
        if extracted is None and not kwargs:
            gecontracteerd(self.contract, self.product)
            return
        ContractProduct.objects.filter(
            contract=self.contract, product=self.product
        ).delete()
        gecontracteerd(
            self.contract, self.product, extracted or 4250, kwargs.get("btw", 0)
        )


class LeveringFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Levering

    toewijzing = factory.SubFactory(ToewijzingFactory)
    soort = LeveringSoort.START
    begindatum = factory.SelfAttribute("toewijzing.ingangsdatum")
    status_aanlevering = "1"

    class Params:
        stop = factory.Trait(
            soort=LeveringSoort.STOP,
            einddatum=date(2026, 9, 30),
            reden_beeindiging="21",
        )


class VerzoekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verzoek

    soort = VerzoekSoort.TOEWIJZING
    client = factory.SubFactory(ClientFactory)
    gemeente = factory.SelfAttribute("client.gemeente")
    aanbieder = factory.SubFactory(AanbiederFactory)
    referentie_aanbieder = factory.Sequence(lambda n: f"REF-{n:05d}")


class VerzoekProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VerzoekProduct

    verzoek = factory.SubFactory(VerzoekFactory)
    soort = VerzoekProductSoort.AANGEVRAAGD
    product = factory.SubFactory(ProductFactory)
    ingangsdatum = date(2026, 9, 1)
    volume = 1
    eenheid = "82"
    frequentie = "4"
    verwijzer_type = "01"
    verwijzer_naam = "Gemeente"
