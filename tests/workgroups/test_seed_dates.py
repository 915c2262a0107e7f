"""The demo seed gives its rows their own past dates without touching the models: a portal saving
rows at the same time, on another connection, still gets "now" (auto_now) on them."""

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from tests.workgroups.factories import WorkingGroupFactory
from workgroups.models import Post, Thread
from workgroups.seed.rows import bulk


@pytest.mark.django_db
def test_bulk_keeps_the_dates_it_is_given_and_fills_the_missing_ones():
    group = WorkingGroupFactory()
    past = timezone.now() - timedelta(days=300)
    before = timezone.now()
    dated, undated = bulk(
        Thread,
        [
            Thread(group=group, title="Passato", created_at=past, updated_at=past),
            Thread(group=group, title="Adesso"),
        ],
    )
    dated = Thread.objects.get(pk=dated.pk)
    undated = Thread.objects.get(pk=undated.pk)
    assert (dated.created_at, dated.updated_at) == (past, past)
    assert undated.created_at >= before and undated.updated_at >= before
    thread = Thread.objects.create(group=group, title="Salvata dopo")
    assert thread.created_at >= before  # auto_now_add is untouched


@pytest.mark.django_db(transaction=True)
def test_rows_saved_while_the_seed_runs_get_the_time_they_were_saved():
    group = WorkingGroupFactory()
    failures = []

    def run_seed():
        try:
            call_command("seed_demo", scale=1)
        except Exception as error:
            failures.append(error)
        finally:
            connection.close()

    seeding = threading.Thread(target=run_seed)
    started = timezone.now()
    seeding.start()
    saved = []
    while seeding.is_alive():
        saved.append(Thread.objects.create(group=group, title=f"Nel frattempo {len(saved)}"))
    seeding.join()
    finished = timezone.now()

    assert not failures
    assert len(saved) > 1 and Post.objects.filter(thread__group__slug="formazione").exists()
    for row in Thread.objects.filter(pk__in=[t.pk for t in saved]):
        assert started <= row.created_at <= finished
        assert started <= row.updated_at <= finished
