from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from editorial import guards, review
from home import health, root_files, security, sitemaps
from home import views as home_views

# The admin and document downloads are language-neutral; every public page carries a language prefix.
# Some of Wagtail's and wagtail-localize's views are replaced by guarded versions at the same
# addresses, listed first so that they win: throttled password reset (home.security), translators
# kept from publishing through wagtail-localize's sync and convert views (editorial.review), and views
# that serve any object by its id made to ask whose it is (editorial.guards).
urlpatterns = [
    path("django-admin/", admin.site.urls),
    path(
        "admin/password_reset/",
        security.ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(review.update_translations),
        name="editorial_update_translations",
    ),
    path("admin/localize/page/<int:page_id>/convert_to_alias/", review.convert_to_alias),
    path("admin/localize/submit/page/<int:page_id>/", guards.submit_page_translation),
    path(
        "admin/localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        guards.submit_snippet_translation,
    ),
    path("admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/", guards.snippet_api_listing),
    path(
        "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/",
        guards.snippet_api_detail,
    ),
    path("admin/choose-page/<int:parent_page_id>/", guards.browse_pages),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", include("api.urls")),
    path("", home_views.choose_language, name="choose_language"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.SERVE_MEDIA and settings.MEDIA_STORAGE == "filesystem":
    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", security.serve_media, name="media"),
    ]

# For programs rather than people, language-neutral, each answering for the requesting site.
urlpatterns += [
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap-section"),
    path("robots.txt", root_files.robots_txt, name="robots_txt"),
    path("favicon.ico", root_files.favicon, name="favicon"),
    path("health/", health.health, name="health"),
]

urlpatterns += i18n_patterns(
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        security.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("search/", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Errors in the visitor's language and the site's look. A 404 is Django's own view with
# templates/404.html (the full page: header, menu, footer); a 500 renders without a database query,
# since the database may be what failed (home.views.server_error).
handler500 = "home.views.server_error"
