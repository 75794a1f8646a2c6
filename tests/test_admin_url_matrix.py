"""The permission matrix holds when an admin address is typed, not only where the admin links.

``test_roles.py`` checks what each role is shown (explorer, search, choosers, listings, reports) and
a few addresses (page edit, add, move and copy into the other site, page and media deletion, identity,
agreements, documents, site settings). Here every admin URL that names an object is tried directly:
the list comes from Django's URL resolver (every ``/admin/`` pattern with an id parameter), so a view
added by Wagtail, wagtail-localize or this project is tried as soon as it exists, and the test fails
until it is given an object to try and the answer Wagtail gives. An NMRK editor, moderator and
translator each GET and POST every such URL with the id of CSM RK's object (for a translator, an
English source) and must be refused the way Wagtail refuses (a redirect to the dashboard with a
message, or 403, 404 or 405), never served, never a server error, and the POST must leave every
object of the other museum as it was. A few of the same URLs with NMRK's own objects must be
allowed, so that a refusal for everyone cannot pass for the matrix.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client, TestCase
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowState,
)
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

import pytest
import wagtail_factories

from editorial import roles
from museums.models import Agreement, Museum, MuseumSiteSettings, Partner
from news.models import Topic
from submissions.models import ContactFormPage, FormField, Submission
from tests.event_factories import AgreementFactory, PartnerFactory, TopicFactory
from tests.factories import StandardPageFactory, locale
from tests.shared_data import module_data

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": roles.group_name("nmrk", roles.EDITOR),
    "moderator": roles.group_name("nmrk", roles.MODERATOR),
    "translator": roles.TRANSLATORS,
}


# --- The data: one of each object for each museum ------------------------------------------------
def member(role):
    user = get_user_model().objects.create_user(f"matrix-{role}", f"{role}@example.org", "pw")
    user.groups.set(Group.objects.filter(name=ROLES[role]))
    return user


def session_of(user):
    """A logged-in session kept with the module's data: a login per test would double its cost."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build(network):
    boss = get_user_model().objects.create_superuser("matrix-boss", "boss@example.org", "pw")
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    data = {
        "sessions": {role: session_of(member(role)) for role in ROLES},
        "partner": PartnerFactory(name="Matrix partner", slug="matrix-partner"),
        "topic": TopicFactory(name="Matrix topic", slug="matrix-topic"),
    }
    for shared in (data["partner"], data["topic"]):
        shared.save_revision(user=boss)
    for code in ("nmrk", "csm"):
        home = network[code]["home"]["en"]
        page = StandardPageFactory(parent=home, slug=f"matrix-{code}", title=f"{code} matrix", body=[])
        page.save_revision(user=boss).publish()
        page.title = f"{code} matrix draft"
        page.save_revision(user=boss)
        pending = StandardPageFactory(parent=home, slug=f"pending-{code}", title=f"{code} pending", body=[])
        pending.save_revision(user=boss)
        workflow.start(pending, boss)
        agreement = AgreementFactory(museum=network[code]["museum"], title=f"{code} matrix memorandum")
        agreement.save_revision(user=boss)
        with TestCase.captureOnCommitCallbacks(execute=True):
            TranslationCreator(boss, [locale("ru")]).create_translations(page)
            TranslationCreator(boss, [locale("ru")]).create_translations(
                agreement, include_related_objects=False
            )
        # Afresh: the session's instance may remember a revision of an earlier, rolled back build.
        Museum.objects.get(pk=network[code]["museum"].pk).save_revision(user=boss)
        collection = roles.museum_collection(code)
        form = ContactFormPage(title=f"{code} contact", slug=f"contact-{code}", intro="", thank_you_text="")
        form.form_fields.add(FormField(label="Message", field_type="multiline", required=True))
        home.add_child(instance=form)
        form.save_revision(user=boss).publish()
        editor = get_user_model().objects.create_user(f"{code}-matrix-editor", f"{code}@example.org", "pw")
        editor.groups.set(Group.objects.filter(name=roles.group_name(code, roles.EDITOR)))
        data[code] = {
            "page": page,
            "pending": pending,
            "agreement": agreement,
            "image": wagtail_factories.ImageFactory(title=f"{code} matrix image", collection=collection),
            "document": wagtail_factories.DocumentFactory(title=f"{code} matrix doc", collection=collection),
            "form": form,
            "submission": Submission.objects.create(page=form, form_data={"message": "Hello"}),
            "editor": editor,
            "redirect": Redirect.objects.create(
                old_path=f"/{code}-old", site=network[code]["site"], redirect_link="/new/"
            ),
            "session": EditingSession.objects.create(
                user=boss,
                content_type=ContentType.objects.get_for_model(Page),
                object_id=str(page.pk),
                last_seen_at=timezone.now(),
            ),
        }
        for model in (get_image_model(), get_document_model()):
            data[code][f"upload_{model._meta.model_name}"] = UploadedFile.objects.create(
                file=ContentFile(b"x", name="x.txt"),
                uploaded_by_user=editor,
                for_content_type=ContentType.objects.get_for_model(model),
            )
    return data


