"""The disk fills up while a board export is written (the disk is outside the machine: the file
write of the storage raises ENOSPC after the first chunk). The job fails visibly, and no partial
file is left in the media folder or served."""

import errno
import os

import pytest
from django.core.files import File
from django.core.files.storage import filesystem
from django.urls import reverse

from board.models import ExportJob
from board.services import exports
from tests.workgroups.factories import ProposalFactory

pytestmark = pytest.mark.django_db


class FullDisk:
    """A file object whose first write lands and whose next ones find the disk full."""

    def __init__(self, real):
        self.real, self.writes = real, 0

    def write(self, data):
        self.writes += 1
        if self.writes > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.real.write(data)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def full_disk(monkeypatch):
    real_fdopen = os.fdopen
    monkeypatch.setattr(filesystem.os, "fdopen", lambda *a, **k: FullDisk(real_fdopen(*a, **k)))


def media_files(settings):
    root = settings.MEDIA_ROOT
    return [os.path.join(d, f) for d, _, files in os.walk(root) for f in files]


def test_disk_full_while_an_export_is_written_fails_visibly_and_leaves_no_file(
    board, board_client, settings, full_disk, monkeypatch
):
    settings.BOARD_EXPORT_ASYNC_ABOVE = 0
    monkeypatch.setattr(File, "DEFAULT_CHUNK_SIZE", 256)  # a file of several chunks
    for index in range(10):
        ProposalFactory(forwarded=True, title=f"Raccomandazione numero {index}")
    job = exports.export_start(by=board, format="csv", filters={})
    assert job is not None and job.status == ExportJob.Status.PENDING

    exports.export_build(job_id=job.pk)  # what the worker runs

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "No space left" in job.error
    assert not job.file
    assert media_files(settings) == []  # nothing half-written left behind
    page = board_client.get(reverse("board:export_detail", args=[job.pk]))
    assert "alert alert-danger" in page.content.decode()  # "The export failed…", in their language
    download = board_client.get(reverse("board:export_download", args=[job.pk]))
    assert download.status_code == 404
