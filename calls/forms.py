"""Forms of the calls app: validation only."""

import uuid
from decimal import Decimal

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from coopportal.accounts.models import Region, Sector
from coopportal.core.forms import PortalFormMixin


class SavedSearchForm(PortalFormMixin, forms.Form):
    """Keep the catalogue's current search (its query string), or follow a sector and/or a
    region: a new or newly opened call that matches is in the person's daily digest."""

    name = forms.CharField(label=_("Name of the search"), max_length=120, required=False)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)
    sector = forms.ModelChoiceField(
        label=_("Sector"), queryset=Sector.objects.all(), to_field_name="code", required=False
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), to_field_name="code", required=False
    )

    def clean(self):
        data = super().clean()
        sector, region = data.get("sector"), data.get("region")
        if not data.get("query"):
            if not (sector or region):
                raise forms.ValidationError(_("Choose a sector or a region to follow."))
            data["query"] = urlencode(
                [(key, obj.code) for key, obj in (("region", region), ("sector", sector)) if obj]
            )
        if not data.get("name"):
            names = [str(obj) for obj in (sector, region) if obj]
            if not names:
                raise forms.ValidationError(_("Give the search a name."))
            data["name"] = " · ".join(names)
        return {"name": data["name"], "query": data["query"]}


class ApplicationForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary of the project"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        required=False,
        help_text=_("What you want to do, with whom, for whom, and what will change."),
    )
    requested_amount = forms.DecimalField(
        label=_("Amount requested (€)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("999999999999"),
        required=False,
    )


class ApplicationCreateForm(ApplicationForm):
    """The new draft's form, with its one-time key (a new one each time the empty form is shown)."""

    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)


class BudgetLineForm(PortalFormMixin, forms.Form):
    description = forms.CharField(label=_("Item"), max_length=300)
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("999999999999"),
    )


class AttachmentForm(PortalFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(label=_("File"))


class InviteForm(PortalFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail of the member to invite"),
        help_text=_("They must be a verified member of the cooperative."),
    )


class DeclarationsForm(PortalFormMixin, forms.Form):
    rules = forms.MultipleChoiceField(
        label=_("I declare that the application meets"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, rules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rules"].choices = [(str(rule.pk), rule.title) for rule in rules]


class ReasonForm(PortalFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class ConflictForm(PortalFormMixin, forms.Form):
    conflict = forms.TypedChoiceField(
        label=_("Conflict of interest"),
        choices=[
            ("no", _("I have no conflict of interest with the applicants or the project")),
            ("yes", _("I have a conflict of interest: I will not review it")),
        ],
        widget=forms.RadioSelect,
        coerce=lambda value: value == "yes",
    )


class ScoreForm(PortalFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Overall comment (for the staff)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        required=False,
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                choices=[(str(n), str(n)) for n in range(1, 6)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
            )
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(criterion)s”") % {"criterion": criterion.name},
                max_length=2000,
                required=False,
            )

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data.get(f"note_{c.pk}", ""))
            for c in self.criteria
        }


class ActionResponseForm(PortalFormMixin, forms.Form):
    contribution = forms.CharField(
        label=_("What I bring"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=3000,
        help_text=_("Skills, time, places, contacts, ideas…"),
    )
    share_with_others = forms.BooleanField(
        label=_("The other respondents who agree may see my answer and my name"), required=False
    )