matrix_data = module_data(build, used_by="matrix")


# What the module's tests read of one build of its data, worked out once per build: the objects
# (the tests use only their ids), each URL's parameter values, and the tables' checksums every test
# starts from (each test's changes are rolled back). A new build (tests/shared_data.py) starts afresh.
_per_build = {}


@pytest.fixture
def matrix(matrix_data, network):
    if _per_build.get("frozen") is not matrix_data.frozen:
        _per_build.clear()
        _per_build.update(
            frozen=matrix_data.frozen,
            objects={**matrix_data.fetch(), "network": network},
            values={},
            baseline=None,
        )
    return _per_build["objects"]


# --- Every admin URL that names an object --------------------------------------------------------
def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name or ""
            yield prefix + str(pattern.pattern), name, pattern.pattern


def _parameters(pattern):
    converters = getattr(pattern, "converters", None) or {}
    return list(converters) or list(pattern.regex.groupindex), converters


def _names_an_object(pattern):
    names, converters = _parameters(pattern)
    return any(
        isinstance(converters.get(name), IntConverter) or name in ("pk", "object_id") or name.endswith("_id")
        for name in names
    )


def object_routes():
    """{route: (url name, pattern)} of every admin URL with an object's id in it; where this project
    replaces a view at the same address (``sites.urls``), the first, which answers, is kept."""
    routes = {}
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if route.startswith("admin/") and _names_an_object(pattern):
            first_name, first_pattern = routes.get(route, (name, pattern))
            routes[route] = (first_name or name, first_pattern)
    return routes


def snippet_of(namespace, objects, code):
    model = namespace.split("_", 1)[1]
    return {
        "museums_museum": Museum.objects.get(pk=objects["network"][code]["museum"].pk),
        "museums_agreement": objects[code]["agreement"],
        "museums_partner": objects["partner"],
        "news_topic": objects["topic"],
    }[model]


def parameter_values(name, objects, code):
    """The value of every URL parameter for the object of ``code``'s museum the URL ``name`` acts on,
    looked up once per build of the data."""
    values = _per_build["values"]
    if (name, code) not in values:
        values[name, code] = _parameter_values(name, objects, code)
    return values[name, code]


