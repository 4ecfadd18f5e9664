"""The form renderer: Django's, with <select> written in Python.

Django renders a <select> through two template includes per option (the option
and its attributes). A gemeente's filter with 200 aanbieders is some 450 includes,
about 12 ms per list page. `Weergave` writes the same bytes directly for the
common case (Django's own select and option templates, text labels) and leaves
everything else to the templates. tests/core/test_formweergave.py holds the two
side by side.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _waarde(waarde) -> str:
    """`{{ waarde|stringformat:'s' }}` with autoescape."""
    tekst = "%s" % (str(waarde) if isinstance(waarde, tuple) else waarde)  # noqa: UP031
    return tekst if isinstance(waarde, SafeData) else escape(tekst)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {escape(naam)}" if waarde is True else f' {escape(naam)}="{_waarde(waarde)}"'
        for naam, waarde in attrs.items()
        if waarde is not False
    )


def _tekst(waarde) -> str:
    """`{{ waarde }}` for a text (other values go through the template)."""
    return str(waarde) if isinstance(waarde, SafeData) else escape(str(waarde))


def _eenvoudig(widget: dict) -> bool:
    """Whether the select only holds what `_select` writes: Django's option
    template, text labels and group names."""
    return all(
        (not groep or isinstance(groep, (str, Promise)))
        and all(
            o["template_name"] == OPTION and isinstance(o["label"], (str, Promise))
            for o in opties
        )
        for groep, opties, _ in widget["optgroups"]
    )


def _select(widget: dict) -> str:
    """django/forms/widgets/select.html and select_option.html, stripped as the
    renderer strips them."""
    delen = [f'<select name="{_tekst(widget["name"])}"{_attrs(widget["attrs"])}>']
    for groep, opties, _ in widget["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{_tekst(groep)}">')
        for optie in opties:
            delen.append(
                f'\n  <option value="{_waarde(optie["value"])}"'
                f"{_attrs(optie['attrs'])}>{_tekst(optie['label'])}</option>\n"
            )
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>")
    return "".join(delen)


class Weergave(DjangoTemplates):
    """FORM_RENDERER: Django's templates, a plain <select> written directly."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if (
            template_name == SELECT
            and isinstance(widget, dict)
            and isinstance(widget.get("name"), str)
            and _eenvoudig(widget)
        ):
            return mark_safe(_select(widget))  # noqa: S308 - every part escaped above
        return super().render(template_name, context, request)
