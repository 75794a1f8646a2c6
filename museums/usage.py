"""Which pages use a snippet, from Wagtail's reference index (foreign keys, child rows, StreamField
choosers, rich text links): the same source the admin's "Usage" tab reads."""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page, ReferenceIndex


def pages_using(instance):
    """The pages (in any language) that refer to ``instance``, by title."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return Page.objects.filter(pk__in=[int(page_id) for page_id in page_ids]).order_by("title")
