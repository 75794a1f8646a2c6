"""The admin screens editors and translators use, grouped as they meet them, and the content they show."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from PIL import Image as PILImage

from home.models import HomePage, StandardPage
from museums.models import Museum
from submissions.models import ContactFormPage, FormField, Submission

from .catalogue import LANGUAGE

# --- The content the screens show ----------------------------------------------------------------


@dataclass
class Content:
    """What the screens are rendered with: one of each thing an editor meets."""

    user: object
    home: Page
    page: Page
    translated_page: Page
    museum: object
    translated_museum: object
    image: object
    document: object
    workflow: Workflow
    task: Task
    task_state: TaskState
    source: TranslationSource
    page_translation: Translation
    form_page: Page


def _png() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), (200, 160, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def create_content(username: str = "coverage-editor") -> Content:
    """A small museum in the current database: pages, a snippet, an image, a document, a page in
    moderation and translations in progress, edited by a superuser who prefers Kazakh."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("kk", "ru", "en")}
    user = get_user_model().objects.create_superuser(username, f"{username}@museum.example", "unused")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = LANGUAGE
    profile.save()

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Coverage museum", slug="coverage-museum", locale=locales["en"])
    )
    home.save_revision(user=user).publish()
    page = home.add_child(
        instance=StandardPage(title="About the museum", slug="about", intro="History.", locale=locales["en"])
    )
    page.save_revision(user=user).publish()
    page.save_revision(user=user)  # a draft over the live version, as editors leave them
    page.locked, page.locked_by, page.locked_at = True, user, timezone.now()
    page.save(update_fields=["locked", "locked_by", "locked_at"])

    museum = Museum.objects.create(
        code="coverage",
        name="Coverage museum",
        short_name="CM",
        city="Astana",
        address="1 Museum street",
        locale=locales["en"],
        live=True,
    )
    museum.save_revision(user=user)

    image = get_image_model().objects.create(
        title="Golden Man", file=ImageFile(io.BytesIO(_png()), name="golden-man.png"), uploaded_by_user=user
    )
    document = get_document_model().objects.create(
        title="Agreement",
        file=ContentFile(b"Agreement on cooperation.\n", name="agreement.txt"),
        uploaded_by_user=user,
    )

    # A workflow of its own, so the measure does not depend on Wagtail's default one surviving.
    task = GroupApprovalTask.objects.create(name="Curator review")
    workflow = Workflow.objects.create(name="Museum review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    WorkflowContentType.objects.get_or_create(
        content_type=Page.objects.get(pk=page.pk).cached_content_type, defaults={"workflow": workflow}
    )
    workflow_state = workflow.start(page, user)
    task_state = workflow_state.current_task_state

    creator = TranslationCreator(user, [locales["kk"]])
    creator.create_translations(home)
    creator.create_translations(page)
    creator.create_translations(museum)
    translated_page = page.get_translation(locales["kk"])
    translated_museum = museum.get_translation(locales["kk"])
    source = TranslationSource.objects.get_for_instance(page)
    page_translation = Translation.objects.get(source=source, target_locale=locales["kk"])

    form_page = ContactFormPage(title="Contact us", slug="contact", locale=locales["en"])
    form_page.form_fields.add(FormField(label="Your name", field_type="singleline", required=True))
    home.add_child(instance=form_page)
    form_page.save_revision(user=user).publish()
    Submission.objects.create(page=form_page, form_data={"your_name": "Aigerim"})

    return Content(
        form_page=form_page,
        user=user,
        home=home,
        page=page,
        translated_page=translated_page,
        museum=museum,
        translated_museum=translated_museum,
        image=image,
        document=document,
        workflow=workflow,
        task=task,
        task_state=task_state,
        source=source,
        page_translation=page_translation,
    )


# --- The screens, grouped as editors meet them ---------------------------------------------------


