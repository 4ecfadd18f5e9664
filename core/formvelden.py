"""Form fields and widgets the portal's forms share.

- `EuroField`: an amount typed and shown in euros with a decimal comma
  ("1.234,56", "€ 12,50", "12"), stored in eurocent (an int), as the models keep it.
- `DATUM`: a date as `<input type="date">` (the browser shows it in the user's
  notation; the value is ISO). Typed by hand, "31-12-2026" is read as well.
- `verplicht_markeren`: every required field gets `aria-required="true"` and the
  class the templates show a visible "(verplicht)" marker with.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms

DATUM_INVOER = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d-%m-%y"]
DATUM_FOUT = "Vul een geldige datum in, bijvoorbeeld 31-12-2026."

_EURO = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d{1,2})?$|^-?\d+(,\d{1,2})?$")


def datum_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


DATUM = datum_widget()


def euro_tekst(cents: int | None) -> str:
    """Eurocent as typed in a form: 123456 -> '1.234,56' (no euro sign)."""
    if cents is None or cents == "":
        return ""
    cents = int(cents)
    teken = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{teken}{euros:,}".replace(",", ".") + f",{rest:02d}"


class EuroInput(forms.TextInput):
    """A text box for euros: shows eurocent as '1.234,56'; a decimal keyboard."""

    def __init__(self, attrs=None):
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off"} | (attrs or {})
        )

    def format_value(self, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return euro_tekst(value)
        return super().format_value(value)


class EuroField(forms.Field):
    """An amount in euros with a decimal comma ('1.234,56'); cleaned to eurocent (int).

    A point is read as the thousands separator ('1.234' is 1234 euro), as Dutch users
    write it; more than two decimals, letters or a point in the wrong place are refused.
    `min_value` and `max_value` are in eurocent."""

    widget = EuroInput
    default_error_messages = {
        "invalid": "Vul een bedrag in euro's in, bijvoorbeeld 1.234,56.",
        "min_value": "Het bedrag moet minstens %(grens)s zijn.",
        "max_value": "Het bedrag mag hoogstens %(grens)s zijn.",
    }

    def __init__(
        self, *, min_value: int | None = None, max_value: int | None = None, **kwargs
    ):
        self.min_value, self.max_value = min_value, max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        tekst = str(value).strip().removeprefix("€").strip().replace(" ", "")
        if not _EURO.match(tekst):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            bedrag = Decimal(tekst.replace(".", "").replace(",", "."))
        except InvalidOperation as exc:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from exc
        return int(bedrag * 100)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise forms.ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"grens": f"€ {euro_tekst(self.min_value)}"},
            )
        if self.max_value is not None and value > self.max_value:
            raise forms.ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"grens": f"€ {euro_tekst(self.max_value)}"},
            )


LEEG_LABEL = "Kies …"
_STREEPJES = "---------"


def _zonder_streepjes(veld: forms.Field) -> None:
    """'Kies …' instead of Django's '---------' as the empty choice."""
    if isinstance(veld, forms.ModelChoiceField):
        if veld.empty_label == _STREEPJES:
            veld.empty_label = LEEG_LABEL
    elif isinstance(veld, forms.ChoiceField):
        choices = list(veld.choices)  # type: ignore[arg-type]
        if any(label == _STREEPJES for _, label in choices):
            veld.choices = [
                (waarde, LEEG_LABEL if label == _STREEPJES else label)
                for waarde, label in choices
            ]


def verplicht_markeren(form: forms.BaseForm) -> None:
    """Mark the required fields with `aria-required` (the template adds a visible
    '(verplicht)'); dates as date inputs that read Dutch typing too; 'Kies …'."""
    for veld in form.fields.values():
        if isinstance(veld, forms.DateField):
            if isinstance(veld.widget, forms.DateInput):
                veld.widget.attrs["type"] = "date"
                veld.widget.format = "%Y-%m-%d"
            veld.input_formats = DATUM_INVOER
            veld.error_messages = veld.error_messages | {"invalid": DATUM_FOUT}
        _zonder_streepjes(veld)
        if veld.required and not veld.disabled:
            veld.widget.attrs["aria-required"] = "true"


class PortaalFormMixin:
    """Forms of the portal: required fields marked, dates as date inputs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        verplicht_markeren(self)
