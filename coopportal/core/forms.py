"""What every portal form and filter shares, applied once here rather than field by field:

- an empty choice that says what it means — "None" on an optional form field, "Choose…" on a
  required one, "All" on a filter — never Django's `---------`;
- dates as `<input type="date">` (the browser's picker, in the person's locale; ISO on the wire);
- date-times as `<input type="datetime-local">` with the hint that the time is Italian time.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DJANGO_EMPTY_LABEL = "---------"
TIME_ZONE_HINT = _("Italian time (Europe/Rome).")


class EmptyChoiceLabel:
    """The label of a field's empty choice, read when the form renders: a form's own __init__ may
    make a field optional after the mixin ran (`self.fields["phase"].required = False`)."""

    def __init__(self, field, optional_label):
        self.field, self.optional_label = field, optional_label

    def __str__(self):
        return str(_("Choose…") if self.field.required else self.optional_label)

    def __eq__(self, other):
        return str(self) == str(other)

    def __hash__(self):
        return hash(str(self))


def _empty_label(field, *, optional_label):
    return EmptyChoiceLabel(field, optional_label)


def portal_fields(fields, *, optional_label):
    for field in fields.values():
        if isinstance(field, forms.ChoiceField) and hasattr(field, "empty_label"):
            # ModelChoiceField and django-filter's choice fields add the empty choice themselves
            if field.empty_label is not None:
                field.empty_label = _empty_label(field, optional_label=optional_label)
        elif isinstance(field, forms.ChoiceField):
            choices = list(field.choices)
            if choices and choices[0][0] in ("", None) and choices[0][1] == DJANGO_EMPTY_LABEL:
                label = _empty_label(field, optional_label=optional_label)
                field.choices = [("", label), *choices[1:]]
        elif isinstance(field, forms.DateTimeField):
            if getattr(field.widget, "input_type", None) != "datetime-local":
                field.widget = forms.DateTimeInput(
                    attrs={**field.widget.attrs, "type": "datetime-local"},
                    format="%Y-%m-%dT%H:%M",
                )
            if str(TIME_ZONE_HINT) not in str(field.help_text or ""):
                field.help_text = (
                    f"{field.help_text} {TIME_ZONE_HINT}" if field.help_text else TIME_ZONE_HINT
                )
        elif (
            isinstance(field, forms.DateField)
            and getattr(field.widget, "input_type", None) != "date"
        ):
            field.widget = forms.DateInput(
                attrs={**field.widget.attrs, "type": "date"}, format="%Y-%m-%d"
            )


class PortalFormMixin:
    """Put first in the bases of every portal form: `class X(PortalFormMixin, forms.Form)`."""

    optional_choice_label = _("None")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        portal_fields(self.fields, optional_label=self.optional_choice_label)


class PortalFilterFormMixin(PortalFormMixin):
    """For forms that filter a list: an empty choice means every item."""

    optional_choice_label = pgettext_lazy("empty choice of a filter", "All")


class PortalFilterSet(django_filters.FilterSet):
    """The base of the portal's filtersets: their forms get PortalFilterFormMixin."""

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (PortalFilterFormMixin, form_class), {})


class LenientFilterSet(PortalFilterSet):
    """A public list's filters: the valid ones apply even when others are invalid (those are left
    out of `cleaned_data` and shown as errors), instead of django-filter's empty list. An unbound
    filterset passes its queryset through `unfiltered` (the list's default order, say)."""

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all()
            if self.is_bound:
                self.form.is_valid()
                queryset = self.filter_queryset(queryset)
            else:
                queryset = self.unfiltered(queryset)
            self._qs = queryset
        return self._qs

    def unfiltered(self, queryset):
        return queryset
