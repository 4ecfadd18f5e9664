from core import codelijsten


def test_codelists_are_read_from_data_with_dutch_texts():
    assert codelijsten.omschrijving(codelijsten.EENHEID, "82") == "Stuks (output)"
    assert codelijsten.omschrijving(codelijsten.FREQUENTIE, "6").startswith("Totaal")
    assert (
        codelijsten.omschrijving(codelijsten.RETOURCODE, "9333")
        == "Declaratienummer is niet uniek"
    )
    assert codelijsten.is_valid(codelijsten.PRODUCTCATEGORIE, "07")
    assert not codelijsten.is_valid(codelijsten.PRODUCTCATEGORIE, "99")


def test_unknown_code_falls_back_to_the_code_itself():
    assert codelijsten.omschrijving(codelijsten.REDEN_WIJZIGING, "99") == "99"


def test_every_list_of_the_brief_is_present():
    for lijst in (
        codelijsten.EENHEID,
        codelijsten.FREQUENTIE,
        codelijsten.PRODUCTCATEGORIE,
        codelijsten.REDEN_WIJZIGING,
        codelijsten.RETOURCODE,
    ):
        assert len(codelijsten.codes(lijst)) >= 4
