"""The view plumbing every app shares: role check, scoped object lookup, and the
filtered, sortable list."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views.generic import ListView

from core import zoeken
from core.lists import SorteerbareLijstMixin


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


class ObjectMixin:
    """Looks `object` up among what the user may see (404 otherwise) before anything else."""

    def vind(self, user, pk):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.vind(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class GefilterdeLijst(RolVereistMixin, ListView):
    """A paginated list whose rows come from a scoped selector and a FilterSet.

    A FilterSet with secret fields (a BSN, core/zoeken.py) is searched by POST: the
    form posts, the list answers with a redirect to a URL without the BSN."""

    filterset_class = None
    selector = None
    paginate_by = 25

    def get_queryset(self):
        data = zoeken.filter_data(self.request, self.filterset_class, self.request.GET)
        self.filterset = self.filterset_class(
            data or None,
            queryset=type(self).selector(user=self.request.user),
            request=self.request,
        )
        return self.filterset.qs

    def post(self, request, *args, **kwargs):
        if not zoeken.geheime_velden(self.filterset_class):
            return self.http_method_not_allowed(request, *args, **kwargs)
        geheim = zoeken.geheime_velden(self.filterset_class)
        query = zoeken.zoek_url(request, geheim, request.POST)
        return redirect(request.path + query)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["filter_post"] = bool(zoeken.geheime_velden(self.filterset_class))
        query = zoeken.zonder_geheim(self.filterset_class, self.request.GET)
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context


class FilteredListView(SorteerbareLijstMixin, GefilterdeLijst):
    """A filtered, paginated list sortable on `?sortering=` (core.lists)."""
