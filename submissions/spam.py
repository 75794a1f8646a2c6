"""Spam protection without outside services: a honeypot field, and a rate limit per client address.

- **Honeypot**: the form carries an extra text input (:data:`submissions.forms.HONEYPOT_FIELD`)
  that people never see nor reach (moved off-screen, ``aria-hidden``, ``tabindex="-1"``, no
  autocomplete). Bots fill every input; a post with it filled gets the ordinary thank-you page, so
  the bot learns nothing, and is neither stored nor e-mailed.
- **Rate limit** (django-ratelimit): each client address may send :data:`SUBMISSION_RATE` valid
  submissions per site; the next answer is 429 with the form and its data again. Only submissions
  that would be stored count, so a visitor correcting mistakes never uses up the allowance. The
  address is the one django-axes uses for login throttling (``TRUSTED_PROXY_COUNT``: the connection's
  own, or the one the trusted proxies report), so a forged ``X-Forwarded-For`` buys nothing.
  The counts live in Django's default cache: in production it must be shared by the application's
  processes (``CACHE_URL`` pointing at Redis or Memcached), or each process counts on its own.
  While that cache is out of reach nothing is counted (``RATELIMIT_FAIL_OPEN``): messages are taken.
"""

from axes.helpers import get_client_ip_address
from django_ratelimit.core import is_ratelimited

from .forms import HONEYPOT_FIELD

SUBMISSION_RATE = "5/10m"
RATE_GROUP = "submissions.form"


def filled_honeypot(request):
    return bool(request.POST.get(HONEYPOT_FIELD, "").strip())


def over_rate_limit(request, site_id, rate=SUBMISSION_RATE):
    """Count this submission for its address on site ``site_id``; True when it is one too many."""

    def key(group, request):
        return f"{site_id}:{get_client_ip_address(request) or 'unknown'}"

    return is_ratelimited(request, group=RATE_GROUP, key=key, rate=rate, method="POST", increment=True)
