"""Snippet admin views that ask the model's permission policy about each object, not only the model,
and that start in the language content is written in.

Wagtail's snippet views check model permissions ("may change partners") and then serve any object
by its id; a permission policy's per-object answers are only consulted for deletion and copying.
Two museums' staff share one admin, so a museum's identity record must be out of reach of the
other museum's editors, in the listing, the chooser and at every object URL. These mixins wrap
every view a viewset builds: object views refuse (403) what the policy denies, listings and
choosers show only what it allows. The policies themselves are registered by ``editorial``.

Wagtail opens a translatable snippet's listing and "add" form in the default locale, which follows
``LANGUAGE_CODE`` (Kazakh, for visitors); content is written in English (``SOURCE_LANGUAGE_CODE``)
and translated from there, so these views start in English unless a language is chosen.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied

from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

# Any of these lets a user open an object; what they may then do is checked by Wagtail itself.
OPEN_ACTIONS = ["add", "change", "delete", "publish", "view"]


def scope_queryset(queryset, user):
    policy = policy_registry.get_by_type(queryset.model)
    allowed = policy.instances_user_has_any_permission_for(user, OPEN_ACTIONS)
    return queryset.filter(pk__in=allowed.values("pk"))


class ObjectScopeMixin:
    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is None:  # the "add" views have no object yet
            return obj
        policy = policy_registry.get_by_type(type(obj))
        if not policy.user_has_any_permission_for_instance(self.request.user, OPEN_ACTIONS, obj):
            raise PermissionDenied
        return obj

    def get_base_queryset(self):
        return scope_queryset(super().get_base_queryset(), self.request.user)


class SourceLocaleMixin:
    def get_locale(self):
        locale = super().get_locale()
        chosen = self.request.GET.get("locale") or getattr(getattr(self, "object", None), "pk", None)
        if locale is None or chosen:
            return locale
        return Locale.objects.filter(language_code=settings.SOURCE_LANGUAGE_CODE).first() or locale


class ChooserScopeMixin:
    def get_object_list(self):
        return scope_queryset(super().get_object_list(), self.request.user)

    def get_object(self, pk):  # the "chosen" view, which would otherwise answer for any id
        return scope_queryset(self.model_class.objects.all(), self.request.user).get(pk=pk)


def _wrap(mixin, view_class):
    if issubclass(view_class, mixin):
        return view_class
    return type(view_class.__name__, (mixin, view_class), {})


class ScopedSnippetChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_wrap(ChooserScopeMixin, view_class), **kwargs)


class ScopedSnippetViewSet(SnippetViewSet):
    """A SnippetViewSet whose every view and chooser respects per-object permissions."""

    chooser_viewset_class = ScopedSnippetChooserViewSet

    def construct_view(self, view_class, **kwargs):
        view_class = _wrap(ObjectScopeMixin, view_class)
        if hasattr(view_class, "get_locale"):
            view_class = _wrap(SourceLocaleMixin, view_class)
        return super().construct_view(view_class, **kwargs)
