"""Every level-3/4 rule of a WMO323 (rules.md §5) with its retourcode: one passing, one failing case."""

from datetime import date

import pytest

from declaraties.checks import controleer_declaratie, max_volume_per_periode
from declaraties.constants import DebetCredit, DeclaratieStatus
from tests.declaraties.factories import (
    DeclaratieFactory,
    PrestatieFactory,
    enkel,
    prestatie_bericht,
    wmo323,
)
from tests.stamgegevens.factories import AanbiederFactory, ProductFactory
from tests.toewijzingen.factories import ClientFactory, ToewijzingFactory

pytestmark = pytest.mark.django_db


def controle(message, toewijzing):
    return controleer_declaratie(message, gemeente=toewijzing.gemeente)


def codes(toewijzing, **kwargs) -> list[str]:
    """The retourcodes of the single Prestatie of a 323 for `toewijzing`."""
    return (
        controle(enkel(toewijzing, **kwargs), toewijzing)
        .per_prestatie[(1, 1)]
        .retourcodes
    )


@pytest.fixture
def tw():
    return ToewijzingFactory(declarabel=True)


def test_correct_line_is_approved(tw):
    result = controle(enkel(tw), tw)
    assert result.per_prestatie[(1, 1)].goedgekeurd
    assert result.verwerkt and result.toegekend == 42500


def test_tr346_bedrag_is_volume_maal_tarief(tw):
    assert codes(tw, volume=10, tarief=4250, bedrag=42500) == []
    assert codes(tw, volume=10, tarief=4250, bedrag=42501) == ["9346"]


def test_tr338_prestatie_zonder_toewijzing_is_9338(tw):
    assert codes(tw, nummer=tw.toewijzing_nummer) == []
    assert codes(tw, nummer=999_999) == ["9338"]


def test_tr338_toewijzing_of_other_aanbieder_is_9338(tw):
    ander = ToewijzingFactory(
        declarabel=True, client__gemeente=tw.gemeente, aanbieder=AanbiederFactory()
    )
    assert codes(tw, nummer=ander.toewijzing_nummer)[0] == "9338"


def test_tr304_bsn_of_other_client_is_8187(tw):
    assert codes(tw) == []  # the correct line passes
    ander = ClientFactory(gemeente=tw.gemeente)
    message = wmo323(tw.aanbieder, tw.gemeente, [(ander.bsn, [prestatie_bericht(tw)])])
    assert controle(message, tw).per_prestatie[(1, 1)].retourcodes == ["8187"]


def test_tr339_productcategorie_not_of_toewijzing_is_9339(tw):
    assert codes(tw) == []  # the correct line passes
    assert "9339" in codes(tw, categorie="07")


def test_tr340_productcode_not_of_toewijzing_is_9340(tw):
    assert codes(tw) == []  # the correct line passes
    ander = ProductFactory(categorie=tw.product.categorie)
    assert codes(tw, code=ander.code) == ["9340"]


def test_tr341_eenheid_not_of_toewijzing_is_9341(tw):
    assert codes(tw) == []  # the correct line passes
    assert codes(tw, eenheid="04") == ["9341"]


def test_tr307_begindatum_buiten_toewijzing_is_9307():
    tw = ToewijzingFactory(declarabel=True, ingangsdatum=date(2026, 8, 10))
    assert codes(tw, begin=date(2026, 8, 10)) == []
    assert "9307" in codes(tw, begin=date(2026, 8, 1))


def test_tr308_einddatum_buiten_toewijzing_is_9308():
    tw = ToewijzingFactory(declarabel=True, einddatum=date(2026, 8, 20))
    assert codes(tw, eind=date(2026, 8, 20)) == []
    assert "9308" in codes(tw, eind=date(2026, 8, 31))


def test_tr387_begindatum_not_first_of_month_is_9387(tw):
    assert codes(tw) == []  # the correct line passes
    assert codes(tw, begin=date(2026, 8, 5)) == ["9387"]


