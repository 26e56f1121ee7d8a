"""The desk: the Wagtail dashboard as each newsroom role needs it.

Reporters see New story, My drafts and Recently published; fact-checkers Awaiting my
fact check, Claims awaiting a verdict and Recently published; editors (and superusers)
all of them, and Awaiting my sign-off for the workflow's last step. Each panel reads a
fixed number of queries however many stories there are, so the dashboard's cost does not
grow with the newsroom.

Wagtail's own "Awaiting your review" (it asks each fact-check step for its actions, a few
queries per story), "Your pages and snippets in a workflow" and "Your most recent edits"
say what these panels say, and are taken off the dashboard of anyone in a newsroom role.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.urls import reverse
from laces.components import Component
from wagtail.models import (
    GroupApprovalTask,
    Page,
    TaskState,
    WorkflowState,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from conflicts.models import Claim, FactCheckTask, Verdict
from newsroom.stories import roles
from newsroom.stories.models import ArticleClaimLink, ArticlePage, SectionPage

DRAFTS_SHOWN = 20
PUBLISHED_SHOWN = 10
CLAIMS_SHOWN = 20

# Wagtail's panels that the desk's panels replace (their Component.name).
REPLACED_PANELS = {
    "workflow_objects_to_moderate",  # by Awaiting my fact check / my sign-off
    "user_objects_in_workflow_moderation",  # by My drafts (it shows the step each is at)
    "recent_edits",  # by My drafts
}


def desk_roles(user) -> set[str]:
    """The newsroom roles user holds (one query); a superuser holds them all."""
    everyone = {roles.REPORTERS, roles.FACT_CHECKERS, roles.EDITORS}
    if user.is_superuser:
        return everyone
    return set(user.groups.filter(name__in=everyone).values_list("name", flat=True))


def construct_desk_panels(request, panels: list) -> None:
    """The construct_homepage_panels hook: the desk's panels for the user's roles, in place
    of the stock panels they replace. A user in no newsroom role keeps Wagtail's."""
    held = desk_roles(request.user)
    if not held:
        return
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.extend(panel() for panel in DESK_PANELS if held & panel.roles)


# --- What each panel lists --------------------------------------------------------------


def sections_for_new_story(user) -> list[SectionPage]:
    """The sections user may add a story to, in tree order (one query)."""
    addable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    return list(SectionPage.objects.filter(pk__in=addable.values("pk")).order_by("path"))


def in_progress_step_name():
    """A subquery: the name of the workflow step a story is at, if it is in one."""
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return Subquery(states.values("current_task_state__task__name")[:1])


def my_drafts(user) -> list[ArticlePage]:
    """user's own stories that are not live or have unpublished changes, last edited
    first, each with `step`: the workflow step it is at, or None (one query)."""
    return list(
        ArticlePage.objects.filter(owner=user)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .annotate(step=in_progress_step_name())
        .order_by(F("latest_revision_created_at").desc(nulls_last=True), "-pk")[:DRAFTS_SHOWN]
    )


def awaiting_review(user, task_model) -> list[dict]:
    """The stories at a step of task_model whose groups include user (any, for a
    superuser), waiting longest first: each with the step, who sent it and when (two
    queries; one when nothing waits)."""
    tasks = task_model.objects.filter(active=True)
    if not user.is_superuser:
        tasks = tasks.filter(groups__user=user)
    states = list(
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__in=tasks.values("pk"),
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        )
        .select_related("task", "workflow_state__requested_by")
        .order_by("started_at", "pk")
    )
    if not states:
        return []
    stories = ArticlePage.objects.in_bulk([int(s.workflow_state.object_id) for s in states])
    waiting = []
    for state in states:
        story = stories.get(int(state.workflow_state.object_id))
        if story is not None:  # another page type on the workflow: not a story
            waiting.append(
                {
                    "story": story,
                    "step": state.task.name,
                    "since": state.started_at,
                    "by": state.workflow_state.requested_by,
                }
            )
    return waiting


