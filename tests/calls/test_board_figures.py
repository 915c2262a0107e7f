"""What the calls app offers the board: applications and amounts of the period, calls followed,
the calls with most applications — in a constant number of queries."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from board.figures import period_summary
from calls import board_figures
from calls.models import Application, CallFollow
from coopportal.core.figures import Period
from tests.calls.factories import FundingCallFactory
from tests.factories import UserFactory
from tests.helpers.queries import count_queries

pytestmark = pytest.mark.django_db
Status = Application.Status


def _application(call, status, *, requested, funded=None, when=None):
    when = when or timezone.now()
    return Application.objects.create(
        call=call,
        lead=UserFactory(member=True),
        title="Progetto",
        status=status,
        requested_amount=Decimal(requested),
        funded_amount=funded,
        submitted_at=when,
        decided_at=when if status != Status.SUBMITTED else None,
        outcome_at=when if status in (Status.FUNDED, Status.NOT_FUNDED) else None,
    )


def _period():
    today = timezone.localdate()
    return Period(today - timedelta(days=30), today)


def test_the_numbers_of_the_period():
    call = FundingCallFactory(title="Bando grande")
    other = FundingCallFactory(title="Bando piccolo")
    _application(call, Status.SUBMITTED, requested="1000")
    _application(call, Status.APPROVED, requested="2000")
    _application(call, Status.FUNDED, requested="3000", funded=Decimal("2500.40"))
    _application(other, Status.REJECTED, requested="500")
    _application(other, Status.FUNDED, requested="9", when=timezone.now() - timedelta(days=90))
    CallFollow.objects.create(user=UserFactory(), call=call)
    items = {item.key: item for item in board_figures.figures(_period())}
    assert items["applications_submitted"].value == 4
    assert items["applications_approved"].value == 2  # approved, and funded since
    assert items["applications_funded"].value == 1
    assert items["amount_requested"].value == 6500
    assert items["amount_granted"].value == 2500
    assert items["calls_followed"].value == 1
    assert items["calls"].rows == [("Bando grande", 3), ("Bando piccolo", 1)]
    statuses = {str(series.label): sum(series.values) for series in items["applications"].series}
    assert statuses[str(Status.FUNDED.label)] == 1


def test_the_periodic_report_lists_them():
    _application(FundingCallFactory(), Status.SUBMITTED, requested="10")
    with translation.override("en"):
        rows = dict(period_summary(start=date.today() - timedelta(days=30), end=date.today()))
    assert rows["Applications submitted to the cooperative"] == 1


def test_the_figures_make_the_same_queries_with_more_data():
    def measure():
        return count_queries(lambda: board_figures.figures(_period()))

    _application(FundingCallFactory(), Status.SUBMITTED, requested="10")
    few = measure()
    for _ in range(5):
        call = FundingCallFactory()
        for status in (Status.SUBMITTED, Status.FUNDED, Status.REJECTED):
            _application(call, status, requested="100", funded=Decimal(50))
    assert measure() == few
