"""Finding the page a request is for in two queries, whatever its depth.

Wagtail looks the site up by host name on every request, then the home page in the active language
(two queries and its specific object), then walks down the tree with two queries per level (the
child by slug, then its specific object): ten queries before a news article is rendered. Here:

- the site and its home page in each language come from the shared cache (``home.site_cache``,
  renewed with the site's token when a site, a home page or a section changes), set on the request
  where Wagtail looks for them (``request._wagtail_site``, ``request._wagtail_route_for_request``);
- :func:`route` finds every page along the path in one query by ``url_path`` and asks the deepest
  for its specific object, keeping Wagtail's rules: a routable page's own routes win over its
  children, and only the page finally served must be live.

Written here because Wagtail has no setting for it; both request attributes are the ones Wagtail's
``Site.find_for_request`` and ``Page.route_for_request`` document as their per-request cache.
"""

from django.http import Http404
from django.http.request import split_domain_port

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, Site

from home.site_cache import site_cached


def route(home, request, path_components):
    """What ``home.route(request, path_components)`` returns, in two queries (see the module)."""
    prefixes = [
        home.url_path + "".join(f"{component}/" for component in path_components[:depth])
        for depth in range(1, len(path_components) + 1)
    ]
    pages = Page.objects.filter(url_path__in=prefixes, path__startswith=home.path, depth__gt=home.depth)
    chain = list(pages.order_by("depth"))
    # Only an unbroken line of pages from the home page down counts (url_path is unique per tree).
    found = []
    for expected_depth, page in enumerate(chain, start=home.depth + 1):
        if page.depth != expected_depth:
            break
        found.append(page)
    if not found:
        raise Http404
    for level, page in enumerate(found, start=1):
        model = page.specific_class
        if model is not None and issubclass(model, RoutablePageMixin) and page.live and level < len(found):
            remaining = path_components[level:]
            subpath = "/" + "".join(f"{component}/" for component in remaining)
            try:
                model.get_resolver().resolve(subpath)
            except Http404:
                continue
            # The routable page's own route wins over its child, as in Wagtail's walk.
            return page.specific.route(request, remaining)
    deepest = found[-1]
    if len(found) > 1:
        deepest._cached_parent_obj = found[-2]
    return deepest.specific.route(request, path_components[len(found) :])


class CachedRouteMiddleware:
    """For a page, puts the request's site and route where Wagtail looks for them first. Other views
    (the admin, the health check, files) are left alone: they may run without a database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from wagtail import views as wagtail_views  # loads models: not at this module's import

        if view_func is not wagtail_views.serve:
            return None
        site = cached_site(request)
        if site is not None:
            root = site_cached(request, f"wagtail-root:{site.pk}", lambda: site.root_page.localized.specific)
            path = view_kwargs.get("path", view_args[0] if view_args else "")
            components = [component for component in path.split("/") if component]
            try:
                request._wagtail_route_for_request = root.route(request, components)
            except Http404:
                request._wagtail_route_for_request = None
        return None


def cached_site(request):
    """``Site.find_for_request(request)`` from the shared cache, set where Wagtail looks for it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    try:
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
    except Exception:
        return Site.find_for_request(request)
    site = site_cached(request, f"wagtail-site:{hostname}:{port}", lambda: find_site(request))
    request._wagtail_site = site
    return site


def find_site(request):
    site = Site.find_for_request(request)
    if site is not None:
        site.root_page  # noqa: B018  (kept with the site in the cache)
    return site
