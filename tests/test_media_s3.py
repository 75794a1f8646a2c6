"""Media on S3 (home.storage), against a real S3 HTTP API on loopback (moto's server).

Images a cached page shows must not expire: their URLs are unsigned and the bucket policy lets anyone
read them. Documents stay private in the bucket and pages link to Wagtail's document view. The
storage settings are the ones sites/settings/base.py builds from the environment.
"""

import io
import json
import os
import re
import runpy
import urllib.error
import urllib.request
import uuid
from unittest import mock

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import boto3
import pytest
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage

from home.models import StandardPage
from home.storage import MediaStorage

pytestmark = pytest.mark.django_db

CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_settings(endpoint, bucket):
    """STORAGES and the document serving method as base settings read them from this environment."""
    environment = {
        "MEDIA_STORAGE": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": CREDENTIALS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": CREDENTIALS["aws_secret_access_key"],
        "AWS_S3_CUSTOM_DOMAIN": "",
    }
    with mock.patch.dict(os.environ, environment):
        base = runpy.run_path(str(django_settings.BASE_DIR / "sites" / "settings" / "base.py"))
    return {"STORAGES": base["STORAGES"], "WAGTAILDOCS_SERVE_METHOD": base["WAGTAILDOCS_SERVE_METHOD"]}


class Bucket:
    def __init__(self, endpoint, name):
        self.endpoint, self.name = endpoint, name
        self.client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **CREDENTIALS)

    def keys(self):
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def plain_url(self, key):
        """The object's address with no signature: what anyone on the internet could try."""
        return f"{self.endpoint}/{self.name}/{key}"


@pytest.fixture
def bucket(s3_endpoint, settings):
    """A fresh bucket per test, set up as docs/deployment.md says, and the site's media in it."""
    bucket = Bucket(s3_endpoint, f"media-{uuid.uuid4().hex[:12]}")
    bucket.client.create_bucket(Bucket=bucket.name)
    for name, value in s3_settings(s3_endpoint, bucket.name).items():
        setattr(settings, name, value)  # Django's setting_changed handler drops the cached storages
    bucket.client.put_bucket_policy(
        Bucket=bucket.name, Policy=json.dumps(default_storage.public_read_policy())
    )
    return bucket


def fetch(url):
    """An anonymous GET over HTTP: (status, headers, body)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, b""


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("media", "media@example.org", "pw"))
    return client


def png(colour, size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile("plaque.png", buffer.getvalue())


def upload(client, kind, upload_file):
    root = Collection.get_first_root_node()
    response = client.post(
        f"/admin/{kind}/add/", {"title": "Gold plaque", "file": upload_file, "collection": root.pk}
    )
    assert response.status_code == 302, response.context["form"].errors
    model = get_image_model() if kind == "images" else get_document_model()
    return model.objects.get(title="Gold plaque")


def publish_page(network, slug, body):
    home = network["nmrk"]["home"]["en"]
    page = home.add_child(instance=StandardPage(title=slug.title(), slug=slug, body=body))
    page.save_revision().publish()
    return page


def test_images_on_pages_have_unsigned_public_urls_that_cannot_expire(network, get, admin_client, bucket):
    image = upload(admin_client, "images", png("gold"))
    block = {"image": image, "alt_text": "A gold plaque", "decorative": False}
    publish_page(network, "hall", [("image", {"image": block, "caption": "", "credit": ""})])

    html = get("nmrk", "/en/hall/").content.decode()

    urls = set(re.findall(rf"{re.escape(bucket.endpoint)}/[^\"\s,]+", html))
    assert urls, "the page shows the image from the bucket"
    assert "X-Amz" not in html and "Signature" not in html
    for url in urls:
        assert url.startswith(bucket.plain_url("images/")), url
        status, headers, body = fetch(url)
        assert status == 200
        assert headers["Cache-Control"] == "public, max-age=86400"
        assert headers["Content-Type"].startswith("image/") and body
    # The original is public too, at its plain address.
    assert image.file.url == bucket.plain_url(image.file.name)
    assert fetch(image.file.url)[0] == 200


def test_replacing_an_image_file_removes_the_old_file_and_its_renditions(
    admin_client, bucket, django_capture_on_commit_callbacks
):
    image = upload(admin_client, "images", png("gold"))
    old_rendition = image.get_rendition("width-20").file.name
    old_original = image.file.name
    assert bucket.keys() == {old_original, old_rendition}

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/images/{image.pk}/",
            {"title": "Gold plaque", "file": png("navy", (60, 40)), "collection": image.collection_id},
        )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.width == 60
    assert bucket.keys() == {image.file.name}
    assert image.file.name != old_original
    assert fetch(bucket.plain_url(old_original))[0] == 404


def test_deleting_an_image_leaves_nothing_in_the_bucket(
    admin_client, bucket, django_capture_on_commit_callbacks
):
    image = upload(admin_client, "images", png("gold"))
    image.get_rendition("width-20")
    image.get_rendition("fill-10x10")
    assert len(bucket.keys()) == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/images/{image.pk}/delete/")

    assert response.status_code == 302
    assert not get_image_model().objects.filter(pk=image.pk).exists()
    assert bucket.keys() == set()


def test_documents_stay_private_and_pages_link_to_wagtails_document_view(network, get, admin_client, bucket):
    document = upload(admin_client, "documents", SimpleUploadedFile("agreement.pdf", PDF))
    publish_page(network, "papers", [("document", {"document": document, "label": "The agreement"})])
    assert bucket.keys() == {document.file.name}
    assert document.file.name.startswith("documents/")

    html = get("nmrk", "/en/papers/").content.decode()

    assert f'href="/documents/{document.pk}/agreement.pdf"' in html
    assert bucket.endpoint not in html
    # The bucket refuses the object to anyone without credentials...
    assert fetch(bucket.plain_url(document.file.name))[0] == 403
    # ...and Wagtail's view, after its privacy checks, streams it with its own headers.
    response = get("nmrk", f"/documents/{document.pk}/agreement.pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_with_a_cdn_images_name_it_and_private_objects_are_signed_on_the_bucket_only():
    storage = MediaStorage(
        bucket_name="museum-media",
        endpoint_url="https://storage.example.kz",
        custom_domain="media.example.kz",
        addressing_style="path",
        region_name="us-east-1",
        access_key="testing",
        secret_key="testing",
    )

    assert (
        storage.url("images/plaque.width-800.webp") == "https://media.example.kz/images/plaque.width-800.webp"
    )
    assert storage.url("original_images/plaque.png") == "https://media.example.kz/original_images/plaque.png"
    signed = storage.url("documents/agreement.pdf")
    assert signed.startswith("https://storage.example.kz/museum-media/documents/agreement.pdf?")
    assert "Signature=" in signed  # SigV2 or SigV4, whichever the region takes
    assert storage.public_read_policy()["Statement"][0]["Resource"] == [
        "arn:aws:s3:::museum-media/original_images/*",
        "arn:aws:s3:::museum-media/images/*",
    ]
