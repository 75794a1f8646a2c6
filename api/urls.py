"""The public API under /api/v2/ (sites.urls), outside the language prefixes: the language is a
parameter (``?locale=``), the site is the requesting host."""

from django.urls import path

from wagtail.api.v2.router import WagtailAPIRouter

from .endpoints import SiteDocumentsEndpoint, SiteImagesEndpoint, SitePagesEndpoint
from .openapi import OpenAPIDocumentView
from .views import EventsEndpoint, PartnersEndpoint

router = WagtailAPIRouter("api")
router.register_endpoint("pages", SitePagesEndpoint)
router.register_endpoint("images", SiteImagesEndpoint)
router.register_endpoint("documents", SiteDocumentsEndpoint)

urlpatterns = [
    path("openapi.json", OpenAPIDocumentView.as_view(), name="api_openapi"),
    path("events/", EventsEndpoint.as_view({"get": "listing_view"}), name="api_events"),
    path("partners/", PartnersEndpoint.as_view({"get": "listing_view"}), name="api_partners"),
    path("", router.urls),
]
