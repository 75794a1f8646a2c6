"""PO files in bulk: everything one site needs translated into one language, out as a zip and back in.

**Export** writes one PO file per object that needs work (``status.site_status``), each made by
wagtail-localize's own ``Translation.export_po()``: the entries its editor shows, the field path as
``msgctxt``, strings already translated filled in, and the translation's UUID in the
``X-WagtailLocalize-TranslationID`` header. Before writing, the English is read again
(``TranslationSource.update_or_create_from_instance``, what "Sync translated pages" does), so the file
holds the text as published now, and a ``Translation`` record is created where there is none, as
``TranslationCreator`` does. Not through ``TranslationCreator`` itself: its ``save_target`` would write
the English into a translation that already exists (and unpublish a snippet), and it submits every
snippet a page points to, when the site's own snippets are already on the list. Translations made
outside wagtail-localize are left out (``status`` says why) and reported as skipped.

**Import** matches each file to its ``Translation`` by that header, stores the strings with
``Translation.import_po()`` and saves the object as a **draft**: translators never publish, moderators
do. A new translation is created unpublished by ``Translation.save_target(publish=False)``. A live one
is not given to ``save_target``: it would write the imported text into the live record, so visitors
would read it before anyone published it. Its text goes into a new draft revision instead, built by
wagtail-localize (``get_ephemeral_translated_instance``, what its preview uses) and saved with
Wagtail's ``save_revision``, which leaves the live content alone; an alias page is first converted into
a page of its own, as wagtail-localize does when it translates one.
"""

import os
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

import polib

from editorial.permissions import may_edit
from editorial.translations.status import site_status

TOOL_NAME = "PO file (bulk)"
# Bounds on what an uploaded zip may unpack to: a site's PO files are a few kilobytes each.
MAX_FILES = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024


class POArchiveError(Exception):
    """The upload is not a zip of PO files; the message says why, in the user's language."""


@dataclass
class ExportReport:
    files: list = field(default_factory=list)  # (file name, status.Item)
    skipped: list = field(default_factory=list)  # status.Item made outside wagtail-localize


@dataclass
class ImportResult:
    name: str
    title: str = ""
    imported: bool = False
    message: str = ""
    warnings: int = 0


# --- Export ---------------------------------------------------------------------------------------


def export_zip(site, language, file):
    """Write to ``file`` a zip of PO files for every object of ``site`` needing work in ``language``."""
    target = Locale.objects.get(language_code=language)
    report = ExportReport()
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in site_status(site, language).needing_work:
            if item.target_pk is not None and not item.target_is_alias and not item.is_managed:
                report.skipped.append(item)
                continue
            translation = _prepare_translation(item, target)
            po = translation.export_po()
            po.metadata["Language"] = language
            po.header = f"{item.kind}: {item.title}\nSite: {site.hostname}\nLanguage: {language}"
            folder = "pages" if item.is_page else item.model._meta.model_name
            name = f"{folder}/{len(report.files) + 1:03d}-{slugify(item.title)[:60] or 'object'}.po"
            archive.writestr(name, str(po))
            report.files.append((name, item))
    return report


@transaction.atomic
def _prepare_translation(item, target):
    """The enabled Translation of ``item`` into ``target``, its source read again from the database."""
    instance = item.model.objects.get(pk=item.source_pk)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    if item.needs_sync and source.last_updated_at <= item.synced_at:
        # Published again without a change: wagtail-localize keeps its old timestamp, which would leave
        # the translation out of date for good. Record that the English was read now.
        source.last_updated_at = timezone.now()
        source.save(update_fields=["last_updated_at"])
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=target, defaults={"enabled": True}
    )
    if not translation.enabled:
        translation.enabled = True
        translation.save(update_fields=["enabled"])
    return translation


# --- Import ---------------------------------------------------------------------------------------


