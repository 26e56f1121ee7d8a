"""The benchmark's own PostgreSQL databases: one per corpus, made from a migrated template.

Migrating Wagtail from scratch takes half a minute, so the first run keeps a migrated,
empty template database (named after a hash of every migration file) and each corpus
database is a copy of it.
"""

import hashlib
import subprocess
import sys
from pathlib import Path

import psycopg
from psycopg import sql

from bench.env import bench_environ, database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def _admin():
    return psycopg.connect(database_url("postgres"), autocommit=True)


def exists(name: str) -> bool:
    with _admin() as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def server_answers() -> bool:
    """True when the PostgreSQL server at BENCH_POSTGRES accepts a connection."""
    try:
        exists("postgres")
    except psycopg.OperationalError:
        return False
    return True


def drop(name: str) -> None:
    with _admin() as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


# The settings docs/operations.md recommends for production, on the bench's databases:
# - random_page_cost 1.1: the default, 4, assumes spinning disks; with it the planner
#   hash-joins all 20,000 claims for the 300 a page of stories links (16 ms instead of 2).
# - no parallel workers per query: a web request's short queries pay ~15 ms to start them
#   (an actor's newest stories at 100,000 stories: 28 ms instead of 15), and under load
#   they only compete with other requests for the same CPUs.
PLANNER_SETTINGS = {"random_page_cost": "1.1", "max_parallel_workers_per_gather": "0"}


def tune(name: str) -> None:
    """Give database `name` the planner settings a production server on SSDs has."""
    with _admin() as conn:
        for setting, value in PLANNER_SETTINGS.items():
            conn.execute(
                sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(name), sql.Identifier(setting), sql.Literal(value)
                )
            )


def vacuum(name: str) -> None:
    """VACUUM ANALYZE database `name`: the state autovacuum keeps a production database in.

    A corpus is written in one go and the bench then publishes into it; with autovacuum off
    (as on some machines) or not yet run, its tables keep their dead rows (118,702 in the
    search index after building 100,000 stories, from reweighing every title) and no page is
    marked all-visible, so no query can read an index alone.
    """
    with psycopg.connect(database_url(name), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def corpus_label(name: str) -> str | None:
    """The label bench.corpus stored on the home page, or None when there is no corpus."""
    if not exists(name):
        return None
    with psycopg.connect(database_url(name)) as conn:
        try:
            row = conn.execute("SELECT intro FROM newsroom_homepage LIMIT 1").fetchone()
        except psycopg.errors.UndefinedTable:
            return None
    return row[0] if row else None


def _migrations_hash() -> str:
    """Changes when any migration file of the project or its installed packages does."""
    digest = hashlib.sha256()
    site_packages = Path(psycopg.__file__).resolve().parent.parent
    for root in (BASE_DIR / "conflicts", BASE_DIR / "newsroom", site_packages):
        for path in sorted(root.rglob("migrations/0*.py")):
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:10]


def create_migrated(name: str, log) -> None:
    """A fresh database `name`, migrated: copied from the template, made first if missing."""
    template = f"newsroom_bench_tpl_{_migrations_hash()}"
    if not exists(template):
        log(f"migrating a template database {template} (once; about half a minute)")
        with _admin() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(template)))
        try:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
                cwd=BASE_DIR,
                env=bench_environ(template),
                check=True,
            )
        except subprocess.CalledProcessError:
            drop(template)
            raise
    drop(name)
    with _admin() as conn:
        conn.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
