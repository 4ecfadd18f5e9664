"""Every rule in toewijzingen.regels, named after its id, with a passing and a failing case."""

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from core.exceptions import ApplicationError
from toewijzingen import regels
from toewijzingen.constants import Prijsvorm


def start(begindatum, **kw):
    return SimpleNamespace(
        soort="start", begindatum=begindatum, einddatum=None, reden_beeindiging="", **kw
    )


def stop(begindatum, einddatum, reden="21"):
    return SimpleNamespace(
        soort="stop",
        begindatum=begindatum,
        einddatum=einddatum,
        reden_beeindiging=reden,
    )


D = date(2026, 8, 1)


def test_einde_maand():
    assert regels.einde_maand(date(2026, 8, 28)) == date(2026, 8, 31)
    assert regels.einde_maand(date(2028, 2, 3)) == date(2028, 2, 29)


def test_einde_maand_plus_crosses_year():
    assert regels.einde_maand_plus(date(2026, 11, 15), 2) == date(2027, 1, 31)
    assert regels.einde_maand_plus(date(2026, 12, 31), 2) == date(2027, 2, 28)


def test_r_t6_einddatum_is_end_of_month():
    assert regels.r_t6_einddatum(date(2026, 8, 28)) == date(2026, 8, 31)
    assert regels.r_t6_einddatum(date(2026, 8, 28)) != date(2026, 9, 30)


def test_r_t6_einddatum_never_stretches():
    assert (
        regels.r_t6_einddatum_niet_later(huidige_einddatum=None, nieuwe_einddatum=D)
        is None
    )
    assert (
        regels.r_t6_einddatum_niet_later(
            huidige_einddatum=date(2026, 8, 15), nieuwe_einddatum=date(2026, 8, 31)
        ).regel
        == "R-T6"
    )


def test_r_t7_verhuizing_einddatum_two_months_ahead():
    assert regels.r_t7_einddatum(date(2026, 8, 28)) == date(2026, 10, 31)
    assert regels.r_t7_einddatum(date(2026, 8, 28)) != date(2026, 10, 28)


def test_r_t7_reden_07_or_06():
    assert regels.r_t7_reden("07") is None
    assert regels.r_t7_reden("06") is None
    assert regels.r_t7_reden("05").regel == "R-T7"


def test_r_t8_einddatum_end_of_month_of_stop():
    assert regels.r_t8_einddatum(date(2026, 9, 12)) == date(2026, 9, 30)


def test_r_t8_overlijden_must_be_reported():
    assert regels.r_t8_overlijden_gemeld([stop(D, date(2026, 9, 12), "02")]) is None
    assert (
        regels.r_t8_overlijden_gemeld([stop(D, date(2026, 9, 12), "21")]).regel
        == "R-T8"
    )


def test_r_t2_toewijzingnummer_max_9_digits():
    assert regels.r_t2_toewijzingnummer(999_999_999) is None
    assert regels.r_t2_toewijzingnummer(1_000_000_000).regel == "R-T2"


def test_r_t3_toewijzingsmoment_whole_seconds():
    assert regels.r_t3_toewijzingsmoment(datetime(2026, 8, 28, 9, 15, 30, 123456)) == (
        date(2026, 8, 28),
        datetime(2026, 8, 28, 9, 15, 30).time(),
    )


def test_r_t4_omvang_voor_the_three_formats():
    assert regels.r_t4_omvang_voor(Prijsvorm.VASTE_PRIJS) == (1, "82", "6")
    assert regels.r_t4_omvang_voor(Prijsvorm.ONDERHOUD) == (1, "82", "4")
    assert regels.r_t4_omvang_voor(Prijsvorm.VARIABELE_PRIJS, bedrag=12550) == (
        12550,
        "83",
        "6",
    )
    with pytest.raises(ApplicationError):
        regels.r_t4_omvang_voor(Prijsvorm.VARIABELE_PRIJS)


