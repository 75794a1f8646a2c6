"""Admin hooks of the translation tools (dashboard, PO files); imported by editorial.wagtail_hooks."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial.translations import views


class TranslationStatusMenuItem(MenuItem):
    """Shown only to those the dashboard lets in (``views.PERMISSION``)."""

    def is_shown(self, request):
        return views.user_may_translate(request.user)


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    urls = [
        path("", views.DashboardView.as_view(), name="dashboard"),
        path("<int:site_id>/<str:language>/", views.SiteLanguageView.as_view(), name="site"),
        path("<int:site_id>/<str:language>/export/", views.export_view, name="export"),
    ]
    return [path("translation-status/", include((urls, "editorial_translations")))]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("editorial_translations:dashboard"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=450,
    )
