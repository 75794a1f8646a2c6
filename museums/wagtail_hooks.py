from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from museums.models import Museum


class MuseumViewSet(SnippetViewSet):
    model = Museum
    icon = "home"
    menu_label = _("Museums")
    list_display = ["name", "short_name", "city", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "short_name", "city"]


class MuseumNetworkGroup(SnippetViewSetGroup):
    """The shared records of the network; the partner registry joins this menu later."""

    items = (MuseumViewSet,)
    menu_icon = "site"
    menu_label = _("Museum network")
    menu_name = "museum-network"


register_snippet(MuseumNetworkGroup)
