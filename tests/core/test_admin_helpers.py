"""The admin helpers of core: `reason_action` (an action that asks for a reason, in one line) and
`ReadOnlyAdmin` (rows the portal writes itself)."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.utils import translation

from coopportal.accounts.models import Region
from coopportal.core.admin import ReadOnlyAdmin, reason_action
from coopportal.core.exceptions import DomainError

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def rename(*, region, by, why, suffix):
    """A service as the portal writes them: keyword arguments, the actor as `by=`."""
    if region.code == "99":
        raise DomainError("Not this one.")
    region.name = f"{region.name}{suffix} ({by.email}: {why})"
    region.save(update_fields=["name"])
    return region


class RegionAdmin(admin.ModelAdmin):
    actions = ["rename"]
    rename = reason_action(
        rename,
        arg="region",
        description="Rename the regions",
        title="Rename regions",
        require_reason=True,
        label="Why",
        reason_kw="why",
        permissions=["change"],
        select=lambda modeladmin, request, queryset: queryset.exclude(code="98"),
        suffix="!",
    )


def post(rf, user, data):
    request = rf.post("/admin/accounts/region/", data)
    request.user = user
    request._messages = CookieStorage(request)
    return request


@pytest.fixture
def regions():
    return [
        Region.objects.create(code="97", name="Alpha"),
        Region.objects.create(code="98", name="Skipped"),
        Region.objects.create(code="99", name="Refused"),
    ]


def test_reason_action_declares_an_admin_action():
    action = RegionAdmin.rename
    assert action.short_description == "Rename the regions"
    assert action.allowed_permissions == ["change"]


def test_reason_action_calls_the_service_for_each_object_with_the_reason(rf, superuser, regions):
    model_admin = RegionAdmin(Region, admin.site)
    request = post(rf, superuser, {"action": "rename", "apply": "1", "reason": "typo"})
    queryset = Region.objects.filter(pk__in=[r.pk for r in regions])
    with translation.override("it"):
        assert model_admin.rename(request, queryset) is None
    names = dict(Region.objects.filter(pk__in=[r.pk for r in regions]).values_list("code", "name"))
    assert names == {
        "97": f"Alpha! ({superuser.email}: typo)",
        "98": "Skipped",  # left out by `select`
        "99": "Refused",  # the service refused it
    }
    with translation.override("it"):
        texts = [str(m) for m in get_messages(request)]
    assert texts == ["Refused: Not this one.", "1 elemento gestito."]  # Italian by default


def test_reason_action_without_a_required_reason_asks_again_and_writes_nothing(
    rf, superuser, regions
):
    model_admin = RegionAdmin(Region, admin.site)
    request = post(rf, superuser, {"action": "rename", "apply": "1", "reason": ""})
    response = model_admin.rename(request, Region.objects.filter(code="97"))
    html = response.render().content.decode()
    assert "Rename regions" in html
    assert "Why" in html
    assert "errorlist" in html
    assert Region.objects.get(code="97").name == "Alpha"
    assert list(get_messages(request)) == []


def test_read_only_admin_opens_what_its_flags_say(rf, superuser):
    request = rf.get("/")
    request.user = superuser
    view_only = ReadOnlyAdmin(Region, admin.site)
    assert not view_only.has_add_permission(request)
    assert not view_only.has_change_permission(request)
    assert not view_only.has_delete_permission(request)
    assert view_only.has_view_permission(request)
    assert view_only.get_readonly_fields(request) == []

    class ForActions(ReadOnlyAdmin):
        allow_change = True
        allow_delete = True
        show_history = True
        readonly_fields = ["audit_history"]

    for_actions = ForActions(Region, admin.site)
    assert not for_actions.has_add_permission(request)
    assert for_actions.has_change_permission(request)
    assert for_actions.has_delete_permission(request)
    assert for_actions.get_readonly_fields(request) == ["audit_history", "id", "code", "name"]


def test_read_only_admin_still_asks_django_for_the_permission(rf, participant):
    class ForActions(ReadOnlyAdmin):
        allow_change = True
        allow_delete = True

    request = rf.get("/")
    request.user = participant  # no admin permission at all
    assert not ForActions(Region, admin.site).has_change_permission(request)
    assert not ForActions(Region, admin.site).has_delete_permission(request)


def test_no_admin_wraps_a_service_in_a_lambda_or_copies_the_read_only_base_again():
    found = []
    paths = [
        *ROOT.glob("*/admin.py"),
        *ROOT.glob("*/admin/*.py"),
        *ROOT.glob("coopportal/*/admin.py"),
    ]
    for path in paths:
        if ".venv" in path.parts or path.parent.name == "core":
            continue
        text = path.read_text()
        if re.search(r"run_with_reason\(", text) or re.search(r"class ReadOnlyAdmin\b", text):
            found.append(str(path.relative_to(ROOT)))
        if re.search(r"lambda obj, by, reason", text):
            found.append(str(path.relative_to(ROOT)))
    assert found == []
    assert len(paths) >= 8  # the scan saw the admin modules