def test_tr388_einddatum_not_last_of_month_is_9388(tw):
    assert codes(tw) == []  # the correct line passes
    assert codes(tw, eind=date(2026, 8, 25)) == ["9388"]


def test_tr321_volume_boven_omvang_is_9321(tw):
    assert codes(tw, volume=10) == []
    assert codes(tw, volume=11) == ["9321"]


def test_iv076_per_week_counts_calendar_weeks():
    tw = ToewijzingFactory(declarabel=True, volume=3, frequentie="2")
    september = dict(begin=date(2026, 9, 1), eind=date(2026, 9, 30))
    periode = (date(2026, 9, 1), date(2026, 9, 30))
    assert max_volume_per_periode(tw, *periode) == 15  # weeks 36 … 40
    message = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [(tw.client.bsn, [prestatie_bericht(tw, volume=16, **september)])],
        periode=periode,
        dagtekening=date(2026, 10, 2),
    )
    assert controle(message, tw).per_prestatie[(1, 1)].retourcodes == ["9321"]


def test_iv077_hulp_bij_het_huishouden_is_6_weeks():
    tw = ToewijzingFactory(
        declarabel=True, volume=3, frequentie="2", product__categorie="01"
    )
    assert max_volume_per_periode(tw, date(2026, 9, 1), date(2026, 9, 30)) == 18


def test_tr322_som_boven_omvang_is_9322():
    tw = ToewijzingFactory(declarabel=True, volume=1, frequentie="6")
    assert codes(tw, volume=1) == []
    PrestatieFactory(
        t=tw,
        geleverd_volume=1,
        ingediend_bedrag=4250,
        begindatum=date(2026, 7, 1),
        einddatum=date(2026, 7, 31),
    )
    assert codes(tw, volume=1) == ["9322"]


def test_tr369_som_boven_budget_is_9369():
    tw = ToewijzingFactory(
        declarabel=True, volume=None, eenheid="", frequentie="", budget=10_000
    )
    assert codes(tw, eenheid="83", volume=10_000) == []
    assert codes(tw, eenheid="83", volume=10_001) == ["9369"]


def test_tr384_toewijzing_verwijderd_is_9384():
    assert codes(ToewijzingFactory(declarabel=True, reden_wijziging="05")) == []
    tw = ToewijzingFactory(declarabel=True, reden_wijziging="13")
    assert codes(tw) == ["9384"]


def test_tr323_credit_zonder_goedgekeurde_debet_is_8017(tw):
    debet = PrestatieFactory(t=tw)
    assert codes(tw, referentie="C1", vorig=debet.product_referentie) == []
    assert codes(tw, referentie="C2", vorig="ONBEKEND") == ["8017"]


def test_tr323_credit_of_rejected_debet_is_8017(tw):
    debet = PrestatieFactory(t=tw, status="afgekeurd")
    assert codes(tw, referentie="C1", vorig=debet.product_referentie) == ["8017"]


def test_tr389_second_debet_without_credit_is_9389(tw):
    debet = PrestatieFactory(t=tw)
    assert codes(tw, referentie="R2") == ["9389"]
    # OP366: a credit in the same message is processed first.
    message = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [
            (
                tw.client.bsn,
                [
                    prestatie_bericht(tw, referentie="R2"),
                    prestatie_bericht(
                        tw, referentie="C1", vorig=debet.product_referentie
                    ),
                ],
            )
        ],
    )
    result = controle(message, tw)
    assert [u.retourcodes for u in result.per_prestatie.values()] == [[], []]
    assert result.toegekend == 0


def test_tr390_second_credit_is_9390(tw):
    assert codes(tw) == []  # the correct line passes
    debet = PrestatieFactory(t=tw)
    PrestatieFactory(
        t=tw,
        declaratie=debet.declaratie,
        debet_credit=DebetCredit.CREDIT,
        vorig_referentie=debet,
        vorig_referentie_nummer=debet.product_referentie,
    )
    assert codes(tw, referentie="C9", vorig=debet.product_referentie) == ["9390"]


