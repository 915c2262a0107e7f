"""Forms of the showcase of good practices: validation and layout only, no side effects."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import Region, Sector
from coopportal.core.forms import PortalFormMixin

from .models import FIRST_YEAR, TEXT_LIMIT, Practice
from .services import COVER_MAX_BYTES, linkable_calls, linkable_courses, linkable_groups

MARKDOWN_HINT = _("You can use Markdown: **bold**, *italics*, lists, links.")


class PracticeForm(PortalFormMixin, forms.ModelForm):
    """A case as its proposer writes it. The links offer only what anyone may open (active
    groups, published calls and courses): a tampered id is an invalid choice."""

    class Meta:
        model = Practice
        fields = [
            "title",
            "kind",
            "summary",
            "organisation",
            "region",
            "sector",
            "year",
            "problem",
            "actions",
            "results",
            "evidence",
            "people",
            "funding",
            "transferability",
            "groups",
            "calls",
            "courses",
        ]
        help_texts = {
            "problem": _("The need or the crisis the practice answered."),
            "actions": _("What was done, by whom, in which steps."),
            "results": _("What changed: jobs kept, services opened, turnover, people reached."),
            "evidence": _("How the results are known: figures, reports, links to sources."),
            "people": _("Who took part: workers, members, partners, the local community."),
            "funding": _("Where the money came from: own capital, loans, funds, calls."),
            "transferability": _("What another cooperative needs to repeat it elsewhere."),
        }
        widgets = {
            name: forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_LIMIT})
            for name in (
                "problem",
                "actions",
                "results",
                "evidence",
                "people",
                "funding",
                "transferability",
            )
        } | {
            "groups": forms.CheckboxSelectMultiple,
            "courses": forms.SelectMultiple(attrs={"size": 6}),
            "calls": forms.SelectMultiple(attrs={"size": 6}),
        }

    cover = forms.FileField(
        label=_("Cover image"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    cover_remove = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cover"].help_text = _("JPEG, PNG or WebP, at most %(size)d MB.") % {
            "size": COVER_MAX_BYTES // (1024 * 1024)
        }
        if not (self.instance and self.instance.cover):
            del self.fields["cover_remove"]
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["sector"].queryset = Sector.objects.order_by("code")
        self.fields["groups"].queryset = linkable_groups().order_by("name")
        self.fields["calls"].queryset = linkable_calls().order_by("title")
        self.fields["courses"].queryset = linkable_courses().order_by("title")
        for name in ("groups", "calls", "courses"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "One of the links chosen is not available."
            )
            self.fields[name].error_messages["invalid_pk_value"] = _(
                "One of the links chosen is not available."
            )
        for name in ("problem", "actions", "results", "evidence", "people", "funding"):
            self.fields[name].help_text = f"{self.fields[name].help_text} {MARKDOWN_HINT}"
        self.fields[
            "transferability"
        ].help_text = f"{self.fields['transferability'].help_text} {MARKDOWN_HINT}"
        self.fields["year"].widget.attrs.update(
            {"min": FIRST_YEAR, "max": timezone.localdate().year}
        )

    def clean_cover(self):
        from .exceptions import PracticeError
        from .services import cover_validate

        cover = self.cleaned_data.get("cover")
        if cover:
            try:
                cover_validate(cover)
            except PracticeError as exc:
                raise forms.ValidationError(exc.message) from None
        return cover

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("The year the practice started cannot be in the future."))
        return year


class DecisionForm(PortalFormMixin, forms.Form):
    """Staff's decision on a submitted case; the reason is required to return or reject it (the
    workflow checks it and answers with a message)."""

    reason = forms.CharField(
        label=_("Reason (the proposer will read it)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
