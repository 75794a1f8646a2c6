"""Who works on what: each museum's editors and moderators, the translators, the network's administrators.

The groups and their model permissions are created by a data migration (``editorial/migrations``)
so that a fresh install and the tests have them. What belongs to one site, its home pages in every
language, its media collection and its moderation workflow, is granted by :func:`grant_site`,
which runs whenever a site's museum is chosen or a home page gains a language (``signals``), so a
fourth language grants itself.

Roles (README, "Roles"):
- **editors** of a museum: add and edit pages of their site, in every language tree; images and
  documents in their museum's collection; the shared partner registry (not deleting); their own
  museum's identity and agreements. Publishing goes through moderation.
- **moderators** of a museum: what editors may, plus publish, unpublish, schedule, lock and approve.
- **translators**: edit the Kazakh and Russian trees of both sites and the translations of the
  records, through wagtail-localize; they submit for review and never publish.
- **network administrators**: everything, including both sites' settings.
"""

from django.conf import settings

# The museums of the network by their fixed code (Museum.code), with the short name used in group names.
MUSEUMS = {"nmrk": "NMRK", "csm": "CSM RK"}
EDITOR, MODERATOR = "editor", "moderator"
ROLE_NAMES = {EDITOR: "editors", MODERATOR: "moderators"}
TRANSLATORS = "Translators"
NETWORK_ADMINISTRATORS = "Network administrators"
WORKFLOW_NAME = "Museum moderation"
TASK_NAME = "Approval by the museum's moderators"

ADMIN_ACCESS = ["wagtailadmin.access_admin"]
# Model permissions as "app_label.codename". Wagtail adds publish_/lock_/unlock_ permissions to
# snippets with drafts and locking; moderators hold them, editors do not.
EDITOR_PERMISSIONS = ADMIN_ACCESS + [
    "museums.add_partner",
    "museums.change_partner",
    "museums.change_museum",
    "museums.add_agreement",
    "museums.change_agreement",
    "news.add_topic",
    "news.change_topic",
    "wagtail_localize.submit_translation",
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    "museums.publish_partner",
    "museums.lock_partner",
    "museums.unlock_partner",
    "museums.publish_museum",
    "museums.lock_museum",
    "museums.unlock_museum",
    "museums.publish_agreement",
    "museums.delete_agreement",
    "museums.lock_agreement",
    "museums.unlock_agreement",
    "news.publish_topic",
]
TRANSLATOR_PERMISSIONS = ADMIN_ACCESS + [
    "museums.change_partner",
    "museums.change_museum",
    "museums.change_agreement",
    "news.change_topic",
    "wagtail_localize.submit_translation",
]
PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page"],
    MODERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    TRANSLATORS: ["add_page", "change_page"],
}
COLLECTION_PERMISSIONS = {
    EDITOR: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    MODERATOR: [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
}
# The snippet models that go through moderation, as app_label.model_name.
MODERATED_SNIPPETS = ["museums.museum", "museums.partner", "museums.agreement", "news.topic"]


def group_name(code, role):
    return f"{MUSEUMS[code]} {ROLE_NAMES[role]}"


# --- Questions the policies ask ------------------------------------------------------------------
def _memberships(user):
    """{(museum_code, role)} of the user, plus the flags below; cached on the user for the request."""
    cached = getattr(user, "_museum_memberships", None)
    if cached is None:
        from editorial.models import MuseumGroup

        names = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
        pairs = set(
            MuseumGroup.objects.filter(group__user=user).values_list("museum_code", "role")
            if user.is_authenticated
            else []
        )
        cached = {
            "pairs": pairs,
            "translator": TRANSLATORS in names,
            "admin": user.is_superuser or NETWORK_ADMINISTRATORS in names,
        }
        user._museum_memberships = cached
    return cached


def is_network_admin(user):
    return user.is_active and _memberships(user)["admin"]


def is_translator(user):
    return _memberships(user)["translator"]


def museum_codes_of_user(user, role=None):
    return {code for code, held in _memberships(user)["pairs"] if role is None or held == role}


def museum_codes_of(obj, codes_by_site=None):
    """The museums an object belongs to: a page to its site's, a record to its own, a partner to all.

    ``codes_by_site`` (from :func:`museum_codes_by_site`) saves a query per page when asking about
    many objects at once."""
    from wagtail.models import Page

    from museums.models import Museum, Partner
    from news.models import Topic

    if isinstance(obj, Page):
        site = obj.get_site()
        if codes_by_site is not None:
            code = codes_by_site.get(site.pk) if site is not None else None
        else:
            code = site_museum_code(site)
        return {code} if code else set()
    if isinstance(obj, Museum):
        return {obj.code}
    if isinstance(obj, (Partner, Topic)):  # shared by both museums' news
        return set(MUSEUMS)
    museum = getattr(obj, "museum", None)
    return {museum.code} if museum is not None else set()


def site_museum_code(site):
    if site is None:
        return None
    from museums.models import MuseumSiteSettings

    found = MuseumSiteSettings.objects.filter(site=site).select_related("museum").first()
    return found.museum.code if found is not None and found.museum is not None else None


def museum_codes_by_site():
    """{site id: museum code} for every site, in one query."""
    from museums.models import MuseumSiteSettings

    return dict(
        MuseumSiteSettings.objects.filter(museum__isnull=False).values_list("site_id", "museum__code")
    )


def user_moderates(user, obj, codes_by_site=None):
    if is_network_admin(user):
        return True
    return bool(museum_codes_of(obj, codes_by_site) & museum_codes_of_user(user, MODERATOR))


def is_source_language(obj):
    locale = getattr(obj, "locale", None)
    return locale is None or locale.language_code == settings.SOURCE_LANGUAGE_CODE


# --- Grants per site -----------------------------------------------------------------------------
def museum_collection(code):
    """The museum's own media collection, created under the root collection when missing."""
    from wagtail.models import Collection

    name = MUSEUMS[code]
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def grant_site(site):
    """Give the site's museum groups (and the translators) their rights on everything of the site.

    Idempotent: grants that exist are kept, missing ones are added. Called for every site whose
    museum is set and every new home page translation.
    """
    from django.contrib.auth.models import Group, Permission

    from wagtail.models import GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowPage

    code = site_museum_code(site)
    if code not in MUSEUMS:
        return
    homes = list(site.root_page.get_translations(inclusive=True).select_related("locale"))
    groups = {role: Group.objects.filter(name=group_name(code, role)).first() for role in (EDITOR, MODERATOR)}
    groups[TRANSLATORS] = Group.objects.filter(name=TRANSLATORS).first()
    page_permissions = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore")
    }
    for role, group in groups.items():
        if group is None:
            continue
        for home in homes:
            if role == TRANSLATORS and home.locale.language_code == settings.SOURCE_LANGUAGE_CODE:
                continue
            for codename in PAGE_PERMISSIONS[role]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home, permission=page_permissions[codename]
                )
    collection = museum_collection(code)
    media_permissions = {
        p.codename: p
        for p in Permission.objects.filter(content_type__app_label__in=["wagtailimages", "wagtaildocs"])
    }
    for role in (EDITOR, MODERATOR):
        if groups[role] is None:
            continue
        for codename in COLLECTION_PERMISSIONS[role]:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role], collection=collection, permission=media_permissions[codename]
            )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        for home in homes:
            WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})


