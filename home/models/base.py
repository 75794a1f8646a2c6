from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField


class BasePage(Page):
    """What every public page type of the project shares.

    Slugs are synchronised, not translated: a page keeps one slug in all three languages, so switching
    language only swaps the ``/kk/``, ``/ru/``, ``/en/`` prefix, translators never have to invent
    Cyrillic slugs, and links shared in one language stay guessable in the others.
    """

    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        abstract = True
