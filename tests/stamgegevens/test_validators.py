from django.core.exceptions import ValidationError

import pytest

from stamgegevens import validators


@pytest.mark.parametrize(
    ("validator", "good", "bad"),
    [
        (
            validators.validate_agb_code,
            "98765432",
            ["9876543", "987654321", "9876543A", ""],
        ),
        (
            validators.validate_kvk_nummer,
            "01234567",
            ["1234567", "ABCDEFGH", "123456789"],
        ),
        (validators.validate_gemeentecode, "0059", ["59", "00590", "AB12"]),
        (
            validators.validate_iban,
            "NL91ABNA0417164300",
            ["NL91ABNA0417164301", "NL91", "XX00"],
        ),
        (
            validators.validate_btw_nummer,
            "NL812345678B01",
            ["NL812345679B01", "NL123", "812345678"],
        ),
        (validators.validate_postcode, "9231 AB", ["0123 AB", "9231", "ABCD 12"]),
    ],
    ids=["agb", "kvk", "gemeentecode", "iban", "btw", "postcode"],
)
def test_validator_accepts_good_and_rejects_bad_with_dutch_message(
    validator, good, bad
):
    validator(good)
    for value in bad:
        with pytest.raises(ValidationError) as exc:
            validator(value)
        message = exc.value.messages[0]
        assert any(word in message for word in ("geen geldig", "bestaat uit precies"))


def test_iban_validator_accepts_spaces_and_normaliser_compacts():
    validators.validate_iban("NL91 ABNA 0417 1643 00")
    assert validators.normalise_iban("NL91 ABNA 0417 1643 00") == "NL91ABNA0417164300"


def test_btw_normaliser_keeps_country_prefix():
    assert validators.normalise_btw_nummer("nl 8123.45678.B01") == "NL812345678B01"


def test_postcode_normaliser_puts_a_space():
    assert validators.normalise_postcode("9231ab") == "9231 AB"