def _snippet(content: Content, action: str = "list", obj=None) -> str:
    meta = type(content.museum)._meta
    base = f"/admin/snippets/{meta.app_label}/{meta.model_name}/"
    if action == "list":
        return base
    if action == "choose":
        return f"/admin/snippets/choose/{meta.app_label}/{meta.model_name}/"
    return f"{base}{action}/{(obj or content.museum).pk}/"


@dataclass
class ScreenGroup:
    """Screens rendered with the test client: ``urls`` returns the paths to GET."""

    name: str
    urls: Callable[[Content], list[str]]
    anonymous: bool = False


SCREEN_GROUPS = (
    ScreenGroup(
        "Main menu and dashboard",
        lambda c: ["/admin/"],
    ),
    ScreenGroup(
        "Page explorer",
        lambda c: [
            "/admin/pages/",
            f"/admin/pages/{c.home.pk}/",
            "/admin/pages/search/?q=museum",
            f"/admin/pages/{c.home.pk}/add_subpage/",
            f"/admin/pages/{c.page.pk}/history/",
            f"/admin/pages/{c.page.pk}/move/",
            f"/admin/pages/{c.page.pk}/copy/",
            f"/admin/pages/{c.page.pk}/delete/",
            f"/admin/pages/{c.page.pk}/unpublish/",
            f"/admin/pages/{c.page.pk}/usage/",
            f"/admin/pages/{c.page.pk}/privacy/",
            f"/admin/bulk/wagtailcore/page/publish/?id={c.page.pk}&next=/admin/pages/{c.home.pk}/",
            f"/admin/bulk/wagtailcore/page/unpublish/?id={c.page.pk}&next=/admin/pages/{c.home.pk}/",
            f"/admin/bulk/wagtailcore/page/delete/?id={c.page.pk}&next=/admin/pages/{c.home.pk}/",
            f"/admin/bulk/wagtailcore/page/move/?id={c.page.pk}&next=/admin/pages/{c.home.pk}/",
            "/admin/choose-page/",
            f"/admin/choose-page/{c.home.pk}/",
            "/admin/choose-page/search/?q=museum",
        ],
    ),
    ScreenGroup(
        "Page editor",
        lambda c: [
            f"/admin/pages/{c.page.pk}/edit/",
            f"/admin/pages/{c.home.pk}/edit/",
            f"/admin/pages/add/home/standardpage/{c.home.pk}/",
            f"/admin/pages/{c.page.pk}/revisions/{c.page.latest_revision_id}/view/",
            f"/admin/pages/{c.page.pk}/revisions/compare/live...{c.page.latest_revision_id}/",
            "/admin/choose-external-link/",
            "/admin/choose-email-link/",
            "/admin/choose-phone-link/",
            "/admin/choose-anchor-link/",
            "/admin/embeds/chooser/",
        ],
    ),
    ScreenGroup(
        "Workflow and moderation",
        lambda c: [
            "/admin/workflows/list/",
            "/admin/workflows/add/",
            f"/admin/workflows/edit/{c.workflow.pk}/",
            f"/admin/workflows/usage/{c.workflow.pk}/",
            f"/admin/workflows/disable/{c.workflow.pk}/",
            "/admin/workflows/tasks/index/",
            "/admin/workflows/tasks/select_type/",
            "/admin/workflows/tasks/add/wagtailcore/groupapprovaltask/",
            f"/admin/workflows/tasks/edit/{c.task.pk}/",
            f"/admin/workflows/tasks/disable/{c.task.pk}/",
            "/admin/workflows/task_chooser/",
            f"/admin/pages/workflow/action/{c.page.pk}/approve/{c.task_state.pk}/",
            f"/admin/pages/workflow/action/{c.page.pk}/reject/{c.task_state.pk}/",
            f"/admin/pages/workflow/confirm_cancellation/{c.page.pk}/",
            f"/admin/pages/{c.page.pk}/workflow_history/",
            f"/admin/pages/{c.page.pk}/workflow_history/detail/{c.task_state.workflow_state_id}/",
            "/admin/reports/workflow/",
            "/admin/reports/workflow_tasks/",
        ],
    ),
    ScreenGroup(
        "Snippets",
        lambda c: [
            "/admin/snippets/",
            _snippet(c),
            _snippet(c, "edit"),
            _snippet(c, "history"),
            _snippet(c, "delete"),
            _snippet(c, "usage"),
            _snippet(c, "unpublish"),
            _snippet(c, "list") + "add/?locale=en",
            _snippet(c, "choose"),
        ],
    ),
    ScreenGroup(
        "Images",
        lambda c: [
            "/admin/images/",
            f"/admin/images/{c.image.pk}/",
            f"/admin/images/{c.image.pk}/delete/",
            f"/admin/images/usage/{c.image.pk}/",
            "/admin/images/add/",
            "/admin/images/multiple/add/",
            "/admin/images/chooser/",
            f"/admin/images/chooser/{c.image.pk}/select_format/",
            f"/admin/bulk/wagtailimages/image/delete/?id={c.image.pk}&next=/admin/images/",
            f"/admin/bulk/wagtailimages/image/add_tags/?id={c.image.pk}&next=/admin/images/",
            f"/admin/bulk/wagtailimages/image/add_to_collection/?id={c.image.pk}&next=/admin/images/",
        ],
    ),
    ScreenGroup(
        "Documents",
        lambda c: [
            "/admin/documents/",
            f"/admin/documents/edit/{c.document.pk}/",
            f"/admin/documents/delete/{c.document.pk}/",
            f"/admin/documents/usage/{c.document.pk}/",
            "/admin/documents/add/",
            "/admin/documents/multiple/add/",
            "/admin/documents/chooser/",
            f"/admin/bulk/wagtaildocs/document/delete/?id={c.document.pk}&next=/admin/documents/",
            f"/admin/bulk/wagtaildocs/document/add_tags/?id={c.document.pk}&next=/admin/documents/",
        ],
    ),
    ScreenGroup(
        "Forms and their submissions",
        lambda c: [
            "/admin/forms/",
            f"/admin/forms/submissions/{c.form_page.pk}/",
        ],
    ),
    ScreenGroup(
        "Account settings",
        lambda c: ["/admin/account/"],
    ),
    ScreenGroup(
        "Login and password reset",
        lambda c: ["/admin/login/", "/admin/password_reset/"],
        anonymous=True,
    ),
    ScreenGroup(
        "Translations (wagtail-localize)",
        lambda c: [
            f"/admin/pages/{c.translated_page.pk}/edit/",
            _snippet(c, "edit", c.translated_museum),
            f"/admin/localize/submit/page/{c.page.pk}/",
            f"/admin/localize/submit/snippet/{_snippet_path(c)}/",
            f"/admin/localize/update/{c.source.pk}/",
            "/admin/localize/reports/translations/",
        ],
    ),
)