# --- The groups themselves (the data migration and post_migrate) ---------------------------------
def model_permission(apps, dotted):
    """The Permission "app_label.codename", created if Django or Wagtail have not made it yet:
    Wagtail adds snippets' publish and lock permissions only after the last migration."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    model = codename.split("_", 1)[1]
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )
    return permission


def ensure_roles(apps):
    """Create (or complete) every role's group, its model permissions, the network administrators'
    rights on the tree's and the collections' roots, and the moderation workflow. Idempotent; run
    by the data migration and after every migrate (a flush empties the tables, and Wagtail creates
    snippets' publish and lock permissions only after the last migration)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    MuseumGroup = apps.get_model("editorial", "MuseumGroup")
    for code in MUSEUMS:
        for role, permissions in ((EDITOR, EDITOR_PERMISSIONS), (MODERATOR, MODERATOR_PERMISSIONS)):
            group, _created = Group.objects.get_or_create(name=group_name(code, role))
            group.permissions.add(*[model_permission(apps, dotted) for dotted in permissions])
            MuseumGroup.objects.update_or_create(museum_code=code, role=role, defaults={"group": group})
    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    translators.permissions.add(*[model_permission(apps, dotted) for dotted in TRANSLATOR_PERMISSIONS])
    admins, _created = Group.objects.get_or_create(name=NETWORK_ADMINISTRATORS)
    admins.permissions.add(*Permission.objects.all())
    _grant_roots(apps, admins)
    _ensure_workflow(apps)


def _grant_roots(apps, group):
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page"
    )
    for root in Page.objects.filter(depth=1):
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    media_permissions = Permission.objects.filter(
        content_type__app_label__in=["wagtailimages", "wagtaildocs"]
    )
    for root in Collection.objects.filter(depth=1):
        for permission in media_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def _ensure_workflow(apps):
    """One workflow, one step: the museum's moderators approve (editorial.models.MuseumApprovalTask).
    Each site's home pages are assigned to it by grant_site; the moderated snippets here."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    MuseumApprovalTask = apps.get_model("editorial", "MuseumApprovalTask")
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = MuseumApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type, _created = ContentType.objects.get_or_create(
            app_label="editorial", model="museumapprovaltask"
        )
        task = MuseumApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=task_type)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for dotted in MODERATED_SNIPPETS:
        app_label, model = dotted.split(".")
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
