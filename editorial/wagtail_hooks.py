"""Wagtail hooks of the editorial app. Each part keeps its hooks in its own module."""

from django.db.models import Q
from django.urls import path

from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import GroupPagePermission, Page

from editorial import guards, review, roles
from editorial.translations import hooks as translation_hooks  # noqa: F401


def own_tree_roots(user):
    """The pages a user's groups hold rights on: their site's home page in each language."""
    return set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True).distinct()
    )


class OwnPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count, counting only the sites the user works on: Wagtail counts the whole
    tree below the closest common ancestor, which for a museum's staff is the root of both museums."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        reach = Q(pk__in=[])
        for root_path in own_tree_roots(self.request.user):
            reach |= Q(path__startswith=root_path)
        context["total_pages"] = Page.objects.filter(reach).count()
        return context


@hooks.register("construct_homepage_summary_items")
def count_only_ones_own_pages(request, summary_items):
    if roles.is_network_admin(request.user):
        return
    summary_items[:] = [
        OwnPagesSummaryItem(request) if isinstance(item, PagesSummaryItem) else item for item in summary_items
    ]


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_of_ones_own_sites(pages, request):
    """Wagtail's page chooser offers the whole tree; a museum's staff see only the trees they
    hold rights on (their site in every language), as in the explorer and the admin search."""
    user = request.user
    if roles.is_network_admin(user):
        return pages
    reach = Q(pk__in=[])
    for root_path in own_tree_roots(user):
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


@hooks.register("register_admin_viewset")
def guarded_page_views():
    """After Wagtail's own default page viewset (order -1), so that this one is the default."""
    return guards.GuardedPageViewSet()


@hooks.register("construct_admin_api", order=1)
def media_in_reach_in_the_admin_api(router):
    """After wagtail.images' and wagtail.documents' hooks, whose endpoints these replace."""
    router.register_endpoint("images", guards.ImagesAPIViewSet)
    router.register_endpoint("documents", guards.DocumentsAPIViewSet)
