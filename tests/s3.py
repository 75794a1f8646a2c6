"""S3 on loopback for the tests: a real S3 HTTP API (moto's server) and a fresh bucket per test, set up
as docs/deployment.md says, with the site's media in it. Registered as a plugin by tests/conftest.py,
so that any module may ask for ``bucket``; the helpers are imported.
"""

import io
import json
import os
import runpy
import urllib.error
import urllib.request
import uuid
from unittest import mock

from django.conf import settings as django_settings
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


def png(colour, size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile("plaque.png", buffer.getvalue())


def upload(client, kind, upload_file, title="Gold plaque"):
    root = Collection.get_first_root_node()
    response = client.post(
        f"/admin/{kind}/add/", {"title": title, "file": upload_file, "collection": root.pk}
    )
    assert response.status_code == 302, response.context["form"].errors
    model = get_image_model() if kind == "images" else get_document_model()
    return model.objects.get(title=title)


def publish_page(network, slug, body):
    home = network["nmrk"]["home"]["en"]
    page = home.add_child(instance=StandardPage(title=slug.title(), slug=slug, body=body))
    page.save_revision().publish()
    return page
