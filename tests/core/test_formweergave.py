"""The form renderer writes a <select> byte for byte as Django's templates do."""

from datetime import date

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

import pytest

from core.formweergave import Weergave
from stamgegevens.models import Aanbieder
from tests.stamgegevens.factories import AanbiederFactory

KEUZES = [
    ("", "---------"),
    ("a", "Zorg & Co <b>"),
    (1, 'Aanbieder "één"'),
    ("veilig", mark_safe("<em>al veilig</em>")),
    ("lui", gettext_lazy("Alle")),
]
GROEPEN = [
    ("Begeleiding", [("02A", "Begeleiding individueel"), ("02B", "Groep")]),
    ("", [("x", "zonder groep")]),
    ("z", "los"),
]


def _beide(widget: forms.Widget, naam: str, waarde, attrs=None) -> tuple[str, str]:
    return (
        widget.render(naam, waarde, attrs=attrs, renderer=DjangoTemplates()),
        widget.render(naam, waarde, attrs=attrs, renderer=Weergave()),
    )


@pytest.mark.parametrize(
    "widget, waarde, attrs",
    [
        (forms.Select(choices=KEUZES), "a", None),
        (forms.Select(choices=KEUZES), None, {"id": "id_x", "required": True}),
        (
            forms.Select(choices=KEUZES, attrs={"class": 'a"b', "disabled": False}),
            1,
            {"aria-describedby": "id_x_fout1 id_x_hulp", "aria-invalid": "true"},
        ),
        (forms.Select(choices=GROEPEN), "02B", {"id": "id_g"}),
        (forms.SelectMultiple(choices=KEUZES), ["a", "1"], {"id": "id_m"}),
        (forms.NullBooleanSelect(), True, None),
        (forms.Select(choices=[]), "", None),
        (forms.Select(choices=[("d", date(2026, 1, 1))]), "d", None),
    ],
)
def test_select_is_written_as_the_templates_write_it(widget, waarde, attrs):
    templates, direct = _beide(widget, "veld<", waarde, attrs)
    assert direct == templates


@pytest.mark.django_db
def test_model_choices_are_written_as_the_templates_write_it():
    AanbiederFactory.create_batch(3)
    veld = forms.ModelChoiceField(queryset=Aanbieder.objects.order_by("naam"))
    eerste = Aanbieder.objects.order_by("naam").first()
    templates, direct = _beide(veld.widget, "aanbieder", eerste.pk, {"id": "id_a"})
    assert direct == templates
    assert "selected>" in direct


def test_other_widgets_still_come_from_the_templates():
    templates, direct = _beide(forms.TextInput(), "naam", "<x>")
    assert direct == templates == '<input type="text" name="naam" value="&lt;x&gt;">'


def test_the_portal_uses_it(settings):
    assert settings.FORM_RENDERER == "core.formweergave.Weergave"


def test_a_plain_select_is_written_without_a_template(monkeypatch):
    gebruikt = []
    echt = DjangoTemplates.render

    def render(self, template_name, context, request=None):
        gebruikt.append(template_name)
        return echt(self, template_name, context, request)

    monkeypatch.setattr(DjangoTemplates, "render", render)
    forms.Select(choices=KEUZES).render("a", "a", renderer=Weergave())
    assert gebruikt == []
    forms.Select(choices=[("d", date(2026, 1, 1))]).render(
        "d", "d", renderer=Weergave()
    )
    assert gebruikt == ["django/forms/widgets/select.html"]
