"""Dates in templates through ``home.dates``, never Django's ``date`` filter: Django's formats for kk
and en would put «2019 ж. 12 наурыз» and "March 12, 2019" on pages whose other dates read otherwise."""

from django import template

from home.dates import format_full_date, format_partial_range

register = template.Library()


@register.filter
def full_date(value):
    return format_full_date(value) if value else ""


@register.simple_tag
def date_range(start, end):
    """Two dates known to the day: ``{% date_range page.application_opens page.application_closes %}``."""
    return format_partial_range(start, "day", end, "day") if start else ""
