"""Pages anyone may read, logged in or not: help and the accessibility statement."""

from django.views.generic import TemplateView


class HulpView(TemplateView):
    """Help: where to find what, and the API documentation (no longer in the main menu)."""

    template_name = "core/hulp.html"


class ToegankelijkheidView(TemplateView):
    """The accessibility statement (Besluit digitale toegankelijkheid overheid)."""

    template_name = "core/toegankelijkheid.html"
