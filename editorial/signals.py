"""Grants follow the sites: a site whose museum is chosen, or whose home page gains a language,
gives that museum's groups their rights there at once (editorial.roles.grant_site)."""

from django.apps import apps as global_apps
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from wagtail.models import Site, TaskState
from wagtail.signals import task_submitted

from editorial import roles
from editorial.notifications import MuseumModeratorsNotifier
from home.models import HomePage
from museums.models import MuseumSiteSettings


@receiver(post_save, sender=MuseumSiteSettings)
def museum_chosen_for_site(sender, instance, raw=False, **kwargs):
    if not raw:
        roles.grant_site(instance.site)


@receiver(post_save, sender=HomePage)
def home_page_gained_a_language(sender, instance, created, raw=False, **kwargs):
    # Site roots and their translations are home pages; only a new one can bring a new language.
    if raw or not created:
        return
    for site in Site.objects.filter(root_page__translation_key=instance.translation_key):
        roles.grant_site(site)


def complete_groups(sender, **kwargs):
    """After every migrate: the groups get the permissions Wagtail creates only after migrations
    (snippets' publish and lock), and network administrators every permission there is.

    Django sends post_migrate once per app; the groups are completed once, after the last app's,
    when every app's permissions exist."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module is not None]
    if sender is with_models[-1]:
        roles.ensure_roles(global_apps)


moderators_notifier = MuseumModeratorsNotifier()


def connect():
    post_migrate.connect(complete_groups, dispatch_uid="editorial_complete_groups")
    task_submitted.connect(moderators_notifier, sender=TaskState, dispatch_uid="editorial_museum_moderators")