def _parameter_values(name, objects, code):
    network = objects["network"][code]
    mine = objects[code]
    namespace = name.rpartition(":")[0] or name
    home, page, pending = network["home"]["en"], mine["page"], mine["pending"]
    workflow_state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(pending.pk))
    source = TranslationSource.objects.get(object_id=page.translation_key)
    translation = Translation.objects.get(source=source, target_locale__language_code="ru")
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    values = {
        "parent_page_id": home.pk,
        "page_to_move_id": page.pk,
        "destination_id": home.pk,
        "page_id": page.pk,
        "pk": page.pk,
        "revision_id": page.latest_revision_id,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "content_type_app_name": "home",
        "content_type_model_name": "standardpage",
        "workflow_state_id": workflow_state.pk,
        "task_state_id": workflow_state.current_task_state.pk,
        "task_id": workflow_state.current_task_state.task_id,
        "action_name": "approve",
        "image_id": mine["image"].pk,
        "filter_spec": "fill-10x10",
        "document_id": mine["document"].pk,
        "doc_id": mine["document"].pk,
        "translation_id": translation.pk,
        "translation_source_id": source.pk,
        "string_segment_id": StringSegment.objects.filter(source=source).first().pk,
        "overridable_segment_id": OverridableSegment.objects.filter(source=source).first().pk,
        "mode": "default",
        "site_id": network["site"].pk,
        "language": "kk",
        "collection_id": roles.museum_collection(code).pk,
        "redirect_id": mine["redirect"].pk,
        "page_pk": home.pk,
        "workflow_pk": workflow.pk,
        "session_id": mine["session"].pk,
        "app_label": "wagtailcore",
        "model_name": "page",
        "object_id": page.pk,
        "app_name": "museums",
    }
    if "workflow" in name and namespace == "wagtailadmin_pages":
        values["page_id"] = pending.pk
    by_namespace = {
        "wagtailadmin_api:pages": {"pk": page.pk, "action_name": "delete"},
        "wagtailadmin_api:images": {"pk": mine["image"].pk},
        "wagtailadmin_api:documents": {"pk": mine["document"].pk},
        "wagtailimages_chooser": {"pk": mine["image"].pk},
        "wagtaildocs_chooser": {"pk": mine["document"].pk},
        "wagtailimages": {"uploaded_file_id": mine["upload_image"].pk},
        "wagtaildocs": {"uploaded_file_id": mine["upload_document"].pk},
        "wagtailforms": {"page_id": mine["form"].pk},
        "wagtailusers_users": {"pk": mine["editor"].pk},
        "wagtailusers_groups": {"pk": Group.objects.get(name=roles.group_name(code, roles.EDITOR)).pk},
        "wagtailsites": {"pk": network["site"].pk},
        "wagtaillocales": {"pk": locale("ru").pk},
        "wagtailadmin_collections": {"pk": roles.museum_collection(code).pk},
        "wagtailadmin_workflows": {"pk": workflow.pk},
        "wagtailsettings": {
            "model_name": "museumsitesettings",
            "pk": MuseumSiteSettings.objects.get(site=network["site"]).pk,
        },
    }
    values.update(by_namespace.get(namespace, {}))
    if name.endswith("_task"):
        values["pk"] = values["task_id"]
    if name == "wagtail_localize:convert_to_alias":
        values["page_id"] = translation.get_target_instance().pk
    if namespace.startswith("wagtail_localize") and ("snippet" in name):
        values.update(app_label="museums", model_name="agreement", pk=mine["agreement"].pk)
    if namespace.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
        snippet = snippet_of(namespace, objects, code)
        values.update(pk=snippet.pk, revision_id=snippet.latest_revision_id)
        state = WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(type(snippet)), object_id=str(snippet.pk)
        ).first()
        if state is not None:
            values.update(workflow_state_id=state.pk, task_state_id=state.current_task_state.pk)
    return values


def url_for(route, name, pattern, objects, code="csm"):
    names, _converters = _parameters(pattern)
    values = parameter_values(name, objects, code)
    url = "/" + route
    for parameter in names:
        url = re.sub(rf"<(?:\w+:)?{parameter}>|\(\?P<{parameter}>[^)]*\)", str(values[parameter]), url)
    url = url.replace("^", "").replace("$", "").replace("\\.", ".")
    assert "/None/" not in url and "/0/" not in url, f"{url}: no such object in the module's data"
    return url


ROUTES = object_routes()


# --- What each role is refused, and how ----------------------------------------------------------
DENIED = "denied"  # Wagtail's refusal in its admin: back to the dashboard, with a message


def outcome(response):
    if response.status_code == 302:
        location = urlsplit(response["Location"]).path
        return DENIED if location == "/admin/" else f"302 to {resolve(location).view_name}"
    return str(response.status_code)


# Partners and news topics are both museums' (editorial.permissions): their editors' and moderators'
# access is test_roles' "edit the shared partners" test; here only translators are refused them
# (the English source).
SHARED = ("wagtailsnippets_museums_partner", "wagtailsnippetchoosers_museums_partner", "news_topic")
# Translators translate both museums: the Russian translation of CSM RK's page and record, the
# status of both sites and sending either's English to translation are theirs.
TRANSLATORS_WORK = (
    "wagtail_localize:",
    "editorial_submit_translation",
    "editorial_update_translations",
    "editorial_translations:",
)