def claims_awaiting_verdict() -> tuple[list[Claim], bool]:
    """Claims linked from stories with no verdict yet, or only "reported", newest first,
    each with `stories`: the titles and ids of the stories that link it; and whether more
    wait than are listed (two queries; one when none waits)."""
    waiting = Claim.objects.filter(
        Q(verdict="") | Q(verdict=Verdict.REPORTED),
        Exists(ArticleClaimLink.objects.filter(claim=OuterRef("pk"))),
    )
    claims = list(
        waiting.select_related("claimant").order_by("-made_on", "-pk")[: CLAIMS_SHOWN + 1]
    )
    more = len(claims) > CLAIMS_SHOWN
    claims = claims[:CLAIMS_SHOWN]
    if not claims:
        return [], False
    links = (
        ArticleClaimLink.objects.filter(claim__in=[claim.pk for claim in claims])
        .order_by("page__path")
        .values_list("claim_id", "page_id", "page__draft_title")
    )
    stories = {}
    for claim_id, page_id, title in links:
        stories.setdefault(claim_id, []).append({"id": page_id, "title": title})
    for claim in claims:
        claim.stories = stories.get(claim.pk, [])
    return claims, more


def recently_published() -> list[ArticlePage]:
    """The last stories to go live, newest first (one query)."""
    return list(
        ArticlePage.objects.live()
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
        .select_related("locale")[:PUBLISHED_SHOWN]
    )


# --- The panels -------------------------------------------------------------------------


class DeskPanel(Component):
    """A dashboard panel of the desk, shown to the roles in `roles`."""

    name = ""
    heading = ""
    roles: frozenset = frozenset()
    order = 100

    @property
    def dom_id(self) -> str:
        return self.name.replace("_", "-")

    def items(self, request) -> dict:
        raise NotImplementedError

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        return {"request": request, "panel": self, **self.items(request)}


class NewStoryPanel(DeskPanel):
    name = "desk_new_story"
    heading = "New story"
    roles = frozenset({roles.REPORTERS, roles.EDITORS})
    order = 100
    template_name = "newsroom/desk/new_story.html"

    def items(self, request):
        return {
            "sections": [
                {
                    "section": section,
                    "url": reverse(
                        "wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk]
                    ),
                }
                for section in sections_for_new_story(request.user)
            ]
        }


class AwaitingReviewPanel(DeskPanel):
    template_name = "newsroom/desk/awaiting_review.html"
    task_model = None
    empty = ""

    def items(self, request):
        return {"waiting": awaiting_review(request.user, self.task_model)}


class AwaitingFactCheckPanel(AwaitingReviewPanel):
    name = "desk_awaiting_fact_check"
    heading = "Awaiting my fact check"
    roles = frozenset({roles.FACT_CHECKERS, roles.EDITORS})
    order = 110
    task_model = FactCheckTask
    empty = "No story is waiting for your fact check."


class AwaitingSignOffPanel(AwaitingReviewPanel):
    """The workflow's other steps (the editors' sign-off): what Wagtail's "Awaiting your
    review" showed editors, which the desk takes away."""

    name = "desk_awaiting_sign_off"
    heading = "Awaiting my sign-off"
    roles = frozenset({roles.EDITORS})
    order = 115
    task_model = GroupApprovalTask
    empty = "No story is waiting for your sign-off."


class MyDraftsPanel(DeskPanel):
    name = "desk_my_drafts"
    heading = "My drafts"
    roles = frozenset({roles.REPORTERS, roles.EDITORS})
    order = 120
    template_name = "newsroom/desk/my_drafts.html"

    def items(self, request):
        return {"drafts": my_drafts(request.user)}


class ClaimsAwaitingVerdictPanel(DeskPanel):
    name = "desk_claims_awaiting_verdict"
    heading = "Claims awaiting a verdict"
    roles = frozenset({roles.FACT_CHECKERS, roles.EDITORS})
    order = 130
    template_name = "newsroom/desk/claims_awaiting_verdict.html"

    def items(self, request):
        claims, more = claims_awaiting_verdict()
        return {"claims": claims, "more": more}


class RecentlyPublishedPanel(DeskPanel):
    name = "desk_recently_published"
    heading = "Recently published"
    roles = frozenset({roles.REPORTERS, roles.FACT_CHECKERS, roles.EDITORS})
    order = 140
    template_name = "newsroom/desk/recently_published.html"

    def items(self, request):
        return {"stories": recently_published()}


DESK_PANELS = [
    NewStoryPanel,
    AwaitingFactCheckPanel,
    AwaitingSignOffPanel,
    MyDraftsPanel,
    ClaimsAwaitingVerdictPanel,
    RecentlyPublishedPanel,
]
