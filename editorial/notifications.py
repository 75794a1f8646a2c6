"""E-mail to the moderators of the museum an object belongs to when it is submitted for approval.

Wagtail's own notifier for approval tasks writes to the groups a group approval task names; the
museum approval task names none, it asks ``editorial.roles`` whose moderators decide. This sends
Wagtail's own "submitted" message to exactly them (and the network administrators), once.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState

from editorial import roles


class MuseumModeratorsNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def can_handle(self, instance, **kwargs):
        from editorial.models import MuseumApprovalTask

        return isinstance(instance, TaskState) and isinstance(instance.task.specific, MuseumApprovalTask)

    def get_recipient_users(self, task_state, **kwargs):
        codes = roles.museum_codes_of(task_state.workflow_state.content_object)
        recipients = get_user_model().objects.filter(
            Q(groups__museum_role__role=roles.MODERATOR, groups__museum_role__museum_code__in=codes)
            | Q(groups__name=roles.NETWORK_ADMINISTRATORS),
            is_active=True,
        )
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            recipients = recipients.exclude(pk=triggering_user.pk)
        return recipients.distinct()
