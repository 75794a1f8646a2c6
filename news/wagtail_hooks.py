from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet

from home.admin_scope import ScopedSnippetViewSet
from news.models import Topic


class TopicViewSet(ScopedSnippetViewSet):
    """The news topics, kept by both museums' communications editors and translated like partners."""

    model = Topic
    icon = "tag"
    menu_label = _("News topics")
    menu_name = "news-topics"
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    list_per_page = 50


register_snippet(TopicViewSet)
