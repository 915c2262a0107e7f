"""The export jobs' and report runs' tables (EXPORT_JOB, REPORT_RUN in board/workflows.py)."""

import pytest
from django.db import IntegrityError, transaction

from board.models import ExportJob, JobStatus, ReportRun
from board.workflows import EXPORT_JOB, REPORT_RUN
from coopportal.core.workflow import all_workflows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("wf", [EXPORT_JOB, REPORT_RUN], ids=repr)
def test_job_workflows_are_registered_and_their_tables_are_complete(wf):
    assert wf in all_workflows()
    wf.check()


@pytest.mark.parametrize("wf", [EXPORT_JOB, REPORT_RUN], ids=repr)
def test_a_done_job_moves_no_more_and_only_the_worker_moves_one(wf, board):
    job = wf.model(status=JobStatus.DONE)
    assert wf.targets(job) == frozenset()
    job.status = JobStatus.FAILED
    assert wf.can(None, job, JobStatus.RUNNING)  # a retry starts it again
    assert not wf.can(board, job, JobStatus.RUNNING)


def test_the_database_refuses_an_unknown_export_status():
    job = ExportJob.objects.create(format=ExportJob.Format.CSV)
    with pytest.raises(IntegrityError, match="board_export_status_valid"), transaction.atomic():
        ExportJob.objects.filter(pk=job.pk).update(status="lost")


def test_the_statuses_of_reports_are_the_jobs_statuses():
    assert ReportRun.Status is ExportJob.Status is JobStatus
