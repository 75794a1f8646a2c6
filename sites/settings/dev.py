"""A developer's machine: the demo served by runserver with both museums on *.localhost."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, LOGGING, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"
# Any *.localhost name reaches Wagtail, so a host that is no museum's gets Wagtail's 404.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, ".localhost"]
SERVE_MEDIA = True
# Readable log lines on a developer's terminal (production writes JSON lines).
LOGGING["handlers"]["stdout"]["formatter"] = "console"
