"""Admin views that take an object's id without asking whose the object is, made to ask.

Most of Wagtail's views check the object they are given against the user's rights; a few check only
that the user may use the admin, or only the model permission, which in one admin shared by two
museums lets one museum's staff reach the other's objects by typing their address
(``tests/test_admin_url_matrix.py`` tries every such address). What each one lacked:

- wagtail-localize's "Translate" and "Sync" (``submit_translation`` only): they create or rewrite the
  translations of any page or record. Here the user must be able to edit the source, or be a
  translator (who translates both museums' content).
- wagtail-localize's string editor, PO files and preview of a record's translation (``change``
  permission on the model only), and its snippet API (every record's title).
- Wagtail's explorer (any page below the tree's root, which for a museum's staff is the root of both
  sites), page chooser (any parent), move confirmation (asked only on POST) and workflow
  cancellation notice (not asked): page titles and the state of their moderation.
- Wagtail's admin API for images and documents (every one, in any collection).

The page views are installed as the default page viewset (``wagtail_hooks``), the admin API
endpoints through ``construct_admin_api``, the rest at wagtail-localize's and Wagtail's own
addresses in ``sites.urls``.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.views.pages.move import MoveConfirmView
from wagtail.admin.views.pages.workflow import ConfirmWorkflowCancellationView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail_localize.views import snippets_api, submit_translations

from editorial.review import may_translate
from home.admin_scope import scope_queryset


def explorable(user, page_id):
    return PagePermissionPolicy().explorable_instances(user).filter(pk=page_id).exists()


# --- wagtail-localize ----------------------------------------------------------------------------
class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    def get_object(self):
        page = super().get_object()
        if not may_translate(self.request.user, page):
            raise PermissionDenied
        return page


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    def get_object(self):
        instance = super().get_object()
        if not may_translate(self.request.user, instance):
            raise PermissionDenied
        return instance


class SnippetAPIViewSet(snippets_api.SnippetViewSet):
    def get_queryset(self):
        return scope_queryset(super().get_queryset(), self.request.user)


submit_page_translation = require_admin_access(SubmitPageTranslationView.as_view())
submit_snippet_translation = require_admin_access(SubmitSnippetTranslationView.as_view())
snippet_api_listing = require_admin_access(SnippetAPIViewSet.as_view({"get": "list"}))
snippet_api_detail = require_admin_access(SnippetAPIViewSet.as_view({"get": "retrieve"}))


# --- Wagtail's page views ------------------------------------------------------------------------
class GuardedExplorableIndexView(ExplorableIndexView):
    def get(self, request, parent_page_id=None):
        if parent_page_id and not explorable(request.user, parent_page_id):
            raise PermissionDenied
        return super().get(request, parent_page_id)


class GuardedMoveConfirmView(MoveConfirmView):
    def dispatch(self, request, page_to_move_id, destination_id, *args, **kwargs):
        page = get_object_or_404(Page, pk=page_to_move_id)
        destination = get_object_or_404(Page, pk=destination_id)
        if not page.permissions_for_user(request.user).can_move_to(destination):
            raise PermissionDenied
        return super().dispatch(request, page_to_move_id, destination_id, *args, **kwargs)


class GuardedConfirmWorkflowCancellationView(ConfirmWorkflowCancellationView):
    def dispatch(self, request, *args, **kwargs):
        if not self.object.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GuardedPageViewSet(PageViewSet):
    """Wagtail's default page viewset with the three views above; registered for ``Page``, so every
    page type without a viewset of its own (all of this project's) uses it."""

    index_view_class = GuardedExplorableIndexView
    move_confirm_view_class = GuardedMoveConfirmView
    confirm_workflow_cancellation_view_class = GuardedConfirmWorkflowCancellationView


class GuardedBrowseView(BrowseView):
    def get(self, request, parent_page_id=None):
        if parent_page_id and not explorable(request.user, parent_page_id):
            raise PermissionDenied
        return super().get(request, parent_page_id)


browse_pages = require_admin_access(GuardedBrowseView.as_view())


# --- Wagtail's admin API for media ---------------------------------------------------------------
class MediaInReachMixin:
    """Only what the user may choose or change, as in the media listings and choosers."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        reachable = policy.instances_user_has_any_permission_for(self.request.user, ["choose", "change"])
        return super().get_queryset().filter(pk__in=reachable.values("pk"))


class ImagesAPIViewSet(MediaInReachMixin, ImagesAdminAPIViewSet):
    pass


class DocumentsAPIViewSet(MediaInReachMixin, DocumentsAdminAPIViewSet):
    pass