@pytest.mark.parametrize(
    ("kwargs", "regel"),
    [
        ({"volume": 1, "eenheid": "82", "frequentie": "4"}, None),
        ({"budget": 50000, "einddatum": date(2026, 12, 31)}, None),
        ({"volume": 1, "eenheid": "82", "frequentie": "4", "budget": 100}, "CD077"),
        ({}, "R-T4"),
        ({"budget": 50000}, "CD075"),
        ({"volume": 3, "eenheid": "04", "frequentie": "2"}, "CD076"),
        ({"volume": 100, "eenheid": "83", "frequentie": "1"}, "CS338"),
        ({"volume": 0, "eenheid": "82", "frequentie": "4"}, "R-T4"),
        ({"volume": 1, "eenheid": "99", "frequentie": "4"}, "R-T4"),
    ],
)
def test_r_t4_omvang(kwargs, regel):
    args = {
        "volume": None,
        "eenheid": "",
        "frequentie": "",
        "budget": None,
        "einddatum": None,
    } | kwargs
    result = regels.r_t4_omvang(**args)
    assert (result.regel if result else None) == regel


def test_cs003_einddatum_not_before_ingangsdatum():
    assert regels.cs003_einddatum(D, None) is None
    assert regels.cs003_einddatum(D, D) is None
    assert regels.cs003_einddatum(D, date(2026, 7, 31)).regel == "CS003"


def test_cs335_reden_wijziging():
    assert regels.cs335_reden_wijziging("05", D, date(2026, 9, 1)) is None
    assert regels.cs335_reden_wijziging("13", D, D) is None
    assert regels.cs335_reden_wijziging("13", D, date(2026, 9, 1)).regel == "CS335"
    assert regels.cs335_reden_wijziging("01", D, None).regel == "CS336"


def test_tr302_same_product_no_overlap():
    andere = [
        SimpleNamespace(pk=1, product_id=5, ingangsdatum=D, einddatum=date(2026, 8, 31))
    ]
    assert (
        regels.tr302_geen_overlap(
            product_id=5, ingangsdatum=date(2026, 9, 1), einddatum=None, andere=andere
        )
        is None
    )
    assert (
        regels.tr302_geen_overlap(
            product_id=6, ingangsdatum=D, einddatum=None, andere=andere
        )
        is None
    )
    assert (
        regels.tr302_geen_overlap(
            product_id=5, ingangsdatum=date(2026, 8, 31), einddatum=None, andere=andere
        ).regel
        == "TR302"
    )


def test_r_t5_intrekking_needs_einddatum_and_reden():
    assert (
        regels.r_t5_intrekking(
            reden_wijziging="05", ingangsdatum=D, einddatum=date(2026, 8, 20)
        )
        is None
    )
    assert (
        regels.r_t5_intrekking(
            reden_wijziging="", ingangsdatum=D, einddatum=date(2026, 8, 20)
        ).regel
        == "R-T5"
    )
    assert (
        regels.r_t5_intrekking(
            reden_wijziging="05", ingangsdatum=D, einddatum=None
        ).regel
        == "R-T5"
    )


def test_op380_verlenging():
    basis = {
        "volume": 1,
        "frequentie": "4",
        "nieuw_volume": 1,
        "nieuwe_frequentie": "4",
        "einddatum": date(2026, 12, 31),
        "vandaag": date(2026, 11, 1),
    }
    assert regels.op380_verlenging(**basis, nieuwe_einddatum=date(2027, 6, 30)) is None
    assert (
        regels.op380_verlenging(
            **basis | {"nieuw_volume": 2}, nieuwe_einddatum=date(2027, 6, 30)
        ).regel
        == "OP380"
    )
    assert (
        regels.op380_verlenging(
            **basis | {"vandaag": date(2027, 1, 2)}, nieuwe_einddatum=date(2027, 6, 30)
        ).regel
        == "OP380"
    )
    assert (
        regels.op380_verlenging(**basis, nieuwe_einddatum=date(2026, 12, 31)).regel
        == "OP380"
    )


def test_op033_status_aanlevering_2_refused():
    assert regels.op033_status_aanlevering("1") is None
    assert regels.op033_status_aanlevering("3") is None
    assert regels.op033_status_aanlevering("2").regel == "OP033"


