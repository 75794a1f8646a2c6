"""Translators submit a translation for review; the museum's moderators publish it.

wagtail-localize's translation editor offers "Publish" (which translators may not do) and, for
pages, "Convert to alias page" (which throws the translation away); it has no path into Wagtail's
moderation. This view saves the translation as a draft revision of the translated page or record
and starts its workflow, so the museum's moderators approve or send it back like any edit, and
the translator stays on the translation they were working on.
"""

import contextlib

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.views import convert
from wagtail_localize.views.update_translations import UpdateTranslationsView

from editorial import roles
from editorial.permissions import may_edit
from editorial.translations.po import save_as_draft


@require_POST
def submit_translation_for_review(request, translation_id):
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    instance = translation.get_target_instance()
    if not may_edit(request.user, instance):
        raise PermissionDenied
    # Not save_target(publish=False): on a live translation that writes into what visitors see.
    save_as_draft(translation, user=request.user)
    instance = type(instance).objects.get(pk=instance.pk)
    workflow = instance.get_workflow() if hasattr(instance, "get_workflow") else None
    language = translation.target_locale.get_display_name()
    if workflow is None or not workflow.active:
        messages.warning(request, _("Saved as a draft; no review workflow applies to it."))
    elif instance.workflow_in_progress:
        messages.info(request, _("Saved; the translation is already waiting for review."))
    else:
        workflow.start(instance, request.user)
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted for review.")
            % {"title": instance, "language": language},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "wagtailadmin_home"
    return redirect(back)


# --- wagtail-localize's own ways past moderation, closed for those who may not publish -------------
def may_publish(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    return user.has_perm(get_permission_name("publish", type(instance)))


def may_translate(user, source):
    """Who may send an object to translation or sync its translations: who may edit it, and the
    translators, who translate both museums' content (wagtail-localize asks only for its model
    permission, which every museum's staff hold)."""
    return roles.is_translator(user) or may_edit(user, source)


def update_translations(request, translation_source_id):
    """wagtail-localize's "Sync translated pages" form, for those who may translate its source
    (``may_translate``), whose "Publish immediately" box would let a translator put every language
    live unreviewed: for anyone who may not publish all of them, the sync happens and the box is
    ignored, with a message saying so."""
    view = UpdateTranslationsView.as_view()
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    if not may_translate(request.user, source.get_source_instance()):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("publish_translations"):
        targets = []
        for translation in source.translations.filter(enabled=True):
            with contextlib.suppress(ObjectDoesNotExist):
                targets.append(translation.get_target_instance())
        if not all(may_publish(request.user, target) for target in targets):
            request.POST = request.POST.copy()
            request.POST.pop("publish_translations")
            message = _("The translations were updated as drafts: publishing is for moderators.")
            messages.warning(request, message)
    return view(request, translation_source_id=translation_source_id)


def convert_to_alias(request, page_id):
    """Converting a translation back into an alias of the English page changes what visitors see at
    once; only someone who may publish the page may do it."""
    page = get_object_or_404(Page, pk=page_id)
    if not may_publish(request.user, page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)
