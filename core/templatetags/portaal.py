from django import template

from core.formvelden import euro_tekst
from core.privacy import mask_bsn

register = template.Library()


@register.filter
def euro(cents) -> str:
    """Eurocent as Dutch money: 123456 -> '€ 1.234,56'."""
    if cents is None or cents == "":
        return ""
    tekst = euro_tekst(int(cents))
    return f"-€ {tekst[1:]}" if tekst.startswith("-") else f"€ {tekst}"


@register.filter
def bsn_masked(bsn) -> str:
    """Masked BSN for lists: '*****6782'."""
    return mask_bsn(bsn)