def test_tr314_productreferentie_already_sent_is_8021(tw):
    eerder = PrestatieFactory(
        t=tw, begindatum=date(2026, 7, 1), einddatum=date(2026, 7, 31)
    )
    assert codes(tw, referentie="NIEUW") == []
    result = codes(tw, referentie=eerder.product_referentie)
    assert result == ["8021"]


def test_tr314_productreferentie_twice_in_message_is_8021(tw):
    message = wmo323(
        tw.aanbieder,
        tw.gemeente,
        [
            (
                tw.client.bsn,
                [
                    prestatie_bericht(tw),
                    prestatie_bericht(
                        tw, begin=date(2026, 7, 1), eind=date(2026, 7, 31)
                    ),
                ],
            )
        ],
    )
    result = controle(message, tw)
    assert result.per_prestatie[(1, 1)].retourcodes == []
    assert result.per_prestatie[(1, 2)].retourcodes == ["8021"]
    assert result.per_prestatie[(1, 2)].is_duplicaat


def test_tr418_tarief_from_contract_0611(tw):
    assert codes(tw, tarief=4250) == []
    assert codes(tw, tarief=4000) == ["0611"]


def test_tr418_product_not_in_contract_is_0611():
    assert codes(ToewijzingFactory(declarabel=True, tarief=4250)) == []
    tw = ToewijzingFactory(declarabel=True, tarief=False)
    assert codes(tw) == ["0611"]


def test_tr381_productcode_not_of_categorie_is_s329(tw):
    assert codes(tw) == []  # the correct line passes
    assert "S329" in codes(tw, code="ZZ999")


def test_tr319_productperiode_after_declaratieperiode_is_9319(tw):
    assert codes(tw) == []  # the correct line passes
    assert codes(tw, begin=date(2026, 9, 1), eind=date(2026, 9, 30)) == ["9319"]


def test_tr333_declaratienummer_not_unique_is_9333(tw):
    assert controle(enkel(tw), tw).declaratie_codes == []
    DeclaratieFactory(
        aanbieder=tw.aanbieder, gemeente=tw.gemeente, declaratie_nummer="DN001"
    )
    result = controle(enkel(tw), tw)
    assert result.declaratie_codes == ["9333"]
    assert not result.verwerkt and result.toegekend == 0


def test_tr333_own_concept_is_not_a_duplicate(tw):
    DeclaratieFactory(
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        declaratie_nummer="DN001",
        status=DeclaratieStatus.CONCEPT,
    )
    assert controle(enkel(tw), tw).declaratie_codes == []


def test_tr318_periode_before_last_declaratie_is_8214(tw):
    DeclaratieFactory(
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        periode_begin=date(2026, 8, 1),
        periode_eind=date(2026, 8, 31),
    )
    assert controle(enkel(tw), tw).declaratie_codes == []
    DeclaratieFactory(
        aanbieder=tw.aanbieder,
        gemeente=tw.gemeente,
        periode_begin=date(2026, 9, 1),
        periode_eind=date(2026, 9, 30),
    )
    assert controle(enkel(tw), tw).declaratie_codes == ["8214"]


def test_tr135_dagtekening_in_future_is_8848(tw):
    message = enkel(tw)
    assert controle(message, tw).declaratie_codes == []
    message.declaratie.declaratie_dagtekening = date(2099, 1, 1)
    result = controle(message, tw)
    assert result.declaratie_codes == ["8848"]
    assert result.bevindingen[0].pad == "/Bericht/Declaratie"


def test_op364_missing_start_is_flagged_not_rejected():
    tw = ToewijzingFactory(declarabel=True, gestart=False)
    uitslag = controle(enkel(tw), tw).per_prestatie[(1, 1)]
    assert uitslag.start_ontbreekt
    assert uitslag.goedgekeurd and uitslag.retourcodes == []
    assert [b.regel for b in uitslag.bevindingen] == ["OP364"]
    assert (
        not controle(enkel(ToewijzingFactory(declarabel=True)), tw)
        .per_prestatie[(1, 1)]
        .start_ontbreekt
    )
