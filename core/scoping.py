"""The one place that decides which rows a user may see.

Every model that belongs to a party uses `ScopedQuerySet` and says, in two
class methods, how its rows relate to a gemeente and to an aanbieder:

    @classmethod
    def scope_gemeente(cls, gemeente_id) -> Q: ...
    @classmethod
    def scope_aanbieder(cls, aanbieder_id) -> Q: ...

Views, API endpoints and selectors only ever start from
`Model.objects.visible_to(user)`; a beheerder sees everything, anyone
else without a party sees nothing.
"""

from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from core.constants import Rol


def scope_q(model: type[models.Model], user) -> Q | None:
    """The filter for `user` on `model`; None means: no restriction."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.rol == Rol.BEHEERDER:
        return None
    partijmodel: Any = model  # declares scope_gemeente / scope_aanbieder (see above)
    if user.rol == Rol.GEMEENTE and user.gemeente_id:
        return partijmodel.scope_gemeente(user.gemeente_id)
    if user.rol == Rol.AANBIEDER and user.aanbieder_id:
        return partijmodel.scope_aanbieder(user.aanbieder_id)
    return Q(pk__in=[])


def _kan_verdubbelen(model: type[models.Model], condition: Q) -> bool:
    """Whether filtering on `condition` joins a to-many relation (and so could
    return a row more than once)."""
    for child in condition.children:
        if isinstance(child, Q):
            if _kan_verdubbelen(model, child):
                return True
            continue
        huidig: Any = model
        lookup, _waarde = cast(tuple[str, Any], child)
        for deel in lookup.split("__"):
            try:
                veld = huidig._meta.get_field(deel)
            except FieldDoesNotExist:
                break  # "pk" or a lookup such as "in"
            if veld.one_to_many or veld.many_to_many:
                return True
            if not veld.is_relation:
                break
            huidig = veld.related_model
    return False


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ScopedQuerySet":
        condition = scope_q(self.model, user)
        if condition is None:
            return self
        if not _kan_verdubbelen(self.model, condition):
            # Columns of the row or of its forward relations: filter directly,
            # so the database can use the indexes that lead with them.
            return self.filter(condition)
        # A subquery on pk keeps joins through to-many relations from
        # duplicating rows.
        return self.filter(
            pk__in=self.model._base_manager.filter(condition).values("pk")
        )


def can_see(user, obj: models.Model) -> bool:
    model: Any = type(obj)
    return model.objects.visible_to(user).filter(pk=obj.pk).exists()
