"""Every form and filterset of the portal: empty choices that say what they mean, date inputs with
the browser's picker, date-times with the time-zone hint (coopportal/core/forms.py)."""

import importlib
import inspect
import pkgutil

import django_filters
import pytest
from django import forms
from django.utils import translation

from coopportal.core.forms import TIME_ZONE_HINT, PortalFilterSet, PortalFormMixin

pytestmark = pytest.mark.django_db

PACKAGES = [
    "coopportal",
    "board",
    "workgroups",
    "calls",
    "training",
    "matching",
    "community",
    "spaces",
]


def _import_portal_modules():
    for package_name in PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if any(part in info.name for part in (".migrations", ".settings", ".management")):
                continue
            if info.name.rsplit(".", 1)[-1] in {"forms", "filters"} or ".forms." in info.name:
                importlib.import_module(info.name)


def _portal_subclasses(base):
    found, todo = set(), [base]
    while todo:
        for cls in todo.pop().__subclasses__():
            todo.append(cls)
            if cls.__module__.split(".")[0] in PACKAGES and not cls.__module__.endswith(
                ".core.forms"
            ):
                found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def portal_forms():
    _import_portal_modules()
    return [
        cls
        for cls in _portal_subclasses(forms.BaseForm)
        if not cls.__module__.startswith("coopportal.core.admin")  # the admin's own look
    ]


def portal_filtersets():
    _import_portal_modules()
    return _portal_subclasses(django_filters.FilterSet)


def keyword_arguments(cls):
    """Dummy values for the keyword-only arguments the portal's forms take."""
    from board.models import BoardMeeting
    from community.events.models import TimeSlot
    from community.maturity.questionnaire import CURRENT
    from tests.community.events.factories import event_make
    from tests.spaces.factories import make_resource
    from tests.workgroups.factories import ProposalFactory, WorkingGroupFactory
    from workgroups.models import Proposal

    values = {
        "group": lambda: WorkingGroupFactory(),
        "proposal": lambda: ProposalFactory(),
        "recommendations": lambda: Proposal.objects.all(),
        "meetings": lambda: BoardMeeting.objects.all(),
        "rows": lambda: [],
        "themes": lambda: ["Welfare"],
        "questionnaire": lambda: CURRENT,
        "resource": lambda: make_resource(),
        "event": lambda: event_make(),
        "slots": lambda: TimeSlot.objects.all(),
    }
    wanted = {}
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        for name, parameter in inspect.signature(init).parameters.items():
            if parameter.kind is parameter.KEYWORD_ONLY and name in values and name not in wanted:
                wanted[name] = values[name]()
    return wanted


def choice_labels(field):
    return [str(label) for _value, label in field.choices]


def test_discovery_finds_the_portals_forms_and_filtersets():
    names = {cls.__name__ for cls in portal_forms()}
    assert {"MembershipRequestForm", "MeetingForm", "ProposalForm", "GroupFilterForm"} <= names
    assert {cls.__name__ for cls in portal_filtersets()} >= {"RecommendationFilter"}


@pytest.mark.parametrize("language", ["it", "en"])
def test_no_form_or_filter_shows_dashes_as_empty_choice(language):
    with translation.override(language):
        for cls in portal_forms():
            assert issubclass(cls, PortalFormMixin), cls
            form = cls(**keyword_arguments(cls))
            for name, field in form.fields.items():
                if isinstance(field, forms.ChoiceField):
                    assert "---------" not in choice_labels(field), f"{cls.__name__}.{name}"
        for cls in portal_filtersets():
            assert issubclass(cls, PortalFilterSet), cls
            for name, field in cls().form.fields.items():
                if isinstance(field, forms.ChoiceField):
                    labels = choice_labels(field)
                    assert "---------" not in labels, f"{cls.__name__}.{name}"
                    assert labels[0] == translation.pgettext("empty choice of a filter", "All"), (
                        name
                    )


def test_optional_and_required_choices_say_so():
    from coopportal.accounts.forms import ProfileForm
    from workgroups.forms.groups import GroupFilterForm
    from workgroups.forms.meetings import MeetingForm

    with translation.override("en"):
        assert choice_labels(ProfileForm().fields["province"])[0] == "None"
        assert choice_labels(MeetingForm().fields["province"])[0] == "None"
        required = MeetingForm(require_province=True).fields["province"]
        assert choice_labels(required)[0] == "Choose…"
        assert choice_labels(GroupFilterForm().fields["region"])[0] == "All"
        assert '<option value="" selected>All</option>' in str(GroupFilterForm()["region"])


def test_date_fields_use_date_inputs_and_datetime_fields_say_the_time_zone():
    for cls in [*portal_forms(), *portal_filtersets()]:
        instance = cls(**keyword_arguments(cls)) if cls in portal_forms() else cls()
        fields = instance.fields if isinstance(instance, forms.BaseForm) else instance.form.fields
        for name, field in fields.items():
            where = f"{cls.__name__}.{name}"
            if isinstance(field, forms.DateTimeField):
                assert field.widget.input_type == "datetime-local", where
                assert str(TIME_ZONE_HINT) in str(field.help_text), where
            elif isinstance(field, forms.DateField):
                assert field.widget.input_type == "date", where


def test_the_boards_date_filters_render_as_wide_date_inputs(board_client):
    from django.urls import reverse

    html = board_client.get(reverse("board:index")).content.decode()
    for name in ("forwarded_after", "forwarded_before"):
        start = html.index(f'name="{name}"')
        tag = html[html.rindex("<input", 0, start) : html.index(">", start)]
        assert 'type="date"' in tag
        column = html[html.rindex("<div class=", 0, start) : start]
        assert "col-md-1" not in column  # one twelfth of the row cut the date to "mm/d"
