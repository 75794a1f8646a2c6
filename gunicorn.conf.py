"""gunicorn's settings for the museum sites: ``gunicorn`` run from the project root reads this file.

gunicorn reads ``PORT`` (the address it binds, default 127.0.0.1:8000 here) and ``WEB_CONCURRENCY``
(the number of workers) from the environment; ``GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000"`` overrides
any of this, e.g. in a container. Requests are logged by the application, one
JSON line each with its request id (home.observability), so gunicorn's own access log stays off.
"""

import multiprocessing
import os

wsgi_app = "sites.wsgi:application"
bind = [f"127.0.0.1:{os.environ['PORT']}" if os.environ.get("PORT") else "127.0.0.1:8000"]
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Sync workers behind nginx, which buffers slow clients; a page that takes 30 s has failed anyway.
worker_class = "sync"
timeout = 30
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so that a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = None
errorlog = "-"
# Heartbeat files in memory rather than on a disk that may be slow.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