# Only network administrators hold any permission on these; the moderator, who holds the most of
# the three roles, stands for all of them.
ADMINISTRATION = (
    "wagtailadmin_collections:",
    "wagtailusers_",
    "wagtailsites:",
    "wagtaillocales:",
    "wagtailredirects:",
    "wagtailsettings:",
    "wagtailadmin_workflows:",
)
# No museum's object: the network's one moderation task, whose name and description the chooser
# returns to any admin user (Wagtail's own check is only that of access to the admin).
NOT_A_MUSEUMS = {"admin/workflows/task_chooser/<int:task_id>/"}


def applies(route, role):
    name = ROUTES[route][0]
    if route in NOT_A_MUSEUMS:
        return False
    if name.startswith(ADMINISTRATION):
        return role == "moderator"
    if role in ("editor", "moderator") and any(shared in name for shared in SHARED):
        return False
    return not (role == "translator" and name.startswith(TRANSLATORS_WORK))


POST_ONLY = ("405", DENIED)
GET_ONLY = (DENIED, "405")
NOT_FOUND = ("404", "404")
# (GET, POST or PUT) as Wagtail answers them; every route not listed answers (DENIED, DENIED).
EXPECTED = {
    # Its own queryset leaves out what the user may not explore (pages) or, here, choose or change
    # (media): not found.
    "admin/api/main/^pages/<int:pk>/": ("404", "405"),
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": ("405", "404"),
    "admin/api/main/^images/<int:pk>/": ("404", "405"),
    "admin/api/main/^documents/<int:pk>/": ("404", "405"),
    "admin/choose-page/<int:parent_page_id>/": GET_ONLY,
    "admin/pages/<int:parent_page_id>/": GET_ONLY,
    "admin/pages/<int:parent_page_id>/results/": GET_ONLY,
    "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/": GET_ONLY,
    "admin/documents/chooser/chosen/<str:pk>/": GET_ONLY,
    "admin/images/chooser/chosen/<str:pk>/": GET_ONLY,
    # The snippet chooser and wagtail-localize's snippet API look the record up among those the user
    # may open (home.admin_scope, editorial.guards).
    "admin/localize/api/snippets/<slug:app_label>/<slug:model_name>/<str:pk>/": ("404", "405"),
    "admin/snippets/choose/museums/agreement/chosen/<str:pk>/": ("404", "405"),
    "admin/snippets/choose/museums/museum/chosen/<str:pk>/": ("404", "405"),
    "admin/snippets/choose/museums/partner/chosen/<str:pk>/": ("404", "405"),
    "admin/snippets/choose/news/topic/chosen/<str:pk>/": ("404", "405"),
    "admin/documents/multiple/<int:doc_id>/": POST_ONLY,
    "admin/documents/multiple/<int:doc_id>/delete/": POST_ONLY,
    "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": POST_ONLY,
    "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/": POST_ONLY,
    "admin/images/multiple/<int:image_id>/": POST_ONLY,
    "admin/images/multiple/<int:image_id>/delete/": POST_ONLY,
    "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": POST_ONLY,
    "admin/images/multiple/delete_upload/<int:uploaded_file_id>/": POST_ONLY,
    # Wagtail looks the image up among those the user may change: not found (translators, who may
    # change none, are refused before).
    "admin/images/<int:image_id>/generate_url/": ("404", "405"),
    "admin/images/<int:image_id>/generate_url/output/": ("404", "405"),
    # Only an alias can be converted, and CSM RK's page is none: not found before any permission
    # is asked (Wagtail then asks the page's edit permission).
    "admin/pages/<int:page_id>/convert_alias/": NOT_FOUND,
    "admin/pages/<int:page_id>/lock/": POST_ONLY,
    "admin/pages/<int:page_id>/unlock/": POST_ONLY,
    "admin/pages/<int:page_to_move_id>/set_position/": POST_ONLY,
    # Only a redirect to the history, which refuses in its own row.
    "admin/pages/<int:page_id>/revisions/": ("302 to wagtailadmin_pages:history",) * 2,
    # Only ever touches the user's own sessions (the other museum's stays: the snapshot).
    "admin/editing-sessions/release/<int:session_id>/": ("405", "200"),
    "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": (
        "405",
        "404",
    ),
    # editorial.review's guarded view, outside Wagtail's admin wrapper: Django's 403.
    "admin/localize/page/<int:page_id>/convert_to_alias/": ("403", "403"),
    "admin/localize/translate/<int:translation_id>/disable/": POST_ONLY,
    # No machine translator is configured here: not found whoever asks.
    "admin/localize/translate/<int:translation_id>/machine_translate/": ("405", "404"),
    "admin/localize/translate/<int:translation_id>/pofile/upload/": POST_ONLY,
    # Django REST framework views (PUT): their own 403.
    "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/": (
        "405",
        "403",
    ),
    "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/": ("405", "403"),
    "admin/translation-status/<int:site_id>/<str:language>/export/": POST_ONLY,
    "admin/translations/<int:translation_id>/submit-for-review/": POST_ONLY,
    "admin/collections/<int:pk>/delete/": NOT_FOUND,
    "admin/workflows/enable/<int:pk>/": POST_ONLY,
    "admin/workflows/remove/<int:page_pk>/": POST_ONLY,
    "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/": POST_ONLY,
    "admin/workflows/tasks/enable/<int:pk>/": POST_ONLY,
}
# Where a role's answer differs from the route's.
EXPECTED_FOR_ROLE = {
    # Translators may change no image at all: refused before the image is looked up.
    ("admin/images/<int:image_id>/generate_url/", "translator"): (DENIED, DENIED),
    ("admin/images/<int:image_id>/generate_url/output/", "translator"): (DENIED, DENIED),
}
PUT = {
    "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
    "admin/localize/translate/<int:translation_id>/strings/<int:string_segment_id>/edit/",
}


