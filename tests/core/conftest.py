"""Fixtures of the core tests: two parties with one object of every kind each."""

import pytest

from berichten.constants import BerichtStatus
from core.models import Taak
from core.taken import bestand_opslaan
from stamgegevens import services
from tests.berichten.factories import BerichtFactory
from tests.core.factories import aanbieder_user, gemeente_user
from tests.declaraties.factories import PrestatieFactory
from tests.stamgegevens.factories import (
    ContractFactory,
    ContractProductFactory,
    GemeenteFactory,
)
from tests.toewijzingen.factories import (
    ClientFactory,
    LeveringFactory,
    ToewijzingFactory,
    VerzoekFactory,
)
from toewijzingen.models import Signaal

SIGNAAL = {"titel": "Toewijzing", "uiterlijk": "2026-09-01"}


def _taak(user) -> Taak:
    """A finished background job of `user`, with its file."""
    taak = Taak.objects.create(gebruiker=user, soort="Export", status=Taak.Status.KLAAR)
    bestand_opslaan(taak, "export.csv", b"a;b\n")
    return taak


@pytest.fixture
def twee_werelden(settings, tmp_path):
    """Party A and party B, each a gemeente with one aanbieder, contract and product."""
    settings.MEDIA_ROOT = tmp_path

    def wereld(code):
        gemeente = GemeenteFactory(code=code)
        contract = ContractFactory(gemeente=gemeente)
        cp = ContractProductFactory(contract=contract)
        medewerker = aanbieder_user(contract.aanbieder)
        verzoek = services.wijzigingsverzoek_indienen(
            user=medewerker,
            aanbieder=contract.aanbieder,
            wijzigingen={"naam": f"Nieuw {code}"},
        )
        bericht = BerichtFactory(
            gemeente=gemeente, aanbieder=contract.aanbieder, status=BerichtStatus.FOUT
        )
        toewijzing = ToewijzingFactory(
            client=ClientFactory(gemeente=gemeente),
            aanbieder=contract.aanbieder,
            contract=contract,
        )
        toewijzingsverzoek = VerzoekFactory(
            client=toewijzing.client, aanbieder=contract.aanbieder
        )
        prestatie = PrestatieFactory(t=toewijzing)  # a declared, approved line
        contractmanager = gemeente_user(gemeente)
        # A stored signal is one party's own: one for each side.
        signaal = {"object_soort": "toewijzing", "object_id": toewijzing.pk}
        signalen = {
            "gemeente_user": Signaal.objects.create(
                soort="toewijzing_loopt_af", gemeente=gemeente, **signaal, **SIGNAAL
            ).pk,
            "aanbieder_user": Signaal.objects.create(
                soort="start_ontbreekt",
                aanbieder=contract.aanbieder,
                **signaal,
                **SIGNAAL,
            ).pk,
        }
        return {
            "gemeente_user": contractmanager,
            "aanbieder_user": medewerker,
            # A job is its user's own: one per role.
            "taken": {
                "gemeente_user": _taak(contractmanager).pk,
                "aanbieder_user": _taak(medewerker).pk,
            },
            "signalen": signalen,
            "outbox": {
                rol: BerichtFactory(
                    gemeente=gemeente,
                    aanbieder=contract.aanbieder,
                    bericht_type=soort,
                    status=BerichtStatus.IN_OUTBOX,
                ).pk
                for rol, soort in (
                    ("gemeente_user", "WMO305"),
                    ("aanbieder_user", "WMO301"),
                )
            },
            "objects": {
                "aanbieder": contract.aanbieder.pk,
                "contract": contract.pk,
                "wijzigingsverzoek": verzoek.pk,
                "product": cp.product.pk,
                "client": toewijzing.client.pk,
                "toewijzing": toewijzing.pk,
                "levering": LeveringFactory(toewijzing=toewijzing).pk,
                "toewijzingsverzoek": toewijzingsverzoek.pk,
                "declaratie": prestatie.declaratie.pk,
                "prestatie": prestatie.pk,
                "bericht": bericht.pk,
            },
        }

    return wereld("0001"), wereld("0002")
