from rest_framework.routers import SimpleRouter

from toewijzingen.api import views

# SimpleRouter: the API root view comes from stamgegevens.api.urls.
router = SimpleRouter()
router.register("clienten", views.ClientViewSet, basename="client")
router.register("toewijzingen", views.ToewijzingViewSet, basename="toewijzing")
router.register("leveringen", views.LeveringViewSet, basename="levering")
router.register("verzoeken", views.VerzoekViewSet, basename="verzoek")

urlpatterns = router.urls
