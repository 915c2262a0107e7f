"""The board area's pages: visitors go to the login page, everybody but the board gets a 403."""

from coopportal.core.http import role_required

from .. import permissions

board_required = role_required(permissions.can_use_board_area)
