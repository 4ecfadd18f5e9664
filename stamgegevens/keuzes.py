"""The choices of the list filters: only the parties, products and regio's of the
contracts the user may see, so a dropdown never names a party the user has no
contract with (its name or AGB code). Each takes the request, as django-filter's
`queryset=` callables do."""

from django.db.models import Q, QuerySet

from stamgegevens.models import Aanbieder, Contract, Gemeente, Product, Regio


def _contracten(request) -> QuerySet[Contract]:
    return Contract.objects.visible_to(getattr(request, "user", None))


def aanbieders(request) -> QuerySet[Aanbieder]:
    return Aanbieder.objects.filter(
        pk__in=_contracten(request).values("aanbieder")
    ).order_by("naam")


def gemeenten(request) -> QuerySet[Gemeente]:
    contracten = _contracten(request)
    return (
        Gemeente.objects.filter(
            Q(pk__in=contracten.values("gemeente"))
            | Q(regios__in=contracten.values("regio"))
        )
        .distinct()
        .order_by("naam")
    )


def regios(request) -> QuerySet[Regio]:
    return Regio.objects.filter(pk__in=_contracten(request).values("regio")).order_by(
        "naam"
    )


def producten(request) -> QuerySet[Product]:
    return (
        Product.objects.filter(contractproducten__contract__in=_contracten(request))
        .distinct()
        .order_by("categorie", "code")
    )
