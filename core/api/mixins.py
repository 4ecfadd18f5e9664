from rest_framework.exceptions import MethodNotAllowed


class ScopedQuerysetMixin:
    """A viewset whose rows are always those the user may see (core.scoping): from
    the app's scoped selector (`selector`, called with `user=`) or, for a plain
    model, from its manager's `visible_to` (`queryset_base`)."""

    queryset_base = None
    selector = None

    def get_queryset(self):
        if self.selector is not None:
            return type(self).selector(user=self.request.user)
        return self.queryset_base.visible_to(self.request.user)


class AlleenLezenMixin:
    """Read-only for every role: writing is 405 (not offered), not 403 (not yours).

    HeeftRol runs before the method is looked up and refuses writes without a
    role; a logged-in user is told the method does not exist instead. Anonymous
    users are still refused by HeeftRol.
    """

    def check_permissions(self, request):
        method = request.method.lower()
        if request.user.is_authenticated and not hasattr(self, method):
            raise MethodNotAllowed(request.method)
        super().check_permissions(request)
