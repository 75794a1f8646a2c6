"""Per-museum permission policies for the records the museums share an admin for.

Model permissions say what a role may do with a kind of record (editors change museum
identities); these policies add whose records: a museum's editors and moderators reach their own
museum's identity and agreements and every partner (shared by design), translators reach only
the records' translations (never the English source), network administrators reach everything.
``home.admin_scope`` makes every snippet view and chooser ask them.
"""

from django.conf import settings
from django.db.models import Q

from wagtail.permission_policies import ModelPermissionPolicy

from editorial import roles


class MuseumScopedPolicy(ModelPermissionPolicy):
    """``museum_lookup`` is the path from the model to ``Museum.code``; None for shared records."""

    def __init__(self, model, museum_lookup=None):
        super().__init__(model)
        self.museum_lookup = museum_lookup

    def scope_q(self, user):
        """The records the user's roles reach, as a condition on the model."""
        if roles.is_network_admin(user):
            return Q()
        codes = roles.museum_codes_of_user(user)
        reach = Q(pk__in=[])
        if codes:
            reach |= Q(**{f"{self.museum_lookup}__in": codes}) if self.museum_lookup else ~Q(pk__in=[])
        if roles.is_translator(user):
            reach |= ~Q(locale__language_code=settings.SOURCE_LANGUAGE_CODE)
        return reach

    def reaches(self, user, instance):
        if roles.is_network_admin(user):
            return True
        if roles.museum_codes_of(instance) & roles.museum_codes_of_user(user):
            return True
        return roles.is_translator(user) and not roles.is_source_language(instance)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.reaches(user, instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.reaches(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return super().instances_user_has_any_permission_for(user, actions).filter(self.scope_q(user))


def may_edit(user, instance):
    """May the user edit this page or record: the page's permissions, or the record's policy (for
    the registered models, whose records, not only whether the model permission is held)."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    policy = policy_registry.get_by_type(type(instance))
    return policy.user_has_permission_for_instance(user, "change", instance)


def register():
    """Called from EditorialConfig.ready(), before the snippet viewsets register (they would
    otherwise create a plain model policy of their own)."""
    from wagtail.permissions import register_permission_policy

    from museums import models as museum_models

    register_permission_policy(museum_models.Museum, MuseumScopedPolicy(museum_models.Museum, "code"))
    register_permission_policy(museum_models.Partner, MuseumScopedPolicy(museum_models.Partner))
    from news.models import Topic

    register_permission_policy(Topic, MuseumScopedPolicy(Topic))  # shared by both museums, like partners
    agreement = getattr(museum_models, "Agreement", None)
    if agreement is not None:
        register_permission_policy(agreement, MuseumScopedPolicy(agreement, "museum__code"))
