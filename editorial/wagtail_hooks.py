"""Wagtail hooks of the editorial app. Each part keeps its hooks in its own module."""

from django.db.models import Q
from django.urls import path

from wagtail import hooks
from wagtail.models import GroupPagePermission

from editorial import review, roles
from editorial.translations import hooks as translation_hooks  # noqa: F401


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_of_ones_own_sites(pages, request):
    """Wagtail's page chooser offers the whole tree; a museum's staff see only the trees they
    hold rights on (their site in every language), as in the explorer and the admin search."""
    user = request.user
    if roles.is_network_admin(user):
        return pages
    roots = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
    )
    reach = Q(pk__in=[])
    for root_path in roots:
        reach |= Q(path__startswith=root_path)
    return pages.filter(reach)


@hooks.register("register_admin_urls")
def translation_review_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-review/",
            review.submit_translation_for_review,
            name="editorial_submit_translation",
        )
    ]
