from wagtail import hooks

from home import page_cache


@hooks.register("before_serve_page")
def pages_are_cacheable(page, request, serve_args, serve_kwargs):
    """Every page Wagtail serves may be kept by the anonymous page cache; form pages opt out with
    ``never_cache``, and anything personal is never stored (``home.page_cache``)."""
    page_cache.mark_cacheable(request)
