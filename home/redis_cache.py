"""Django's Redis cache backend, with one ``redis.Redis`` client per connection pool.

Why our own (a subclass of a few lines): Django's ``RedisCacheClient.get_client`` makes a new
``redis.Redis`` for every cache call, and redis-py fills each new client's table of about 170
response callbacks. On the benchmark's machine that was 0.14 ms of a 0.5 ms page-cache hit
(``home.page_cache``), a quarter of what a cached page costs. A client holds nothing but its pool
and is safe to share between threads; the pool reconnects after a fork (gunicorn's workers).
``CACHE_URL=redis://…`` selects it (``sites/settings/base.py``).
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


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


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
