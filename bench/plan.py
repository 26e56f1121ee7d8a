"""Choose what each benchmark case requests, from the corpus in the bench database.

    python -m bench.plan --sample 200 --seed 1   (prints JSON; run by bench/run.py)

Runs inside Django (bench settings). Makes a partner key for the API cases (only its hash
is stored), picks article, explainer and actor URLs at random (seeded), and finds the
cursor of the API list's last page with DRF's own cursor encoder.
"""

import argparse
import json
import random

import django

SEARCH_WORDS = ["ceasefire", "convoy", "election", "checkpoint", "Actor 12", "peace talks"]
PAGE_SIZE = 50
# Wagtail API v2 lists a page's default fields (id, type, urls, slug, first published,
# title): ArticlePage declares no api_fields, so asking for more is a 400. Fewer fields
# than our list, which the comparison allows.


def last_page_cursor(page_size: int) -> str:
    """The API path of the last page of /api/v1/articles/, as following `next` would reach."""
    from rest_framework.pagination import Cursor

    from apikit.pagination import CursorPage
    from newsroom.stories.models import ArticlePage

    ordering = ("-display_date", "-id")  # the API's default order (newsroom/partners/api/views.py)
    articles = ArticlePage.objects.live().public().order_by(*ordering)
    total = articles.count()
    first_of_last = ((total - 1) // page_size) * page_size
    base = f"/api/v1/articles/?page_size={page_size}"
    if first_of_last == 0:
        return base
    before = articles[first_of_last - 1]
    pagination = CursorPage()
    pagination.base_url = base
    pagination.ordering = ordering
    pagination.page_size = page_size
    position = pagination._get_position_from_instance(before, ordering)
    # Offset 0: the corpus's dates are to the second, so ties are rare; run.py checks that
    # this page is the last one (no `next`) and holds what is left.
    return pagination.encode_cursor(Cursor(offset=0, reverse=False, position=position))


def check_last_page(path: str, key: str) -> None:
    """The crafted cursor must land where following `next` would: the last page, full."""
    from django.test import Client

    from newsroom.stories.models import ArticlePage

    response = Client().get(path, HTTP_AUTHORIZATION=f"Api-Key {key}")
    total = ArticlePage.objects.live().public().count()
    expected = total - ((total - 1) // PAGE_SIZE) * PAGE_SIZE
    data = response.json() if response.status_code == 200 else {}
    if data.get("next") is not None or len(data.get("results", [])) != expected:
        raise SystemExit(f"bench.plan: {path} is not the API's last page ({response.status_code})")


def make_plan(sample: int, seed: int) -> dict:
    from conflicts.models import Actor, ConflictExplainerPage
    from newsroom.partners.models import Partner, PartnerAPIKey
    from newsroom.stories.models import ArticlePage

    rng = random.Random(seed)
    partner, _ = Partner.objects.get_or_create(name="Bench partner")
    _, key = PartnerAPIKey.objects.create_key(partner=partner, name="bench")

    articles = list(ArticlePage.objects.live().public().values_list("pk", "url_path"))
    articles = rng.sample(articles, min(sample, len(articles)))
    site_root = len("/bench-home")
    article_paths = [url_path[site_root:] for _, url_path in articles]
    explainers = [
        p.url_path[site_root:]
        for p in ConflictExplainerPage.objects.live().public().only("url_path")
    ]
    actors = list(Actor.objects.filter(live=True).values_list("slug", flat=True))
    actors = rng.sample(actors, min(sample, len(actors)))
    ids = [pk for pk, _ in articles]
    # The conflict the "after a change" cases keep changing (bench/changer.py): the one with
    # the most stories, and a sample of its stories' pages.
    changed = (
        ArticlePage.objects.live()
        .public()
        .exclude(explainer=None)
        .values_list("explainer_id", flat=True)
        .order_by()
    )
    changed_id = max(set(changed), key=list(changed).count) if changed else None
    on_conflict = list(
        ArticlePage.objects.live()
        .public()
        .filter(explainer_id=changed_id)
        .values_list("url_path", flat=True)
    )
    on_conflict = rng.sample(on_conflict, min(sample, len(on_conflict)))
    api = {"Authorization": f"Api-Key {key}"}
    last_page = last_page_cursor(PAGE_SIZE)
    check_last_page(last_page, key)
    return {
        "api_headers": api,
        "article": article_paths,
        "article_cached": article_paths[:20],
        "article_on_conflict": [url_path[site_root:] for url_path in on_conflict],
        "changed_explainer": changed_id,
        "explainer": explainers,
        "actor": [f"/actors/{slug}/" for slug in actors],
        "search": [f"/search/?q={word.replace(' ', '+')}" for word in SEARCH_WORDS],
        "api_list": [f"/api/v1/articles/?page_size={PAGE_SIZE}"],
        "api_last_page": [last_page],
        "api_detail": [f"/api/v1/articles/{pk}/" for pk in ids],
        "ninjs_detail": [f"/api/v1/articles/{pk}/?format=ninjs" for pk in ids],
        "wagtail_v2_list": [f"/api/v2/pages/?type=newsroom.ArticlePage&limit={PAGE_SIZE}"],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    django.setup()
    print(json.dumps(make_plan(args.sample, args.seed)))  # noqa: T201


if __name__ == "__main__":
    main()
