"""News tags become translatable topics.

Each taggit tag used by a news item becomes one topic group (one translation key): a live record in
the source language (English), which every language falls back to, and, for each other language
whose news used the tag, a draft record there with the tag's words, waiting for its translator. The
draft is what a translated item's row points to, as wagtail-localize would have it; until it is
translated and published, visitors see the English name marked lang="en". Slugs are the tags' own,
so links from before (``?tag=<slug>``, read as ``?topic=``) keep working.

A news item's rows in different languages share a translation key per tag, so wagtail-localize
recognises them as translations of each other on the next sync.
"""

import uuid

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def tags_to_topics(apps, schema_editor):
    NewsPageTag = apps.get_model("news", "NewsPageTag")
    NewsPageTopic = apps.get_model("news", "NewsPageTopic")
    Topic = apps.get_model("news", "Topic")
    Locale = apps.get_model("wagtailcore", "Locale")

    tagged = list(
        NewsPageTag.objects.select_related("tag", "content_object").order_by("content_object_id", "pk")
    )
    if not tagged:
        return
    source = Locale.objects.filter(language_code=settings.SOURCE_LANGUAGE_CODE).first()
    now = timezone.now()
    group_keys, topics, row_keys, positions = {}, {}, {}, {}

    def topic(tag, locale_id):
        found = topics.get((tag.pk, locale_id))
        if found is None:
            live = source is None or locale_id == source.pk
            found = topics[(tag.pk, locale_id)] = Topic.objects.create(
                translation_key=group_keys.setdefault(tag.pk, uuid.uuid4()),
                locale_id=locale_id,
                name=tag.name[:100],
                slug=tag.slug[:100],
                live=live,
                has_unpublished_changes=not live,
                first_published_at=now if live else None,
                last_published_at=now if live else None,
            )
        return found

    for item in tagged:
        page = item.content_object
        if source is not None:
            topic(item.tag, source.pk)
        position = positions.get(page.pk, 0)
        positions[page.pk] = position + 1
        NewsPageTopic.objects.create(
            page_id=page.pk,
            topic=topic(item.tag, page.locale_id),
            locale_id=page.locale_id,
            translation_key=row_keys.setdefault((page.translation_key, item.tag_id), uuid.uuid4()),
            sort_order=position,
        )


def topics_to_tags(apps, schema_editor):
    """Back to tags, named as in the source language; the topics and their rows go."""
    NewsPageTag = apps.get_model("news", "NewsPageTag")
    NewsPageTopic = apps.get_model("news", "NewsPageTopic")
    Topic = apps.get_model("news", "Topic")
    Tag = apps.get_model("taggit", "Tag")

    names = dict(
        Topic.objects.filter(locale__language_code=settings.SOURCE_LANGUAGE_CODE).values_list(
            "translation_key", "name"
        )
    )
    for row in NewsPageTopic.objects.select_related("topic").order_by("page_id", "sort_order", "pk"):
        name = names.get(row.topic.translation_key, row.topic.name)
        tag = (
            Tag.objects.filter(slug=row.topic.slug).first()
            or Tag.objects.filter(name=name).first()
            or Tag.objects.create(name=name, slug=row.topic.slug)
        )
        NewsPageTag.objects.get_or_create(content_object_id=row.page_id, tag=tag)
    NewsPageTopic.objects.all().delete()
    Topic.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0004_topics"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(tags_to_topics, topics_to_tags)]