def expected(route, role):
    return EXPECTED_FOR_ROLE.get((route, role)) or EXPECTED.get(route, (DENIED, DENIED))


WATCHED = [
    Page,
    Revision,
    PageViewRestriction,
    WorkflowState,
    TaskState,
    Workflow,
    Translation,
    TranslationSource,
    StringTranslation,
    Museum,
    Agreement,
    Partner,
    Topic,
    MuseumSiteSettings,
    Site,
    Redirect,
    Collection,
    UploadedFile,
    EditingSession,
    Submission,
    Group,
    GroupPagePermission,
    get_user_model(),
    get_image_model(),
    get_document_model(),
]


def snapshot():
    """Every row of every table a refused request could change, both museums', as one checksum per
    table (one query: this runs after every request of the matrix)."""
    tables = [model._meta.db_table for model in WATCHED]
    columns = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t)"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}")
        return dict(zip(tables, cursor.fetchone(), strict=True))


def baseline():
    """The snapshot every test starts from, taken once per build of the data."""
    if _per_build["baseline"] is None:
        _per_build["baseline"] = snapshot()
    return _per_build["baseline"]


def post_data(name, objects):
    """What the POST carries where an empty one would be turned away as an invalid form."""
    nmrk_home = objects["network"]["nmrk"]["home"]["en"]
    return {
        "wagtailadmin_pages:copy": {
            "new_title": "Taken",
            "new_slug": "taken",
            "new_parent_page": nmrk_home.pk,
        },
        "wagtailadmin_pages:set_privacy": {"restriction_type": "password", "password": "taken"},
        "wagtailadmin_pages:edit": {"title": "Taken", "slug": "taken", "action-publish": "publish"},
        "wagtail_localize:submit_page_translation": {"locales": [locale("kk").pk]},
        "wagtail_localize:submit_snippet_translation": {"locales": [locale("kk").pk]},
        "wagtailimages:edit": {"title": "Taken"},
        "wagtaildocs:edit": {"title": "Taken"},
    }.get(name, {})


CASES = [(route, role) for route in sorted(ROUTES) for role in ROLES if applies(route, role)]


