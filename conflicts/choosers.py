"""The actor, claim and source choosers: find one, or create one without leaving the story.

One created in a chooser is made as in the snippet's own create view: validated by the
model (clean(), unique fields), saved as a draft with its first revision and logged
(Wagtail's create action), offered only to those who may add one, and chosen at once.
The claim chooser's rows show the whole statement, the claimant, the date and the verdict,
so that claims that begin alike ("Russia ...") can be told apart.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.actions import action_registry
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.models import DraftStateMixin
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)

from conflicts.models import Actor, Claim, ClaimSource, Source

# --- Creating from the chooser ------------------------------------------------------------


def create_draft(instance, user, form=None):
    """Create as the snippet's create view does: Wagtail's create action (a draft of a
    draftable snippet, its first revision, the "created" log entry). Permission is the
    caller's to check."""
    create = action_registry.get_action_class(type(instance), "create")
    return create(instance, user=user, form=form).execute(skip_permission_checks=True)


class DraftCreateView(SnippetCreateView):
    """The chooser's Create tab: the snippet's create action (a draft of a draftable
    snippet, its first revision, the "created" log entry), then the new one is chosen."""

    def get_creation_form_kwargs(self):
        return {**super().get_creation_form_kwargs(), "for_user": self.request.user}

    def save_form(self, form):
        return create_draft(form.instance, self.request.user, form)  # "add" checked in dispatch


class ActorCreationForm(WagtailAdminModelForm):
    class Meta:
        model = Actor
        fields = ["name", "kind", "description", "aliases"]
        widgets = {"aliases": forms.Textarea(attrs={"rows": 2})}


