# Shared by scripts/demo and scripts/test: everything the project needs that a fresh machine lacks
# is installed here, by the project itself.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
cd "$ROOT"

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else echo "Root is needed to install system packages: $*" >&2; return 1
    fi
}

APT_UPDATED=""
apt_install() {
    log "Installing system packages: $*"
    if [ -z "$APT_UPDATED" ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

python311() {
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            command -v "$candidate"; return
        fi
    done
    apt_install python3.11 python3.11-venv >&2
    command -v python3.11
}

# The virtual environment, reinstalled only when requirements.lock changes.
ensure_venv() {
    local stamp="$VENV/.requirements.sha256" wanted
    wanted="$(sha256sum requirements.lock | cut -d' ' -f1)"
    if [ ! -x "$PY" ]; then
        log "Creating the virtual environment in .venv"
        "$(python311)" -m venv "$VENV"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        log "Installing Python packages from requirements.lock"
        # Checked explicitly rather than through pipefail: set -e is suspended inside a function
        # called from a condition, and a failed install must never be stamped as done.
        local pip_log="$VENV/pip-install.log"
        if ! "$PY" -m pip install --quiet --disable-pip-version-check -r requirements.lock >"$pip_log" 2>&1; then
            grep -v "^WARNING: Location" "$pip_log" >&2 || true
            echo "Installing the Python packages failed (log: $pip_log)" >&2
            exit 1
        fi
        grep -v "^WARNING: Location" "$pip_log" || true
        "$PY" -c "import wagtail, wagtail_localize, pytest_django" # fail here, not later
        echo "$wanted" >"$stamp"
    fi
    ensure_libmagic
}

# python-magic (upload type checks) loads the system's libmagic.
ensure_libmagic() {
    "$PY" -c "import magic" 2>/dev/null && return
    apt_install libmagic1
    "$PY" -c "import magic"
}

# Template strings: the .po catalogues are the source, the .mo files are built here.
compile_messages() {
    command -v msgfmt >/dev/null 2>&1 || apt_install gettext
    "$PY" manage.py compilemessages --ignore=.venv -v0
}

# Cleanups run when the calling script exits, however it exits, last registered first.
EXIT_CLEANUPS=()
on_exit() {
    EXIT_CLEANUPS=("$1" "${EXIT_CLEANUPS[@]}")
    trap run_exit_cleanups EXIT
}
run_exit_cleanups() {
    local cleanup
    for cleanup in "${EXIT_CLEANUPS[@]}"; do "$cleanup" || true; done
}

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A throwaway PostgreSQL 15 cluster on a free loopback port, removed when the calling script exits.
# Exports DATABASE_URL. PostgreSQL refuses to run as root, so root runs it as the postgres user.
start_throwaway_postgres() {
    [ -x "$PG_BIN/initdb" ] || apt_install postgresql-15
    local run=() port
    PG_TMP="$(mktemp -d /tmp/museum-pg.XXXXXX)"
    PG_RUN=()
    # Set before anything can fail, so that a cluster that never started is removed all the same.
    on_exit stop_throwaway_postgres
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || as_root useradd --system --no-create-home postgres
        chown postgres "$PG_TMP"
        run=(runuser -u postgres --)
    fi
    PG_RUN=("${run[@]}")
    port="$(free_port)"
    log "Starting a throwaway PostgreSQL 15 on 127.0.0.1:$port ($PG_TMP)"
    # The cluster's own logs go when it is removed, so a failure prints them first.
    if ! "${run[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1; then
        cat "$PG_TMP/initdb.log" >&2
        echo "initdb failed" >&2
        exit 1
    fi
    # Durability is pointless for a cluster that is deleted in a minute; speed is not.
    # The server's options, kept for a script that stops and starts it again (bench/load).
    PG_OPTIONS="-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if ! "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w -o "$PG_OPTIONS" \
        start >/dev/null; then
        cat "$PG_TMP/server.log" >&2 || true
        echo "PostgreSQL did not start" >&2
        exit 1
    fi
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres museum
    export DATABASE_URL="postgres://postgres@127.0.0.1:$port/museum"
}

stop_throwaway_postgres() {
    if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP" ]; then
        if [ -f "$PG_TMP/data/postmaster.pid" ]; then
            "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_TMP"
        log "Stopped and removed the throwaway PostgreSQL"
    fi
}

# The test databases start as copies of one migrated database, "<name>_migrated" on the server of
# DATABASE_URL: migrating once and copying (CREATE DATABASE ... TEMPLATE, a file copy) replaces
# each pytest-xdist worker's own run of every migration. The migrated schema is also kept in
# .cache/test-database/, named by a hash of the migrations and the lock file, so a later run
# restores it in a second instead of migrating again. Exports TEST_DATABASE_TEMPLATE, which
# tests/database.py reads. Without PostgreSQL's client programs, pytest-django migrates as usual.
prepare_test_template() {
    [ -x "$PG_BIN/pg_restore" ] || return 0
    local base="${DATABASE_URL%%\?*}" name template_url digest folder dump
    name="${base##*/}"
    TEST_DATABASE_TEMPLATE="${name}_migrated"
    template_url="${base%/*}/$TEST_DATABASE_TEMPLATE"
    digest="$(
        { find . -path ./.venv -prune -o -path ./node_modules -prune -o -path '*/migrations/*.py' -type f -print \
            | LC_ALL=C sort | xargs cat; cat requirements.lock; } | sha256sum | cut -c1-16
    )"
    folder="$ROOT/.cache/test-database"
    dump="$folder/$digest.dump"
    "$PG_BIN/psql" -q -v ON_ERROR_STOP=1 "$DATABASE_URL" \
        -c "DROP DATABASE IF EXISTS \"$TEST_DATABASE_TEMPLATE\" WITH (FORCE)" \
        -c "CREATE DATABASE \"$TEST_DATABASE_TEMPLATE\""
    if [ -f "$dump" ]; then
        log "Test database: the migrated schema from .cache/test-database/$digest.dump"
        "$PG_BIN/pg_restore" --no-owner --exit-on-error -d "$template_url" "$dump"
    else
        log "Test database: migrating once (kept in .cache/test-database/ for the next run)"
        DATABASE_URL="$template_url" DJANGO_SETTINGS_MODULE=sites.settings.test "$PY" manage.py migrate -v0
        mkdir -p "$folder"
        rm -f "$folder"/*.dump
        "$PG_BIN/pg_dump" -Fc --no-owner -f "$dump.partial" "$template_url"
        mv "$dump.partial" "$dump"
    fi
    export TEST_DATABASE_TEMPLATE
}

# A throwaway Redis on a free loopback port, removed when the calling script exits: the shared cache
# (pages, fragments, site-root paths, sessions) that production uses, so tests exercise the same one.
# Exports REDIS_URL. Nothing is written to disk.
start_throwaway_redis() {
    command -v redis-server >/dev/null 2>&1 || apt_install redis-server
    local port
    REDIS_TMP="$(mktemp -d /tmp/museum-redis.XXXXXX)"
    on_exit stop_throwaway_redis
    port="$(free_port)"
    log "Starting a throwaway Redis on 127.0.0.1:$port"
    if ! redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes \
        --dir "$REDIS_TMP" --pidfile "$REDIS_TMP/redis.pid" --logfile "$REDIS_TMP/redis.log"; then
        cat "$REDIS_TMP/redis.log" >&2 || true
        echo "Redis did not start" >&2
        exit 1
    fi
    local waited=0
    until redis-cli -p "$port" ping >/dev/null 2>&1; do
        sleep 0.1
        waited=$((waited + 1))
        if [ "$waited" -gt 50 ]; then
            cat "$REDIS_TMP/redis.log" >&2 || true
            echo "Redis did not answer on port $port" >&2
            exit 1
        fi
    done
    REDIS_PORT="$port"
    export REDIS_URL="redis://127.0.0.1:$port/0"
}

stop_throwaway_redis() {
    if [ -n "${REDIS_TMP:-}" ] && [ -d "$REDIS_TMP" ]; then
        if [ -n "${REDIS_PORT:-}" ]; then
            redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
        fi
        rm -rf "$REDIS_TMP"
        log "Stopped and removed the throwaway Redis"
    fi
}

# Debian's Chromium: the browser tests drive it through Playwright (whose own download cannot work here).
ensure_chromium() {
    command -v chromium >/dev/null 2>&1 || apt_install chromium
}