def test_r_s1_startdatum_not_before_ingangsdatum():
    assert regels.r_s1_startdatum(begindatum=D, ingangsdatum=D, einddatum=None) is None
    assert (
        regels.r_s1_startdatum(
            begindatum=date(2026, 7, 31), ingangsdatum=D, einddatum=None
        ).regel
        == "R-S1"
    )
    assert (
        regels.r_s1_startdatum(
            begindatum=date(2026, 9, 1), ingangsdatum=D, einddatum=date(2026, 8, 31)
        ).regel
        == "R-S1"
    )


def test_r_s2_stop_not_after_einddatum():
    assert (
        regels.r_s2_stop_einddatum(
            einddatum=date(2026, 8, 31), toewijzing_einddatum=date(2026, 8, 31)
        )
        is None
    )
    assert (
        regels.r_s2_stop_einddatum(
            einddatum=date(2026, 9, 1), toewijzing_einddatum=None
        )
        is None
    )
    assert (
        regels.r_s2_stop_einddatum(
            einddatum=date(2026, 9, 1), toewijzing_einddatum=date(2026, 8, 31)
        ).regel
        == "R-S2"
    )


def test_tr134_start_stop_not_after_dagtekening():
    assert regels.tr134_niet_na_dagtekening(D, D) is None
    assert regels.tr134_niet_na_dagtekening(date(2026, 8, 2), D).regel == "TR134"


def test_tr018_einddatum_not_before_begindatum():
    assert regels.tr018_einddatum(D, D) is None
    assert regels.tr018_einddatum(D, date(2026, 7, 1)).retourcode == "0001"


def test_tr074_start_key_unique():
    assert (
        regels.tr074_start_uniek(begindatum=D, actueel=[start(date(2026, 8, 2))])
        is None
    )
    assert (
        regels.tr074_start_uniek(begindatum=D, actueel=[start(D)]).retourcode == "9074"
    )


def test_tr326_no_new_start_while_started():
    assert (
        regels.tr326_geen_actuele_start([start(D), stop(D, date(2026, 8, 10), "20")])
        is None
    )
    assert regels.tr326_geen_actuele_start([start(D)]).retourcode == "9326"


def test_tr063_delete_needs_earlier_aanlevering():
    assert (
        regels.tr063_eerdere_aanlevering(
            soort="start", begindatum=D, actueel=[start(D)]
        )
        is None
    )
    assert (
        regels.tr063_eerdere_aanlevering(
            soort="start", begindatum=D, actueel=[]
        ).retourcode
        == "9063"
    )


def test_tr071_start_not_deleted_after_stop():
    assert (
        regels.tr071_start_niet_verwijderen_na_stop(begindatum=D, actueel=[start(D)])
        is None
    )
    assert (
        regels.tr071_start_niet_verwijderen_na_stop(
            begindatum=D, actueel=[start(D), stop(D, D)]
        ).retourcode
        == "9071"
    )


def test_tr382_stop_copies_start_key():
    assert regels.tr382_stop_volgt_start(begindatum=D, actueel=[start(D)]) is None
    assert (
        regels.tr382_stop_volgt_start(
            begindatum=date(2026, 8, 2), actueel=[start(D)]
        ).retourcode
        == "9069"
    )


def test_tr413_after_temporary_stop_only_final_stop():
    tijdelijk = [start(D), stop(D, date(2026, 8, 10), "20")]
    assert (
        regels.tr413_na_tijdelijke_stop(
            begindatum=D, reden_beeindiging="21", actueel=tijdelijk
        )
        is None
    )
    assert (
        regels.tr413_na_tijdelijke_stop(
            begindatum=D, reden_beeindiging="20", actueel=tijdelijk
        ).retourcode
        == "9413"
    )


def test_tr414_einddatum_not_before_actual_stop():
    tijdelijk = [start(D), stop(D, date(2026, 8, 10), "20")]
    assert (
        regels.tr414_einddatum_niet_eerder(
            begindatum=D, einddatum=date(2026, 8, 10), actueel=tijdelijk
        )
        is None
    )
    assert (
        regels.tr414_einddatum_niet_eerder(
            begindatum=D, einddatum=date(2026, 8, 9), actueel=tijdelijk
        ).retourcode
        == "9414"
    )