class ClaimCreationForm(WagtailAdminModelForm):
    """A claim's first draft, and optionally the source that shows it: a claim with no
    source is saved as a draft but never published, so citing it here spares a trip to the
    claim's page. Its verdict and related claims are added on the claim's page.

    The claimant is a list of actors, not an actor chooser: a chooser opened from inside
    this modal would close it (ModalWorkflow removes every open modal). An actor made a
    moment ago in the mention or actor chooser is in the list.

    A source web address already recorded cites that source; otherwise the source's fields
    make a new one, checked by the Source model's own rules (its errors show on the
    source_ fields), saved with its first revision, by someone who may add sources."""

    claimant = forms.ModelChoiceField(
        queryset=Actor.objects.only("name").order_by("name"),
        label=_("Claimant"),
        help_text=_("Who made the claim."),
        empty_label=_("Choose the claimant"),
    )
    source_url = forms.URLField(
        label=_("Source: web address"),
        required=False,
        assume_scheme="https",
        max_length=1000,
        help_text=_(
            "Optional: the document that shows the claim. A source already recorded with "
            "this address is cited as it is; otherwise fill in its title, publisher and kind."
        ),
    )
    source_title = forms.CharField(label=_("Source: title"), required=False, max_length=500)
    source_publisher = forms.CharField(label=_("Source: publisher"), required=False, max_length=255)
    source_kind = forms.ChoiceField(
        label=_("Source: kind"),
        required=False,
        choices=[("", "---------"), *Source.Kind.choices],
    )

    source_fields = ("url", "title", "publisher", "kind")

    class Meta:
        model = Claim
        fields = ["statement", "claimant", "made_on", "quote"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "quote": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        self.cited_source = self._clean_source(
            {name: cleaned.get(f"source_{name}") or "" for name in self.source_fields}
        )
        return cleaned

    def _clean_source(self, words):
        """The source to cite: one already recorded at the address, a new one (unsaved),
        or None when the source fields are left blank."""
        if not any(words.values()):
            return None
        if words["url"]:
            recorded = Source.objects.filter(url=words["url"]).first()
            if recorded is not None:
                return recorded
        if self.for_user is None or not self.for_user.has_perm("conflicts.add_source"):
            self.add_error(
                "source_url",
                _("You may not add sources: give the address of one already recorded."),
            )
            return None
        source = Source(**{**words, "url": words["url"] or None})
        try:
            source.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                field = f"source_{name}" if f"source_{name}" in self.fields else None
                self.add_error(field, messages)
            return None
        return source

    def save(self, commit=True):
        """Called by the claim's create action, in its transaction."""
        source = self.cited_source
        if source is not None:
            if source.pk is None:
                source = create_draft(source, self.for_user)
            self.instance.claim_sources = [ClaimSource(source=source, sort_order=0)]
        return super().save(commit=commit)


class SourceCreationForm(WagtailAdminModelForm):
    class Meta:
        model = Source
        fields = ["title", "publisher", "url", "published_on", "kind", "archive_url"]


class PrefillFromSearchMixin:
    """The Create tab starts from the words the chooser was opened to search for (the
    mention tool opens the actor chooser with the selected words as `q`)."""

    prefill_field = None

    def get_creation_form_kwargs(self):
        kwargs = super().get_creation_form_kwargs()
        search = self.request.GET.get("q", "").strip()
        if self.prefill_field and search and "data" not in kwargs:
            kwargs["initial"] = {self.prefill_field: search}
        return kwargs


# --- What the rows show --------------------------------------------------------------------


def publication_status(instance) -> str:
    if not instance.live:
        return _("draft")
    return _("live + draft") if instance.has_unpublished_changes else _("live")


class PublicationStatusColumn(StatusTagColumn):
    """Live or draft, read from the row itself: Wagtail's status column looks for a
    scheduled revision with one query per row."""

    def __init__(self, **kwargs):
        super().__init__(
            "publication_status",
            label=_("Status"),
            accessor=publication_status,
            primary=lambda instance: instance.live,
            **kwargs,
        )


def verdict_in_words(claim) -> str:
    return claim.get_verdict_display() if claim.verdict else _("Not checked yet")


class RowsMixin:
    """The chooser's title column in the editors' word, the columns that tell rows apart,
    and a status column that costs no query."""

    title_label = None
    title_accessor = None
    extra_columns = ()

    @property
    def title_column(self):
        column = super().title_column
        column.label = self.title_label or column.label
        column.accessor = self.title_accessor or column.accessor
        return column

    @property
    def columns(self):
        columns = [self.title_column, *self.extra_columns]
        if issubclass(self.model_class, DraftStateMixin):
            columns.append(PublicationStatusColumn())
        return columns


class ClaimSearchForm(BaseFilterForm):
    """Claims whose statement, quote or claimant (name or alias) has every word searched
    for: "Russia peacekeepers", "Peskov leave"."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Statement or claimant")}),
        required=False,
    )

    def filter(self, objects):
        objects = super().filter(objects)
        search = self.cleaned_data.get("q", "").strip()
        if search:
            for word in search.split():
                objects = objects.filter(
                    Q(statement__icontains=word)
                    | Q(quote__icontains=word)
                    | Q(claimant__name__icontains=word)
                    | Q(claimant__aliases__icontains=word)
                )
            self.is_searching = True
            self.search_query = search
        return objects


class ClaimRowsMixin(RowsMixin):
    filter_form_class = ClaimSearchForm
    title_label = _("Statement")
    title_accessor = "statement"  # whole, wrapped: __str__ cuts it at 80 characters
    extra_columns = (
        Column("claimant", label=_("Claimant")),
        Column("made_on", label=_("Date made")),
        Column("verdict", label=_("Verdict"), accessor=verdict_in_words),
    )

    def get_object_list(self):
        return Claim.objects.select_related("claimant")


class ClaimChooseView(ClaimRowsMixin, PrefillFromSearchMixin, ChooseView):
    prefill_field = "statement"


class ClaimChooseResultsView(ClaimRowsMixin, ChooseResultsView):
    pass


class ActorRowsMixin(RowsMixin):
    title_label = _("Name")
    extra_columns = (
        Column("description", label=_("Description")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
    )


class ActorChooseView(ActorRowsMixin, PrefillFromSearchMixin, ChooseView):
    prefill_field = "name"


class ActorChooseResultsView(ActorRowsMixin, ChooseResultsView):
    pass


class SourceRowsMixin(RowsMixin):
    extra_columns = (
        Column("publisher", label=_("Publisher")),
        Column("published_on", label=_("Date published")),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
    )


class SourceChooseView(SourceRowsMixin, PrefillFromSearchMixin, ChooseView):
    prefill_field = "title"


class SourceChooseResultsView(SourceRowsMixin, ChooseResultsView):
    pass


# --- The viewsets (SnippetViewSet.chooser_viewset_class in wagtail_hooks.py) ---------------


class DraftCreatingChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser whose Create tab makes a draft (DraftCreateView)."""

    create_view_class = DraftCreateView
    create_action_clicked_label = _("Creating…")


class ActorChooserViewSet(DraftCreatingChooserViewSet):
    choose_view_class = ActorChooseView
    choose_results_view_class = ActorChooseResultsView
    creation_form_class = ActorCreationForm
    creation_tab_label = _("New actor")
    create_action_label = _("Create actor draft")


class ClaimChooserViewSet(DraftCreatingChooserViewSet):
    choose_view_class = ClaimChooseView
    choose_results_view_class = ClaimChooseResultsView
    creation_form_class = ClaimCreationForm
    creation_tab_label = _("New claim")
    create_action_label = _("Create claim draft")


class SourceChooserViewSet(DraftCreatingChooserViewSet):
    choose_view_class = SourceChooseView
    choose_results_view_class = SourceChooseResultsView
    creation_form_class = SourceCreationForm
    creation_tab_label = _("New source")
    create_action_label = _("Create source")
