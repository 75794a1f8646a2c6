"""What a template tells the page cache (``home.page_cache``)."""

from django import template

from home import page_cache

register = template.Library()


@register.simple_tag(takes_context=True)
def valid_until(context, moment):
    """``{% valid_until when %}``: what this template shows turns at ``when`` (a datetime), so the
    page must not be served from a cache after it. Renders nothing."""
    page_cache.valid_until(context.get("request"), moment)
    return ""
