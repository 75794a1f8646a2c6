"""Django's Redis cache backend, with one client per connection pool, that serves on when Redis is
out of reach.

**One client per pool.** Django's ``RedisCacheClient.get_client`` makes a new ``redis.Redis`` for
every cache call, and redis-py fills each new client's table of about 170 response callbacks. On the
benchmark's machine that was 0.14 ms of a 0.5 ms page-cache hit (``home.page_cache``), a quarter of
what a cached page costs. A client holds nothing but its pool and is safe to share between threads;
the pool reconnects after a fork (gunicorn's workers).

**Redis out of reach.** Everything kept in this cache can be rebuilt (pages, routes, counts; sessions
are written through to the database), so an unreachable Redis must cost speed, never a page. Django's
backend raises ``redis.ConnectionError`` into every request instead. Here a read is a miss, a write
is dropped, and for ``DOWN_SECONDS`` after a failure the cache is not even tried, so a visitor does
not wait for a refused (or timed-out) connection several times per page. Rate limits count nothing
while it is down (``django-ratelimit`` reads a failed count as the first request): the forms stay
open rather than refusing everyone.

A write or a delete that was dropped may have been an invalidation (``home.cache_invalidation``): if
Redis was only out of reach, not restarted, it may still hold pages that changed meanwhile. So the
first call that reaches it again empties it before anything is read from it.

Why not django-redis's ``IGNORE_EXCEPTIONS``: it swaps the whole backend (its own URL parsing and
serialisation) and has no notion of the dropped invalidations above.

``CACHE_URL=redis://…`` selects it (``sites/settings/base.py``, which also bounds its timeouts).
"""

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
# How long a process leaves Redis alone after it failed to answer.
DOWN_SECONDS = 5.0


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


def _serves_without_redis(when_down, *, writes):
    """Wraps a cache method: ``when_down(*args, **kwargs)`` answers it while Redis is out of reach."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                self._missed_writes = self._missed_writes or writes
                return when_down(*args, **kwargs)
            try:
                if self._missed_writes:
                    self._empty_after_outage()
                return method(self, *args, **kwargs)
            except UNREACHABLE:
                self._went_down()
                self._missed_writes = self._missed_writes or writes
                return when_down(*args, **kwargs)

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _unknown(key, *args, **kwargs):
    # What Django's backends raise for a missing key, and what django-ratelimit catches.
    raise ValueError(f"Key {key!r} not found.")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
        self._down_until = 0.0
        self._missed_writes = False
        self._lock = threading.Lock()

    def _went_down(self):
        with self._lock:
            if time.monotonic() >= self._down_until:
                logger.warning("Redis is out of reach: serving uncached for %.0f s.", DOWN_SECONDS)
            self._down_until = time.monotonic() + DOWN_SECONDS

    def _empty_after_outage(self):
        super().clear()  # raises if Redis is still out of reach, and the flag stays set
        self._missed_writes = False
        logger.warning("Redis is back: emptied, since invalidations may have been missed.")

    def ping(self):
        """Redis's own answer, its errors raised: for the health check (``home.health``)."""
        return self._cache.get_client(write=True).ping()

    get = _serves_without_redis(_default, writes=False)(DjangoRedisCache.get)
    get_many = _serves_without_redis(_empty, writes=False)(DjangoRedisCache.get_many)
    has_key = _serves_without_redis(_false, writes=False)(DjangoRedisCache.has_key)
    add = _serves_without_redis(_false, writes=True)(DjangoRedisCache.add)
    set = _serves_without_redis(_nothing, writes=True)(DjangoRedisCache.set)
    set_many = _serves_without_redis(lambda data, *a, **k: list(data), writes=True)(DjangoRedisCache.set_many)
    touch = _serves_without_redis(_false, writes=True)(DjangoRedisCache.touch)
    delete = _serves_without_redis(_false, writes=True)(DjangoRedisCache.delete)
    delete_many = _serves_without_redis(_nothing, writes=True)(DjangoRedisCache.delete_many)
    incr = _serves_without_redis(_unknown, writes=True)(DjangoRedisCache.incr)
    clear = _serves_without_redis(_false, writes=True)(DjangoRedisCache.clear)