def _snippet_path(content: Content) -> str:
    meta = type(content.museum)._meta
    return f"{meta.app_label}/{meta.model_name}/{content.museum.pk}"


# Strings met only after an action (the messages of publishing, moderation, uploads, translation)
# or in the workflow e-mails: counted from the modules and templates that send them.
MESSAGE_SOURCES = (
    "wagtail/admin/views/pages/",
    "wagtail/admin/views/generic/models.py",
    "wagtail/admin/views/generic/mixins.py",
    "wagtail/admin/views/generic/lock.py",
    "wagtail/admin/views/generic/workflow.py",
    "wagtail/admin/views/workflows.py",
    "wagtail/admin/views/account.py",
    "wagtail/admin/templates/wagtailadmin/notifications/",
    "wagtail/locks.py",
    "wagtail/models/workflows.py",
    "wagtail/models/pages.py",
    "wagtail/snippets/views/snippets.py",
    "wagtail/snippets/bulk_actions/",
    "wagtail/images/views/",
    "wagtail/documents/views/",
    "wagtail_localize/views/",
)
# The admin's JavaScript takes its strings from these djangojs catalogues.
SCRIPT_SOURCES = ("wagtail/admin/", "wagtail_localize/")


SCRIPT_METHOD = "djangojs catalogues"
