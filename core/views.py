from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied


class RolVereistMixin(LoginRequiredMixin):
    """Server-rendered views: log in, and hold one of `vereiste_rollen` (all when empty)."""

    vereiste_rollen: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.vereiste_rollen and request.user.rol not in self.vereiste_rollen:
            raise PermissionDenied("Uw rol geeft geen toegang tot deze pagina.")
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin:
    """Detail views look objects up only among what the user may see (404 otherwise)."""

    model = None

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)
