"""The board area is for the board only (PRODUCT.md: dashboard, answers, exports, reports)."""

import rules

from coopportal.accounts.permissions import is_board_member, is_staff_member

can_use_board_area = is_board_member
can_download_export = is_board_member
can_manage_meetings = is_board_member
can_edit_report_schedule = is_staff_member | is_board_member

rules.add_rule("board.use_area", can_use_board_area)
