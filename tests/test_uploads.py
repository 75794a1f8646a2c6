"""What editors may upload, and how uploaded media is served: nothing runs script on the site's origin."""

import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db

HOSTILE_SVG = b"""<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">
  <script>fetch('/admin/users/add/', {method: 'POST'}); alert(document.cookie)</script>
  <rect width="10" height="10"/>
</svg>"""
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
# The smallest file libmagic reads as a PDF.
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes(size=(4, 3)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "gold").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("uploader", "uploader@example.org", "pw")
    client.force_login(user)
    return client


def upload_form(name, content):
    # With the museums' collections present the form asks which one; the root is always there.
    root = Collection.get_first_root_node()
    return {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": root.pk}


def upload_image(client, name, content):
    return client.post("/admin/images/add/", upload_form(name, content))


def upload_document(client, name, content):
    return client.post("/admin/documents/add/", upload_form(name, content))


def file_errors(response):
    return response.context["form"].errors["file"]


def test_a_png_is_accepted(editor_client):
    response = upload_image(editor_client, "steppe.png", png_bytes())

    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Upload").exists()


def test_an_svg_with_a_script_is_refused_with_the_reason(editor_client):
    response = upload_image(editor_client, "hostile.svg", HOSTILE_SVG)

    assert response.status_code == 200
    # The admin speaks Kazakh by default, from the project's catalogue.
    assert file_errors(response) == [
        "Бұл файл түрін сурет ретінде жүктеуге болмайды. JPEG, PNG, GIF немесе WebP файлын жүктеңіз. "
        "SVG файлдары қабылданбайды, себебі оларда браузерде орындалатын бағдарлама болуы мүмкін."
    ]
    assert not get_image_model().objects.exists()


def test_an_svg_named_png_is_refused(editor_client):
    response = upload_image(editor_client, "innocent.png", HOSTILE_SVG)

    assert response.status_code == 200
    assert "svg" in file_errors(response)[0]
    assert not get_image_model().objects.exists()


def test_the_multiple_upload_screen_refuses_svg_too(editor_client):
    response = editor_client.post(
        "/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("hostile.svg", HOSTILE_SVG)}
    )

    assert response.json()["success"] is False
    assert not get_image_model().objects.exists()


@override_settings(MAX_IMAGE_UPLOAD_MB=1, WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024 * 1024)
def test_an_oversized_image_is_refused(editor_client):
    big = png_bytes() + b"\0" * (1024 * 1024)  # PNG readers ignore what follows the image

    response = upload_image(editor_client, "big.png", big)

    assert response.status_code == 200
    assert "1,0" in file_errors(response)[0] or "1.0" in file_errors(response)[0]
    assert not get_image_model().objects.exists()


def test_a_pdf_is_accepted(editor_client):
    response = upload_document(editor_client, "agreement.pdf", PDF)

    assert response.status_code == 302
    assert get_document_model().objects.get(title="Upload").file_extension == "pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [("report.pdf", HTML_PAGE), ("notes.txt", HTML_PAGE), ("figures.xlsx", HOSTILE_SVG)],
    ids=["html-as-pdf", "html-as-txt", "svg-as-xlsx"],
)
def test_a_disguised_document_is_refused(editor_client, name, content):
    response = upload_document(editor_client, name, content)

    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert file_errors(response) == [
        f"Бұл файлдың атауы .{extension} болғанымен, мазмұны — "
        f"{'image/svg+xml' if extension == 'xlsx' else 'text/html'}. "
        "Құжатты атауында көрсетілген пішімде жүктеңіз."
    ]
    assert not get_document_model().objects.exists()


@override_settings(MAX_DOCUMENT_UPLOAD_MB=1)
def test_an_oversized_document_is_refused_in_the_editors_language(editor_client):
    response = editor_client.post(
        "/admin/documents/add/",
        upload_form("big.pdf", PDF + b"\0" * (1024 * 1024)),
        headers={"accept-language": "ru"},
    )

    assert response.status_code == 200
    assert file_errors(response)[0].startswith("Размер этого документа")
    assert not get_document_model().objects.exists()


def test_the_document_types_match_the_allowed_extensions():
    from home.uploads import DOCUMENT_TYPES

    assert set(DOCUMENT_TYPES) == set(settings.WAGTAILDOCS_EXTENSIONS)


# --- Serving -------------------------------------------------------------------------------------
@pytest.fixture
def media_file():
    """Write a file straight into the media folder, as if it had come in some other way."""
    written = []

    def write(name, content):
        path = Path(settings.MEDIA_ROOT) / "original_images" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
        return f"{settings.MEDIA_URL}original_images/{name}"

    yield write
    for path in written:
        path.unlink()


@pytest.mark.parametrize(("name", "content"), [("hostile.svg", HOSTILE_SVG), ("page.html", HTML_PAGE)])
def test_media_that_could_run_script_is_served_sandboxed_as_a_download(client, media_file, name, content):
    response = client.get(media_file(name, content))

    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def test_a_raster_image_is_shown_inline_but_still_sandboxed(client, media_file):
    response = client.get(media_file("steppe.png", png_bytes()))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert "sandbox" in response["Content-Security-Policy"]


def test_documents_are_served_with_embedded_content_blocked(editor_client, client):
    upload_document(editor_client, "agreement.pdf", PDF)
    document = get_document_model().objects.get(title="Upload")

    response = client.get(document.url)

    assert response.status_code == 200
    assert "default-src 'none'" in response["Content-Security-Policy"]
