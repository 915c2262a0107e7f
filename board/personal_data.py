"""What the board area holds about a person (see coopportal.core.data_rights): exports and
reports they asked for, meetings they created, decisions they recorded. An erasure deletes every
finished export (its rows may name the person; the board builds it again on demand)."""

from coopportal.core.data_rights import delete_files, export_holds

from .models import ExportJob
from .services import exports_purge

HOLDS = {
    "board.ExportJob": ["requested_by"],
    "board.BoardMeeting": ["created_by"],
    "board.AgendaEntry": ["decided_by"],
    "board.ReportRun": ["requested_by"],
}


def export(user) -> dict[str, list[dict]]:
    return export_holds(HOLDS, user)


def erase(user) -> None:
    jobs = ExportJob.objects.all()
    delete_files(jobs.exclude(file=""), "file")
    jobs.delete()


def purge(now=None) -> int:
    """Exports past BOARD_EXPORT_KEEP_HOURS (the board's own hourly job does the same)."""
    return exports_purge()
