"""What editors may upload, checked at the admin's upload forms, with the reason in their language.

Wagtail already refuses image types missing from ``WAGTAILIMAGES_EXTENSIONS`` (SVG among them, see
the settings), images whose content does not match their extension, and images over its size and
pixel limits; :class:`ImageUploadForm` only says so in the project's words, which the catalogues
translate into Kazakh. Documents have no such checks in Wagtail: :class:`DocumentUploadForm` bounds
their size and compares what the file *is* (libmagic, through python-magic, rather than a
hand-kept table of signatures) with what its name claims, so an HTML page or a script cannot come
in as "report.pdf" or "notes.txt".
"""

import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

import magic

# What libmagic may call a file with each allowed extension. Office formats built on ZIP are
# sometimes reported as plain ZIP archives, and the old binary ones as OLE storage.
_OLE = {"application/x-ole-storage", "application/CDFV2", "application/vnd.ms-office"}
DOCUMENT_TYPES = {
    "pdf": {"application/pdf"},
    "doc": {"application/msword", *_OLE},
    "xls": {"application/vnd.ms-excel", *_OLE},
    "ppt": {"application/vnd.ms-powerpoint", *_OLE},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation", "application/zip"},
    "odt": {"application/vnd.oasis.opendocument.text", "application/zip"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet", "application/zip"},
    "txt": {"text/plain"},
}
# libmagic decides from the first bytes; this much covers the ZIP directory entries it looks for.
SNIFF_BYTES = 64 * 1024


def _megabytes(size_mb):
    return filesizeformat(size_mb * 1024 * 1024)


class ImageUploadForm(BaseImageForm):
    """Wagtail's image form with its refusals worded for museum editors and translated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" not in self.fields:
            return
        self.fields["file"].error_messages.update(
            {
                "invalid_image_extension": _(
                    "This kind of file cannot be an image here. Upload a JPEG, PNG, GIF or WebP file. "
                    "SVG files are refused because they can contain programs that run in the browser."
                ),
                "invalid_image": _(
                    "This file is not an image that can be read. Upload a JPEG, PNG, GIF or WebP file."
                ),
                "invalid_image_known_format": _(
                    "This file is named .%(extension)s but is really %(image_format)s. "
                    "Upload the image in the format its name says."
                ),
                "file_too_large": _("This image is %(file_size)s; images may be at most %(max_filesize)s."),
                "file_too_large_unknown_size": _(
                    "This image is too large; images may be at most %(max_filesize)s."
                )
                % {"max_filesize": _megabytes(settings.MAX_IMAGE_UPLOAD_MB)},
                "file_too_many_pixels": _(
                    "This image has %(num_pixels)s pixels; images may have at most %(max_pixels_count)s. "
                    "Make it smaller before uploading."
                ),
            }
        )


class DocumentUploadForm(BaseDocumentForm):
    """Wagtail's document form, refusing oversized files and files that are not what they are named."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None or "file" not in self.changed_data:
            return upload
        limit = settings.MAX_DOCUMENT_UPLOAD_MB * 1024 * 1024
        if upload.size > limit:
            raise ValidationError(
                _("This document is %(size)s; documents may be at most %(limit)s."),
                code="file_too_large",
                params={
                    "size": filesizeformat(upload.size),
                    "limit": _megabytes(settings.MAX_DOCUMENT_UPLOAD_MB),
                },
            )
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in DOCUMENT_TYPES:
            return upload  # Wagtail's WAGTAILDOCS_EXTENSIONS check names the allowed ones
        upload.seek(0)
        detected = magic.from_buffer(upload.read(SNIFF_BYTES), mime=True)
        upload.seek(0)
        if detected not in DOCUMENT_TYPES[extension]:
            raise ValidationError(
                _(
                    "This file is named .%(extension)s but its contents are %(detected)s. "
                    "Upload the document in the format its name says."
                ),
                code="disguised_type",
                params={"extension": extension, "detected": detected},
            )
        return upload

    def _post_clean(self):
        # Wagtail's Document.clean() checks the extension of the instance's file, which is empty once
        # the upload is refused above, and would add a misleading "File extension “” is not allowed".
        refused = self.errors.get("file")
        refused = list(refused.as_data()) if refused else None
        super()._post_clean()
        if refused:
            self.errors["file"] = self.error_class(refused)