def test_every_admin_url_naming_an_object_is_in_the_matrix():
    """The matrix is what the resolver finds: this fails if the search finds too little, or if the
    table names an address that no longer exists (a view removed or moved, its answer untested)."""
    names = {name for name, _pattern in ROUTES.values()}
    assert {
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:revisions_compare",
        "wagtailadmin_pages:add",
        "wagtailimages:preview",
        "wagtaildocs:delete",
        "wagtailforms:list_submissions",
        "wagtailsnippets_museums_agreement:edit",
        "wagtailsettings:edit",
        "wagtailusers_users:edit",
        "wagtail_localize:edit_string_translation",
        "editorial_update_translations",
        "editorial_translations:site",
    } <= names
    tried = {route for route, _role in CASES}
    assert set(EXPECTED) | {route for route, _role in EXPECTED_FOR_ROLE} <= tried
    assert set(ROUTES) - tried == NOT_A_MUSEUMS


@pytest.mark.parametrize(("route", "role"), CASES, ids=[f"{route}-{role}" for route, role in CASES])
def test_the_other_museums_object_is_refused_at_its_admin_url(matrix, client, route, role):
    name, pattern = ROUTES[route]
    url = url_for(route, name, pattern, matrix)
    client.cookies[settings.SESSION_COOKIE_NAME] = matrix["sessions"][role]
    before = baseline()

    if route in PUT:
        change = client.put(url, {"value": "Taken"}, content_type="application/json")
    else:
        change = client.post(url, post_data(name, matrix))
    answers = (outcome(client.get(url)), outcome(change))

    assert answers == expected(route, role), url
    assert snapshot() == before


# --- Beyond the resolver: query strings, the other museum as a destination, records' translations --
def translation_of(instance, language="ru"):
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale__language_code=language
    )


def record_translation(objects, code="csm"):
    return f"/admin/localize/translate/{translation_of(objects[code]['agreement']).pk}"


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key).pk


OTHER_WAYS = {
    # label: (role, method, URL, data, answer)
    "submissions as CSV": (
        "editor",
        "get",
        lambda o: f"/admin/forms/submissions/{o['csm']['form'].pk}/?export=csv",
        None,
        DENIED,
    ),
    "own page moved into theirs, asked": (
        "moderator",
        "get",
        lambda o: f"/admin/pages/{o['nmrk']['page'].pk}/move/{o['network']['csm']['home']['en'].pk}/confirm/",
        None,
        DENIED,
    ),
    "own page moved into theirs, done": (
        "moderator",
        "post",
        lambda o: f"/admin/pages/{o['nmrk']['page'].pk}/move/{o['network']['csm']['home']['en'].pk}/confirm/",
        {},
        DENIED,
    ),
    # A record's translation: wagtail-localize asked only whether agreements may be changed at all.
    "record's translation, a string": (
        "editor",
        "put",
        lambda o: (
            f"{record_translation(o)}/strings/"
            f"{StringSegment.objects.filter(source=translation_of(o['csm']['agreement']).source).first().pk}/edit/"
        ),
        {"value": "Taken"},
        "403",
    ),
    "record's translation, PO download": (
        "editor",
        "get",
        lambda o: f"{record_translation(o)}/pofile/download/",
        None,
        DENIED,
    ),
    "record's translation, PO upload": (
        "moderator",
        "post",
        lambda o: f"{record_translation(o)}/pofile/upload/",
        {},
        DENIED,
    ),
    "record's translation, stopped": (
        "moderator",
        "post",
        lambda o: f"{record_translation(o)}/disable/",
        {},
        DENIED,
    ),
    # Wagtail's bulk actions take ids in the query string, and send back to their own page with the
    # objects the user may not act on left out (GET lists them by title: see the module's report).
    "bulk page delete": (
        "moderator",
        "post",
        lambda o: f"/admin/bulk/wagtailcore/page/delete/?id={o['csm']['page'].pk}",
        {},
        "302 to wagtail_bulk_action",
    ),
    "bulk page unpublish": (
        "moderator",
        "post",
        lambda o: f"/admin/bulk/wagtailcore/page/unpublish/?id={o['csm']['page'].pk}",
        {},
        "302 to wagtail_bulk_action",
    ),
    "bulk image delete": (
        "moderator",
        "post",
        lambda o: f"/admin/bulk/wagtailimages/image/delete/?id={o['csm']['image'].pk}",
        {},
        "302 to wagtail_bulk_action",
    ),
    "bulk document delete": (
        "moderator",
        "post",
        lambda o: f"/admin/bulk/wagtaildocs/document/delete/?id={o['csm']['document'].pk}",
        {},
        "302 to wagtail_bulk_action",
    ),
    "bulk agreement delete": (
        "moderator",
        "post",
        lambda o: f"/admin/bulk/museums/agreement/delete/?id={o['csm']['agreement'].pk}",
        {},
        "302 to wagtail_bulk_action",
    ),
}


