"""Media on an S3-compatible bucket: images public at addresses that never expire, documents private.

Why not signed URLs for everything: public pages are cached for minutes to hours, and an image's
signed URL (``X-Amz-Signature``, valid an hour by default) is written into the cached HTML. Once it
expires the cached page shows broken images until the page itself expires, and a longer signature
only moves the cliff. So the bucket is split by what Wagtail stores under each key prefix:

- **Images** — originals under ``original_images/`` and renditions under ``images/`` — are public.
  Their URLs carry no signature: the bucket's endpoint, or the CDN domain in front of it
  (``AWS_S3_CUSTOM_DOMAIN``). A bucket policy (:meth:`MediaStorage.public_read_policy`) lets anyone
  read, never list, those two prefixes and nothing else; no object ACLs are used, so buckets with
  ACLs disabled (the AWS default) work. Images are published content: Wagtail has no image privacy,
  and on the filesystem they were public at ``/media/`` too. Each carries a day's ``Cache-Control``:
  a replaced or deleted image is a new or missing key, and a day bounds how long a CDN may keep one.
- **Documents** (``documents/``) and anything else stay private. A document may belong to a private
  collection, which only Wagtail's document view enforces, so pages link to that view
  (``/documents/<id>/<name>``, ``WAGTAILDOCS_SERVE_METHOD = "serve_view"``): it checks the
  collection's restrictions at each download and streams the file from the bucket with Wagtail's
  download headers. A cached page holds an address that stays valid and still checks privacy; the
  bucket never answers for a document. Should code ask for a private object's URL anyway, it gets a
  short-lived signed URL to the bucket itself, never to the CDN.

**When the bucket is out of reach**, botocore's connection errors become :class:`StorageUnavailable`,
an ``OSError``: Wagtail then treats an image it cannot read as a missing file (the page renders, the
image is a broken link until the bucket returns, ``get_rendition_or_not_found``), and an upload in the
admin is answered with a message (``home.outage.StorageUnavailableMiddleware``). A file is sent
before its row is written (Django's ``FileField.pre_save``), so a failed upload leaves no row. The
client gives up after ``CONNECT_SECONDS`` and two attempts rather than botocore's minute and five.

One storage decides by prefix because Wagtail's image and document models (not swapped in this
project) both keep their files in the default storage; separate storages per kind would need custom
image and document models and their migrations.
"""

import functools

from django.utils.encoding import filepath_to_uri

from botocore.config import Config
from botocore.exceptions import BotoCoreError
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

# Where Wagtail puts original images and renditions (AbstractImage / AbstractRendition upload_to).
PUBLIC_PREFIXES = ("original_images/", "images/")
PUBLIC_CACHE_CONTROL = "public, max-age=86400"
# A private object's signed URL, for the rare caller that asks for one: long enough to follow.
PRIVATE_URL_SECONDS = 300
CONNECT_SECONDS = 3
READ_SECONDS = 20


class StorageUnavailable(OSError):
    """The media bucket could not be reached (refused, timed out, the connection dropped)."""


def _unreachable_is_unavailable(method):
    # BotoCoreError covers the connection-level errors; an S3 answer (a 404, a denial) is a
    # ClientError, which keeps its meaning.
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except BotoCoreError as error:
            raise StorageUnavailable(f"The media storage is out of reach: {error}") from error

    return wrapper


def is_public(name):
    """Whether the object stored as ``name`` is an image or rendition, readable by anyone."""
    return clean_name(name).startswith(PUBLIC_PREFIXES)


class MediaStorage(S3Storage):
    """django-storages' S3 storage with public, unsigned images and private, signed everything else."""

    querystring_auth = False  # what S3Storage.url() does for the public prefixes
    querystring_expire = PRIVATE_URL_SECONDS
    default_acl = None  # access is the bucket policy's business, never per object

    def __init__(self, **settings):
        super().__init__(**settings)
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=CONNECT_SECONDS,
                read_timeout=READ_SECONDS,
                retries={"max_attempts": 2, "mode": "standard"},
            )
        )

    _open = _unreachable_is_unavailable(S3Storage._open)
    _save = _unreachable_is_unavailable(S3Storage._save)
    delete = _unreachable_is_unavailable(S3Storage.delete)
    exists = _unreachable_is_unavailable(S3Storage.exists)
    size = _unreachable_is_unavailable(S3Storage.size)

    def get_object_parameters(self, name):
        params = super().get_object_parameters(name)
        if is_public(name):
            params.setdefault("CacheControl", PUBLIC_CACHE_CONTROL)
        return params

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_public(name):
            return super().url(name, parameters, expire, http_method)
        params = {
            **(parameters or {}),
            "Bucket": self.bucket_name,
            "Key": self._normalize_name(clean_name(name)),
        }
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )

    def public_read_policy(self):
        """The bucket policy that makes images readable by anyone, as a dict to send as JSON.

        ``s3:GetObject`` only (no listing), on the public prefixes only: documents stay private.
        """
        location = f"{self.location.strip('/')}/" if self.location else ""
        return {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicImages",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [
                        f"arn:aws:s3:::{self.bucket_name}/{filepath_to_uri(location + prefix)}*"
                        for prefix in PUBLIC_PREFIXES
                    ],
                }
            ],
        }
