from django import template

from core.privacy import mask_bsn

register = template.Library()


@register.filter
def euro(cents) -> str:
    """Eurocent as Dutch money: 123456 -> '€ 1.234,56'."""
    if cents is None or cents == "":
        return ""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    return f"{sign}€ {euros:,}".replace(",", ".") + f",{rest:02d}"


@register.filter
def bsn_masked(bsn) -> str:
    """Masked BSN for lists: '*****6782'."""
    return mask_bsn(bsn)
