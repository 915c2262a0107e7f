from . import discussion, groups, meetings, proposals  # noqa: F401 - registers the ModelAdmins
