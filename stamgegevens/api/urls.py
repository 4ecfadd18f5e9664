from rest_framework.routers import DefaultRouter

from stamgegevens.api import views

router = DefaultRouter()
router.register("gemeenten", views.GemeenteViewSet, basename="gemeente")
router.register("aanbieders", views.AanbiederViewSet, basename="aanbieder")
router.register("producten", views.ProductViewSet, basename="product")
router.register("contracten", views.ContractViewSet, basename="contract")
router.register(
    "wijzigingsverzoeken", views.WijzigingsverzoekViewSet, basename="wijzigingsverzoek"
)

urlpatterns = router.urls
