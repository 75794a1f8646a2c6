"""wagtail-localize's "Translate" made safe for records that are already translated.

Translating a page also submits the snippets it points to (its partners): for each target
language wagtail-localize saves the snippet's translation again from the English source. With
translations starting as drafts (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False``, so a
new translation is never live in English), that re-save turns a published Russian partner into
an unpublished draft carrying English where strings were missing: translating one event took the
partner off every Russian page. Here a related record is only submitted for the languages it has
no translation in yet; an existing translation is kept as its translators left it (it is brought
up to date through its own Sync and review, like any record).

The replacement is installed where wagtail-localize's admin views look the class up
(``wagtail_localize.operations``), from ``EditorialConfig.ready``. So is the question its translation
editor (strings, PO files, preview, machine translation) asks before letting a user change a
translation: for a record it asks only the model permission, which both museums' staff hold, so
here it asks the record's policy (``editorial.permissions.may_edit``), as for a page it asks the
page's permissions.
"""

from wagtail_localize import operations
from wagtail_localize.views import edit_translation

from editorial.permissions import may_edit


class TranslationCreator(operations.TranslationCreator):
    def create_translations(self, instance, include_related_objects=True):
        if include_related_objects:  # the object the editor chose: every chosen language
            return super().create_translations(instance, include_related_objects=True)
        translated = set(
            type(instance)
            ._default_manager.filter(translation_key=instance.translation_key)
            .values_list("locale_id", flat=True)
        )
        chosen = self.target_locales
        self.target_locales = [locale for locale in chosen if locale.pk not in translated]
        try:
            if self.target_locales:
                super().create_translations(instance, include_related_objects=False)
        finally:
            self.target_locales = chosen


def install():
    operations.TranslationCreator = TranslationCreator
    edit_translation.user_can_edit_instance = may_edit
