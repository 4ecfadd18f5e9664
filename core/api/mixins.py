class ScopedQuerysetMixin:
    """A viewset whose rows are always those the user may see (core.scoping)."""

    queryset_base = None

    def get_queryset(self):
        return self.queryset_base.visible_to(self.request.user)
