from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Task, TaskState

from editorial import roles


class MuseumRole(models.TextChoices):
    EDITOR = "editor", _("Editors")
    MODERATOR = "moderator", _("Moderators")


class MuseumGroup(models.Model):
    """Which museum a group of staff works for, and in what role.

    Groups are Django's; this says that "NMRK editors" work on the museum whose ``Museum.code`` is
    ``nmrk``. Permission policies, the approval task and the grants on each site's home pages
    and collection all read it, so a museum's staff are defined in one place (``editorial.roles``).
    """

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="museum_role")
    museum_code = models.SlugField(_("museum code"), max_length=20)
    role = models.CharField(_("role"), max_length=10, choices=MuseumRole.choices)

    class Meta:
        verbose_name = _("museum group")
        verbose_name_plural = _("museum groups")
        constraints = [
            models.UniqueConstraint(fields=["museum_code", "role"], name="one_group_per_museum_role")
        ]

    def __str__(self):
        return f"{self.group.name} ({self.museum_code})"


class MuseumApprovalTask(Task):
    """A moderation step approved by the moderators of the museum the object belongs to.

    Wagtail's group approval task names fixed groups, so one task would let CSM RK's moderators
    approve NMRK's pages, or need a workflow per museum, which snippets cannot have (a snippet
    model has one workflow). This task asks ``editorial.roles`` whose the object is: a page
    belongs to its site's museum, a museum identity and an agreement to their museum, a shared
    partner to every museum. Network administrators and superusers may always act.
    """

    def user_moderates(self, obj, user):
        return roles.user_moderates(user, obj)

    def user_can_access_editor(self, obj, user):
        return self.user_moderates(obj, user)

    def locked_for_user(self, obj, user):
        return not self.user_moderates(obj, user)

    def user_can_lock(self, obj, user):
        return self.user_moderates(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.user_moderates(obj, user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve"), False),
            ("approve", _("Approve with comment"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS).select_related("workflow_state")
        # The dashboard asks this on every load: the sites' museums are read once, not per page.
        codes_by_site = roles.museum_codes_by_site()
        allowed = [
            state.pk
            for state in states
            if roles.user_moderates(user, state.workflow_state.content_object, codes_by_site)
        ]
        return TaskState.objects.filter(pk__in=allowed)

    @classmethod
    def get_description(cls):
        return _("The moderators of the museum the page or record belongs to approve this step")

    class Meta:
        verbose_name = _("museum moderators' approval")
        verbose_name_plural = _("museum moderators' approvals")
