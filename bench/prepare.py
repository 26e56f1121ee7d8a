"""What is ready before any case runs: the corpus in its own database (built once per
label, migrated and vacuumed on later runs) and the static files, collected when changed."""

import json
import subprocess
import sys
from pathlib import Path

from bench import corpus, database
from bench.processes import BASE_DIR, django_command, env
from bench.progress import log

STATIC_DIR = {"hashed": BASE_DIR / "var/bench/static", "plain": BASE_DIR / "var/bench/static-plain"}


def ensure_corpus(args) -> dict:
    """The corpus args describe, in args.database (built unless it is there): what it is."""
    label = corpus.corpus_label(args)
    if not args.rebuild and database.corpus_label(args.database) == label:
        log(f"corpus present in {args.database}; applying any new migrations")
        django_command(args, ["manage.py", "migrate", "--no-input", "-v0"])
        database.tune(args.database)
        database.vacuum(args.database)
        return {"database": args.database, "built_now": False, **json.loads(label)}
    log(f"building the corpus in {args.database}")
    database.create_migrated(args.database, log)
    database.tune(args.database)
    proc = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-m",
            "bench.corpus",
            f"--articles={args.articles}",
            f"--actors={args.actors}",
            f"--claims={args.claims}",
            f"--explainers={args.explainers}",
            f"--seed={args.seed}",
        ],
        cwd=BASE_DIR,
        env=env(args),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        database.drop(args.database)  # never leave half a corpus that looks whole
        raise SystemExit("bench: building the corpus failed")
    built = json.loads(proc.stdout)
    log(f"corpus built in {built['seconds']} s")
    database.vacuum(args.database)
    return {
        "database": args.database,
        "built_now": True,
        "build_seconds": built["seconds"],
        **json.loads(label),
    }


def collect_static(args) -> Path:
    """The static root for --static, collected again when a source file is newer."""
    static_root = STATIC_DIR[args.static]
    manifest = static_root / "staticfiles.json"
    # Every app's static folder (newsroom/stories/static, conflicts/static ...).
    sources = [d for app in ("newsroom", "conflicts") for d in (BASE_DIR / app).rglob("static")]
    newest = max(
        (p.stat().st_mtime for d in sources if d.is_dir() for p in d.rglob("*") if p.is_file()),
        default=0,
    )
    done = static_root / ".collected"
    marker = manifest if args.static == "hashed" else done
    if not marker.exists() or marker.stat().st_mtime < newest:
        log("collecting static files (hashed and compressed: about a minute and a half)")
        django_command(args, ["manage.py", "collectstatic", "--no-input", "-v0"])
        done.touch()
    return static_root