def import_zip(file, user=None, tool_name=TOOL_NAME, progress=None, check_permissions=True):
    """Import every PO file in the zip ``file`` as drafts; one ImportResult per file.

    As in wagtail-localize, creating a translation is for whoever may submit translations (the
    caller checks that), and changing an existing one needs the right to edit it, checked here per
    object unless ``check_permissions`` is off (the management command, run by the server's operator).

    Snippets go first and pages in tree order, so that a page is saved after the partners it points
    to (wagtail-localize then points it at their translations) and after its parent page.
    """
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as error:
        raise POArchiveError(_("The file is not a zip archive.")) from error
    members = [info for info in archive.infolist() if not info.is_dir() and info.filename.endswith(".po")]
    if not members:
        raise POArchiveError(_("The zip archive contains no PO files."))
    if len(members) > MAX_FILES:
        raise POArchiveError(_("The zip archive contains too many files."))

    results, queue = [], []
    for info in members:
        result = ImportResult(name=info.filename)
        translation, po = _read_member(archive, info, result)
        if translation is None:
            results.append(result)
            if progress:
                progress(result)
        else:
            queue.append((_import_order(translation), result, translation, po))

    for _order, result, translation, po in sorted(queue, key=lambda entry: entry[0]):
        _import_one(result, translation, po, user if check_permissions else None, tool_name, user)
        results.append(result)
        if progress:
            progress(result)
    return results


def _read_member(archive, info, result):
    """The Translation and parsed PO file of one zip member, or ``(None, None)`` with a message."""
    if info.file_size > MAX_FILE_BYTES:
        result.message = _("The file is too large.")
        return None, None
    po = parse_po(archive.read(info))
    if po is None:
        result.message = _("Not a valid PO file.")
        return None, None
    try:
        key = uuid.UUID(po.metadata.get("X-WagtailLocalize-TranslationID", ""))
    except ValueError:
        result.message = _("The file does not say which translation it belongs to.")
        return None, None
    translation = Translation.objects.select_related("source", "target_locale").filter(uuid=key).first()
    if translation is None:
        result.message = _("Its translation no longer exists.")
        return None, None
    result.title = translation.source.object_repr
    return translation, po


def parse_po(data):
    """A polib.POFile from bytes, or ``None`` if it cannot be read.

    Through a file on disk: ``polib.pofile`` treats a string that names an existing file as that file,
    so handing it uploaded text would let an upload read files from the server.
    """
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as handle:
        handle.write(data)
    try:
        return polib.pofile(handle.name)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    finally:
        os.unlink(handle.name)


def _import_order(translation):
    model = translation.source.specific_content_type.model_class()
    if model is None or not issubclass(model, Page):
        return (0, "")
    path = (
        Page.objects.filter(
            translation_key=translation.source.object_id, locale_id=translation.source.locale_id
        )
        .values_list("path", flat=True)
        .first()
    )
    return (1, path or "")


def _import_one(result, translation, po, checked_user, tool_name, user):
    if not translation.enabled:
        result.message = _("The translation was stopped; it is edited by hand now.")
        return
    target = _target(translation)
    if checked_user is not None and target is not None and not may_edit(checked_user, target):
        result.message = _("You may not edit this translation.")
        return
    try:
        with transaction.atomic():
            result.warnings = len(translation.import_po(po, user=user, tool_name=tool_name))
            save_as_draft(translation, user)
    except ValidationError as error:
        result.message = "; ".join(error.messages)
        return
    except ObjectDoesNotExist:
        result.message = _("Its source no longer exists.")
        return
    result.imported = True


def _target(translation):
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def save_as_draft(translation, user=None):
    """Save the translated object as a draft revision, leaving what visitors see unchanged."""
    target = _target(translation)
    if target is None or not getattr(target, "live", False):
        translation.save_target(user=user, publish=False)
        return target
    if isinstance(target, Page) and target.alias_of_id:
        ConvertAliasPageAction(target, user=user).execute(skip_permission_checks=True)
    draft = translation.source.get_ephemeral_translated_instance(translation.target_locale, fallback=True)
    revision = draft.save_revision(user=user, log_action=True)
    TranslationLog.objects.create(
        source=translation.source, locale=translation.target_locale, revision=revision
    )
    return draft
