"""Keep changing what sidebars show while a case runs: the "right after a change" cases.

    python -m bench.changer --explainer 12 --every 2 --seconds 60

Runs inside Django (bench settings), beside the server and a worker (bench/run.py starts all
three with one cache prefix, so the worker's warm-ups land where the server reads). Every
`every` seconds it publishes, in turn:
- a verdict change of a claim shown by one of the 50 newest stories (the partner list's
  first page), so that list's next answer has no warm entry and one story's context changed;
- the explainer with a new summary, so every story on that conflict shows a changed card
  (their context versions move; the worker warms the newest again).
Prints "ready" once its first change is made (the case starts then), and how many changes it
made, as JSON, when its time is up or it is told to stop (SIGTERM).
"""

import argparse
import json
import signal
import time

import django


def claims_on_the_first_page():
    from conflicts.models import Claim
    from newsroom.stories.models import ArticleClaimLink, ArticlePage

    newest = ArticlePage.objects.live().public().order_by("-display_date", "-id")[:50]
    linked = ArticleClaimLink.objects.filter(page__in=list(newest)).values("claim_id")
    return list(Claim.objects.filter(pk__in=linked, live=True).order_by("pk")[:20])


def change_verdict(claim, n: int) -> None:
    from conflicts.models import Verdict

    choices = [Verdict.CONFIRMED, Verdict.DISPUTED, Verdict.FALSE]
    claim.verdict = choices[n % len(choices)]
    claim.verdict_explanation = f"Changed by the benchmark ({n})."
    claim.save_revision().publish()


def change_explainer(explainer, n: int) -> None:
    explainer.summary = f"{explainer.summary.split(' [bench')[0]} [bench {n}]"
    explainer.save_revision().publish()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--explainer", type=int, required=True)
    parser.add_argument("--every", type=float, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    django.setup()
    from django.db import transaction

    from conflicts.models import ConflictExplainerPage

    explainer = ConflictExplainerPage.objects.get(pk=args.explainer)
    claims = claims_on_the_first_page()
    made = {"verdicts": 0, "explainer": 0}
    deadline = [time.monotonic() + args.seconds]
    signal.signal(signal.SIGTERM, lambda *_: deadline.__setitem__(0, 0))  # the case is over
    n = 0
    while time.monotonic() < deadline[0]:
        with transaction.atomic():  # as an editor's request (newsroom/worker/atomic.py)
            if n % 2 == 0 and claims:
                change_verdict(claims[(n // 2) % len(claims)], n)
                made["verdicts"] += 1
            else:
                explainer = ConflictExplainerPage.objects.get(pk=args.explainer)
                change_explainer(explainer, n)
                made["explainer"] += 1
        if n == 0:
            print("ready", flush=True)  # noqa: T201 (bench/run.py starts the case now)
        n += 1
        time.sleep(max(0.0, min(args.every, deadline[0] - time.monotonic())))
    print(json.dumps(made))  # noqa: T201


if __name__ == "__main__":
    main()
