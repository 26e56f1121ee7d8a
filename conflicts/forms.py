"""Admin forms that need more than the model's own validation."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

NO_SOURCE_MESSAGE = _(
    "Sources: add at least one source that shows this claim before publishing it."
)


class ClaimForm(WagtailAdminModelForm):
    """Refuses to publish a claim whose sources are all missing or deleted."""

    def clean(self):
        cleaned = super().clean()
        if "action-publish" in self.data and not self._has_source():
            self.add_error(None, NO_SOURCE_MESSAGE)
        return cleaned

    def _has_source(self) -> bool:
        formset = self.formsets.get("claim_sources")
        if formset is None:
            return False
        formset.is_valid()  # cleans the inline forms; their own errors are reported as usual
        return any(
            form.cleaned_data.get("source") and not form.cleaned_data.get("DELETE")
            for form in formset.forms
            if hasattr(form, "cleaned_data")
        )
