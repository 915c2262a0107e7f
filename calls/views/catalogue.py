"""The public catalogue of funding calls: the list with its filters and facets, a call's page,
and its documents. Open to everybody (visitors too)."""

import mimetypes
from decimal import Decimal

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from coopportal.accounts.models import EnterpriseSize
from coopportal.core.discovery import offered_links
from coopportal.core.facets import facet_blocks, list_link
from coopportal.core.http import serve_file
from coopportal.core.markdown import render_markdown
from coopportal.core.uploads import DOCUMENTS, extension_of

from ..selectors import catalogue as selectors
from . import follows

PAGE_SIZE = 20
FACET_PARAMS = ("funder_type", "sector", "region", "beneficiary", "for_members", "province")


def call_list(request):
    now = timezone.now()
    filterset, calls = selectors.call_list(params=request.GET, user=request.user, now=now)
    page = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_row(call, now) for call in page.object_list]
    form = filterset.form
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "facets": _facet_links(
            request.GET,
            selectors.cached_call_facets(
                request.GET, calls, any_status=filterset.any_status, now=now
            ),
        ),
        # carried by the search form: the valid choices of the sidebar
        "chosen": {
            name: request.GET.get(name, "") for name in FACET_PARAMS if name not in form.errors
        },
        "filter_errors": [e for errors in form.errors.values() for e in errors],
        "has_filters": any(request.GET.get(name) for name in (*FACET_PARAMS, "q", "days")),
    }
    return render(request, "calls/call_list.html", context)


def call_detail(request, pk, slug):
    call = selectors.call_get(pk=pk, user=request.user)
    if slug != (call.slug or "bando"):
        return redirect(call, permanent=True)
    now = timezone.now()
    deadline = selectors.upcoming_deadline(call, now)
    context = {
        "call": call,
        "body_html": render_markdown(call.body),
        "status": selectors.status_now(call, now),
        "countdown": selectors.countdown(deadline, now),
        "deadlines": [
            {
                "closes_at": d.closes_at,
                "label": d.label,
                "passed": d.closes_at <= now,
                "internal_at": call.internal_deadline_for(d.closes_at),
            }
            for d in call.deadlines.all()
        ],
        "amounts": _amounts(call),
        "sizes": [label for value, label in EnterpriseSize.choices if value in call.sizes],
        **follows.call_actions(request.user, call),
        "offered_links": offered_links("call_links", "for_call", request.user, call),
    }
    return render(request, "calls/call_detail.html", context)


def call_document(request, pk, slug, document_pk):
    """A kept file of a call as an attachment (never a link into /media/), or its link."""
    call = selectors.call_get(pk=pk, user=request.user)
    document = selectors.call_document_get(call=call, pk=document_pk)
    if not document.file:
        return redirect(document.url)
    name = document.file.name
    types = {ext: kind for kind, exts in DOCUMENTS.items() for ext in exts}
    content_type = types.get(extension_of(name)) or mimetypes.guess_type(name)[0]
    return serve_file(
        document.file,
        filename=name,
        content_type=content_type or "application/octet-stream",
        private=not call.is_published,
    )


def _facet_links(params, facets) -> list[dict]:
    """The sidebar: per facet, its options as links with counts, the chosen one marked."""
    titles = {
        "status": _("Status"),
        "funder_type": _("Funder type"),
        "region": _("Region"),
        "sector": _("Sector"),
        "beneficiary": _("Beneficiary"),
    }
    blocks = facet_blocks(params, facets, titles)
    # without a status the list shows the open and forthcoming calls: say so, not "Any"
    blocks[0]["clear_label"] = _("Open and forthcoming")
    chosen = params.get("for_members") in ("true", "on", "1", "True")
    blocks.append(
        {
            "name": "for_members",
            "title": _("For whom"),
            "options": [
                {
                    "label": _("Aid for the members themselves"),
                    "count": facets["for_members"],
                    "active": chosen,
                    "url": list_link(params, for_members="true"),
                }
            ]
            if facets["for_members"]
            else [],
            "clear_url": list_link(params, for_members=None) if chosen else "",
        }
    )
    return blocks


def _row(call, now):
    deadline = selectors.upcoming_deadline(call, now)
    return {
        "call": call,
        "status": selectors.status_now(call, now),
        "deadline": deadline,
        "countdown": selectors.countdown(deadline, now),
        "territory": _territory(call),
    }


def _territory(call) -> str:
    """A short summary of where a call applies (from the prefetched rows)."""
    parts = []
    if call.whole_italy:
        parts.append(_("The whole of Italy"))
    regions = [r.name for r in call.regions.all()]
    provinces = [p.sigla for p in call.provinces.all()]
    if regions:
        parts.append(", ".join(regions[:3]) + ("…" if len(regions) > 3 else ""))
    if provinces:
        parts.append(", ".join(provinces[:5]) + ("…" if len(provinces) > 5 else ""))
    if call.abroad:
        parts.append(_("Abroad"))
    return " · ".join(parts)


def _number(value: Decimal) -> str:
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, places, use_l10n=True, force_grouping=True)


def _euro(value: Decimal | None) -> str:
    return "" if value is None else f"€ {_number(value)}"


def _amounts(call) -> list[dict]:
    """Minimum, maximum, budget and co-financing: the parsed value and, when the source wrote it
    otherwise, its own words."""
    rows = []
    for label, value, raw in (
        (_("Minimum amount"), _euro(call.min_amount), call.min_amount_raw),
        (_("Maximum amount"), _euro(call.max_amount), call.max_amount_raw),
        (_("Total budget"), _euro(call.total_budget), call.total_budget_raw),
        (
            _("Co-financing required"),
            f"{_number(call.cofinancing_rate)}%" if call.cofinancing_rate is not None else "",
            call.cofinancing_raw,
        ),
    ):
        raw = (raw or "").strip()
        rows.append({"label": label, "value": value, "raw": raw if raw and raw != value else ""})
    return rows
