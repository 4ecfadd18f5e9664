"""The installation's theme (huisstijl): a token file and a logo, chosen by PORTAAL_THEMA.

A theme is `static/themes/<naam>.css` (NL Design System design tokens, see
docs/interface.md) and `static/themes/<naam>.svg` (the logo). No template changes.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

STANDAARD = "neutraal"
_NAAM = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def thema_naam() -> str:
    """The configured theme; ImproperlyConfigured when its files are missing."""
    return _gecontroleerd(getattr(settings, "PORTAAL_THEMA", "") or STANDAARD)


@lru_cache(maxsize=8)
def _gecontroleerd(naam: str) -> str:
    if not _NAAM.match(naam):
        raise ImproperlyConfigured(f"PORTAAL_THEMA {naam!r}: use a-z, 0-9 and '-'.")
    for bestand in (f"themes/{naam}.css", f"themes/{naam}.svg"):
        if not finders.find(bestand):
            raise ImproperlyConfigured(
                f"PORTAAL_THEMA {naam!r}: static/{bestand} does not exist."
            )
    return naam


def thema(request):
    """Context processor: the theme's style sheet and logo for templates/base.html."""
    naam = thema_naam()
    return {
        "thema": {
            "naam": naam,
            "css": f"themes/{naam}.css",
            "logo": f"themes/{naam}.svg",
        }
    }
