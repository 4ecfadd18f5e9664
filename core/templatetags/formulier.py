"""Template tags of the forms (templates/includes/_formulier.html): errors in plain
Dutch with the rule id as a small reference after the text, and fields that name
their error and help text for screen readers."""

import re

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

# R-T4, R-D9, TR061, CS335, CD077, OP033x1: a rule id in brackets.
REGEL = re.compile(r"\s*\(((?:R-[A-Z]+\d+\w*)|(?:[A-Z]{2,3}\d{3}\w*))\)")


@register.filter
def regelverwijzing(melding) -> str:
    """'(R-T4) Geef een omvang.' and 'Geef een omvang (R-T4).' both become the text
    first, then the rule id small: 'Geef een omvang. <small>(R-T4)</small>'."""
    tekst = str(melding)
    regels = list(dict.fromkeys(REGEL.findall(tekst)))
    if not regels:
        return escape(tekst)
    kaal = re.sub(r"\s+([.,;:])", r"\1", REGEL.sub("", tekst)).strip()
    verwijzing = format_html_join(
        " ", '<small class="regelverwijzing">({})</small>', ((r,) for r in regels)
    )
    return format_html("{} {}", kaal, verwijzing)


@register.filter
def aantal_fouten(form) -> int:
    return len(form.non_field_errors()) + sum(
        len(field.errors) for field in form if field.errors
    )


@register.simple_tag
def veld_met_beschrijving(field) -> str:
    """The field's widget with aria-describedby (its errors and help text) and
    aria-invalid when it has an error."""
    beschreven = [f"{field.auto_id}_fout{n}" for n in range(1, len(field.errors) + 1)]
    if field.help_text:
        beschreven.append(f"{field.auto_id}_hulp")
    attrs = {}
    if beschreven:
        attrs["aria-describedby"] = " ".join(beschreven)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return mark_safe(field.as_widget(attrs=attrs))  # noqa: S308 - Django renders the widget escaped