def test_tr415_no_stop_after_final_stop():
    assert (
        regels.tr415_geen_stop_na_definitieve_stop(
            begindatum=D, actueel=[start(D), stop(D, D, "20")]
        )
        is None
    )
    assert (
        regels.tr415_geen_stop_na_definitieve_stop(
            begindatum=D, actueel=[start(D), stop(D, D, "21")]
        ).retourcode
        == "9415"
    )


def test_tr347_referentie_unique():
    assert regels.tr347_referentie_uniek(al_gebruikt=False) is None
    assert regels.tr347_referentie_uniek(al_gebruikt=True).retourcode == "9347"


def test_tr374_one_open_verzoek():
    assert regels.tr374_geen_onderhanden_verzoek(onderhanden=False) is None
    assert regels.tr374_geen_onderhanden_verzoek(onderhanden=True).retourcode == "9374"


def test_tr349_all_actual_toewijzingen():
    assert (
        regels.tr349_alle_actuele_toewijzingen(genoemd={1, 2}, actueel={1, 2}) is None
    )
    assert (
        regels.tr349_alle_actuele_toewijzingen(genoemd={1}, actueel={1, 2}).retourcode
        == "9349"
    )


def test_tr352_tr353_verzoek_om_wijziging():
    assert (
        regels.tr352_tr353_verzoek_om_wijziging(ongewijzigd=1, te_wijzigen=0, nieuw=1)
        is None
    )
    assert (
        regels.tr352_tr353_verzoek_om_wijziging(
            ongewijzigd=0, te_wijzigen=0, nieuw=1
        ).regel
        == "TR352"
    )
    assert (
        regels.tr352_tr353_verzoek_om_wijziging(
            ongewijzigd=1, te_wijzigen=0, nieuw=0
        ).regel
        == "TR353"
    )


def test_tr357_gewenste_ingangsdatum_after_dagtekening():
    assert (
        regels.tr380_gewenste_ingangsdatum(gewenst=date(2026, 9, 1), dagtekening=D)
        is None
    )
    assert (
        regels.tr380_gewenste_ingangsdatum(
            gewenst=date(2026, 7, 1), dagtekening=D, oorspronkelijk=date(2026, 7, 1)
        )
        is None
    )
    assert (
        regels.tr380_gewenste_ingangsdatum(gewenst=D, dagtekening=D).retourcode
        == "9357"
    )


def test_tr359_tr360_tr365_answer_once():
    assert regels.tr359_antwoord_mogelijk("open", in_onderzoek=False) is None
    assert regels.tr359_antwoord_mogelijk("in_onderzoek", in_onderzoek=False) is None
    assert (
        regels.tr359_antwoord_mogelijk("gehonoreerd", in_onderzoek=False).retourcode
        == "9359"
    )
    assert (
        regels.tr359_antwoord_mogelijk("afgewezen", in_onderzoek=False).retourcode
        == "9365"
    )
    assert (
        regels.tr359_antwoord_mogelijk("in_onderzoek", in_onderzoek=True).retourcode
        == "9360"
    )


def test_cd085_reden_afwijzing():
    assert regels.cd085_reden_afwijzing("3") is None
    assert regels.cd085_reden_afwijzing("").regel == "CD085"


def test_weiger_raises_dutch_reason_with_rule_id():
    regels.weiger(None, None)
    with pytest.raises(ApplicationError, match=r"vóór de ingangsdatum.*\(CS003\)"):
        regels.weiger(None, regels.cs003_einddatum(D, date(2026, 7, 1)))


def test_tr302_hulpmiddel_may_overlap_rule():
    andere = [SimpleNamespace(pk=1, product_id=5, ingangsdatum=D, einddatum=None)]
    for categorie in ("11", "12", "13", "14"):
        assert (
            regels.tr302_geen_overlap(
                product_id=5,
                ingangsdatum=D,
                einddatum=None,
                andere=andere,
                categorie=categorie,
            )
            is None
        )
    weigering = regels.tr302_geen_overlap(
        product_id=5, ingangsdatum=D, einddatum=None, andere=andere, categorie="02"
    )
    assert weigering.regel == "TR302"
    assert "hulpmiddelen" in weigering.tekst
