"""docs/iwmo-regels.md: every 3.2 rule of the 14 messages has a line with a place in
the code or a reason. After a change, regenerate it: python scripts/regeltabel.py."""

import importlib.util

from django.conf import settings

import pytest

pytestmark = pytest.mark.django_db

PAD = settings.BASE_DIR / "scripts" / "regeltabel.py"


def _script():
    spec = importlib.util.spec_from_file_location("regeltabel", PAD)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_rule_has_a_place_or_a_reason_in_the_table():
    regeltabel = _script()
    tekst, ontbreekt = regeltabel.render()
    assert ontbreekt == []
    opgeslagen = regeltabel.TARGET.read_text()
    for (bericht, regel), _ in regeltabel.cd_cs_rs().items():
        assert f"| {regel} |" in tekst and f"| {regel} |" in opgeslagen, (
            bericht,
            regel,
        )
    for regel in regeltabel.technische_regels():
        assert f"| {regel} |" in tekst and f"| {regel} |" in opgeslagen, regel
    assert "ONTBREEKT" not in opgeslagen
