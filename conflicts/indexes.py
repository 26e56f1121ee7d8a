"""The readers' lists of claims (/claims/, filterable) and actors (/actors/, by kind).

Each reads only what is public (Claim.objects.public(), Actor.objects.public(), live public
explainers) in a fixed number of queries however many rows there are.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from conflicts.methodology import UNCHECKED, UNCHECKED_LABEL
from conflicts.models import Actor, Claim, ConflictExplainerPage, Verdict

CLAIMS_PER_PAGE = 20
CLAIM_ROW_FIELDS = (
    *("statement", "slug", "made_on", "verdict", "verdict_explanation", "conflict_id"),
    *("claimant__name", "claimant__slug"),
)


@dataclass(frozen=True)
class FilterError:
    """A filter value readers sent that names nothing we list: field says which filter."""

    field: str
    message: str


@dataclass
class ClaimFilters:
    """What the claims index is narrowed to, and the choices its form offers."""

    verdict: str = ""
    actor: str = ""
    conflict: str = ""
    verdicts: list = field(default_factory=list)  # (value, label)
    actors: list = field(default_factory=list)  # Actor rows (name, slug)
    conflicts: list = field(default_factory=list)  # explainer pages (title, slug, url)
    error: FilterError | None = None

    @property
    def active(self) -> bool:
        return bool(self.verdict or self.actor or self.conflict)

    def query(self) -> str:
        """The filters as a query string prefix for page links ("verdict=false&" or "")."""
        params = {"verdict": self.verdict, "actor": self.actor, "conflict": self.conflict}
        encoded = urlencode({name: value for name, value in params.items() if value})
        return f"{encoded}&" if encoded else ""


def page_of(items, number, per_page: int):
    """Page `number` (None or "" for the first) of items, with `page_numbers` to link;
    a page that does not exist answers 404, saying which pages do."""
    paginator = Paginator(items, per_page)
    try:
        page = paginator.page(1 if number in (None, "") else number)
    except (PageNotAnInteger, EmptyPage) as error:
        raise Http404(
            _("There is no page %(number)s here: ?page= takes a number from 1 to %(last)s.")
            % {"number": number, "last": paginator.num_pages}
        ) from error
    page.page_numbers = list(
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


def claim_filters(params) -> ClaimFilters:
    """The filters in params (request.GET), checked against what readers may see: a value
    that names no verdict, no public claimant or no live public conflict with claims sets
    `error`, naming the field. Two queries (claimants, conflicts) and one for the
    conflicts' view restrictions."""
    public = Claim.objects.public()
    actors = list(
        Actor.objects.public()
        .filter(pk__in=public.values("claimant_id"))
        .only("name", "slug")
        .order_by("name", "pk")
    )
    conflicts = list(
        ConflictExplainerPage.objects.live_public()
        .filter(pk__in=public.values("conflict_id"))
        .only("title", "slug", "url_path", "path", "depth")
        .order_by("title", "pk")
    )
    filters = ClaimFilters(
        verdict=params.get("verdict", "").strip(),
        actor=params.get("actor", "").strip(),
        conflict=params.get("conflict", "").strip(),
        verdicts=[*Verdict.choices, (UNCHECKED, UNCHECKED_LABEL)],
        actors=actors,
        conflicts=conflicts,
    )
    known = {
        "verdict": {value for value, _label in filters.verdicts},
        "actor": {actor.slug for actor in actors},
        "conflict": {page.slug for page in conflicts},
    }
    messages = {
        "verdict": _("Verdict: “%(value)s” is not one of our verdicts. Choose one from the list."),
        "actor": _("Said by: we list no one as “%(value)s”. Choose someone from the list."),
        "conflict": _("Conflict: we list no conflict as “%(value)s”. Choose one from the list."),
    }
    for name, values in known.items():
        value = getattr(filters, name)
        if value and value not in values:
            shown = value if len(value) <= 40 else value[:39] + "…"
            filters.error = FilterError(name, messages[name] % {"value": shown})
            setattr(filters, name, "")  # the form offers the choices again
            break
    return filters


def filtered_claims(filters: ClaimFilters):
    """The public claims the filters allow, newest first, with only what a row shows."""
    claims = Claim.objects.public()
    if filters.verdict == UNCHECKED:
        claims = claims.filter(verdict="")
    elif filters.verdict:
        claims = claims.filter(verdict=filters.verdict)
    if filters.actor:
        claims = claims.filter(claimant__slug=filters.actor)
    if filters.conflict:
        conflict_ids = [page.pk for page in filters.conflicts if page.slug == filters.conflict]
        claims = claims.filter(conflict_id__in=conflict_ids)
    return claims.select_related("claimant").only(*CLAIM_ROW_FIELDS).order_by("-made_on", "-pk")


def claim_rows(claims, conflicts) -> list[dict]:
    """Each claim with its conflict when that is live and public (one of `conflicts`)."""
    by_id = {page.pk: page for page in conflicts}
    return [{"claim": claim, "conflict": by_id.get(claim.conflict_id)} for claim in claims]


@dataclass
class ActorGroup:
    kind: str
    label: str
    actors: list


def actors_by_kind() -> list[ActorGroup]:
    """Every public actor, alphabetical, grouped by kind in Actor.Kind's order: one query."""
    actors = Actor.objects.public().only("name", "slug", "kind", "description").order_by("name")
    groups = {kind: ActorGroup(kind.value, kind.label, []) for kind in Actor.Kind}
    for actor in actors:
        groups[actor.kind].actors.append(actor)
    return [group for group in groups.values() if group.actors]
