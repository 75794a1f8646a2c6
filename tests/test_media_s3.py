"""Media on S3 (home.storage), against a real S3 HTTP API on loopback (moto's server).

Images a cached page shows must not expire: their URLs are unsigned and the bucket policy lets anyone
read them. Documents stay private in the bucket and pages link to Wagtail's document view. The
storage settings are the ones sites/settings/base.py builds from the environment.
"""

import re

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model

import pytest

from home.storage import MediaStorage
from tests.s3 import PDF, fetch, png, publish_page, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("media", "media@example.org", "pw"))
    return client


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