def ask(client, objects, role, method, url, data):
    client.cookies[settings.SESSION_COOKIE_NAME] = objects["sessions"][role]
    kwargs = {"content_type": "application/json"} if method == "put" else {}
    return getattr(client, method)(url(objects), data, **kwargs)


@pytest.mark.parametrize("label", OTHER_WAYS)
def test_other_ways_to_the_other_museums_objects_are_refused(matrix, client, label):
    role, method, url, data, answer = OTHER_WAYS[label]
    before = baseline()

    assert outcome(ask(client, matrix, role, method, url, data)) == answer
    assert snapshot() == before


# The same addresses with what the role does work on: a matrix that refused everyone would fail here.
ALLOWED = {
    "own page in the editor": ("editor", lambda o: f"/admin/pages/{o['nmrk']['page'].pk}/edit/"),
    "own home in the explorer": (
        "editor",
        lambda o: f"/admin/pages/{o['network']['nmrk']['home']['en'].pk}/",
    ),
    "own home in the page chooser": (
        "editor",
        lambda o: f"/admin/choose-page/{o['network']['nmrk']['home']['en'].pk}/",
    ),
    "own workflow's cancellation notice": (
        "moderator",
        lambda o: f"/admin/pages/workflow/confirm_cancellation/{o['nmrk']['pending'].pk}/",
    ),
    "own page sent to translation": (
        "editor",
        lambda o: f"/admin/localize/submit/page/{o['nmrk']['page'].pk}/",
    ),
    "own record sent to translation": (
        "editor",
        lambda o: f"/admin/localize/submit/snippet/museums/agreement/{o['nmrk']['agreement'].pk}/",
    ),
    "own page's translations synced": (
        "editor",
        lambda o: f"/admin/localize/update/{source_of(o['nmrk']['page'])}/",
    ),
    "own record chosen": (
        "editor",
        lambda o: f"/admin/snippets/choose/museums/agreement/chosen/{o['nmrk']['agreement'].pk}/",
    ),
    "own record in the snippet API": (
        "editor",
        lambda o: f"/admin/localize/api/snippets/museums/agreement/{o['nmrk']['agreement'].pk}/",
    ),
    "own image in the admin API": ("editor", lambda o: f"/admin/api/main/images/{o['nmrk']['image'].pk}/"),
    "own site's translation status": (
        "editor",
        lambda o: f"/admin/translation-status/{o['network']['nmrk']['site'].pk}/kk/",
    ),
    "own record's translation as a PO file": (
        "editor",
        lambda o: f"{record_translation(o, 'nmrk')}/pofile/download/",
    ),
    # Translators work on both museums' translations.
    "their record's Russian as a PO file, by a translator": (
        "translator",
        lambda o: f"{record_translation(o)}/pofile/download/",
    ),
    "their page sent to translation, by a translator": (
        "translator",
        lambda o: f"/admin/localize/submit/page/{o['csm']['page'].pk}/",
    ),
    "their site's translation status, by a translator": (
        "translator",
        lambda o: f"/admin/translation-status/{o['network']['csm']['site'].pk}/kk/",
    ),
}


@pytest.mark.parametrize("label", ALLOWED)
def test_what_a_role_works_on_is_served_at_the_same_addresses(matrix, client, label):
    role, url = ALLOWED[label]

    assert ask(client, matrix, role, "get", url, None).status_code == 200
