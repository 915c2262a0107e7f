"""The permission matrix of the portal (issue 17): every URL name × every role → what it answers.

Read a row as: its default answer, then the roles that get something else.

    "calls:application_detail": "404 | visitor: login | co_applicant owner @staff: 200",

means: GET the page of the owner's application; the visitor is sent to log in, the co-applicant,
the owner, staff and the superuser see it (200), everybody else gets 404 (as if it did not exist).
A row starting with POST is a POST-only endpoint, sent an empty form: the roles without access
must be refused (403/404/login or a redirect with an error message, `302e`); for the others the
code says what an empty form gets (never a 5xx).

`tests/security/test_permission_matrix.py` requests every row as every role with real objects and
fails on any cell that differs, on a URL the resolver has and this table does not, and on a row
for a URL that is gone. The objects (one of each: a working group, its proposal, thread, meeting,
document; a call, an application, a review; courses, a certificate; an event; a practice; a space
and its booking; the board's meeting, export and report; a notification) are those of
`test_hostile_queries._make_data`; most belong to the *owner*.
"""

# The people. Each is one account; "member" means a verified member of the cooperative.
ROLES = (
    "visitor",  # not logged in
    "participant",  # an account whose membership is not verified, in no group
    "member",  # a member, active in the working group (not its coordinator)
    "other_group",  # a member, active in another working group only
    "coordinator",  # a member who coordinates the working group (owns none of its objects)
    "applicant",  # a member with an application of their own to the call (not the one in the URL)
    "co_applicant",  # a member who accepted to co-apply to the owner's application
    "reviewer",  # a member assigned a review of the submitted application (not the URL's review)
    "trainer",  # a member who teaches the courses (their trainer record has the account)
    "event_participant",  # a member registered at the event, who asked the owner for a meeting
    "owner",  # the member the objects belong to: coordinates the group, wrote the proposal and
    # the thread, applied to the call, is enrolled, holds the certificate, registered at the event,
    # booked the space, has the profile contacted, the saved searches and the notification
    "staff",  # staff (the Staff group), with an authenticator app
    "board",  # a member in the Board group, with an authenticator app; also active in the group
    # and the reviewer of the URL's review (as the shared data makes them)
    "superuser",  # a superuser (not a member of the cooperative), with an authenticator app
)

LEGEND = {
    "200": "the page (or file) is shown",
    "302": "redirected elsewhere, with no error message (done, or nothing to do: e.g. back)",
    "302e": "redirected with an error or warning message (refused or incomplete, nothing done)",
    "login": "redirected to the portal's login page",
    "admin_login": "redirected to the admin's login page",
    "mfa": "redirected to turn on the second factor",
    "400": "bad request (the empty form or a missing parameter)",
    "403": "forbidden",
    "404": "not found (the object is hidden from the role)",
    "405": "method not allowed",
}

# Shorthands for sets of roles (expanded in the rows).
ALIASES = {
    "@users": set(ROLES) - {"visitor"},  # every logged-in account
    "@members": {  # every verified member of the cooperative
        "member",
        "other_group",
        "coordinator",
        "applicant",
        "co_applicant",
        "reviewer",
        "trainer",
        "event_participant",
        "owner",
        "board",
    },
    "@group": {"member", "coordinator", "owner", "board"},  # active in the working group
    "@staff": {"staff", "superuser"},
}


def method(row: str) -> str:
    return "POST" if row.startswith("POST ") else "GET"


def expected(row: str) -> dict:
    """{role: code} of a row."""
    default, *exceptions = (part.strip() for part in row.removeprefix("POST ").split("|"))
    cells = dict.fromkeys(ROLES, default)
    for exception in exceptions:
        who, code = (side.strip() for side in exception.rsplit(":", 1))
        for token in who.split():
            for role in ALIASES.get(token, {token}):
                if role not in cells:
                    raise ValueError(f"unknown role {role!r} in {row!r}")
                cells[role] = code.strip()
    return cells


# --- the admin ------------------------------------------------------------------------------------
# Only staff and superusers reach the admin; every other role is sent to the admin's login. The
# admin rows are requested as those two and as the visitor, the participant, the member and the
# board member (the others are accounts of the same kind as the member).
ADMIN_ROLES = ("visitor", "participant", "member", "board", "staff", "superuser")


def admin(staff: str, superuser: str, *, staff_actions=(), superuser_actions=()) -> dict:
    """A registered model: "<changelist> <add form>" for staff and for the superuser, and the
    actions the changelist offers each of them (besides deleting)."""
    return {
        "staff": staff.split(),
        "superuser": superuser.split(),
        "staff_actions": tuple(staff_actions),
        "superuser_actions": tuple(superuser_actions),
    }


def admin_expected(spec: dict, view: str, role: str) -> str:
    if role not in ("staff", "superuser"):
        return "admin_login"
    return spec[role][("changelist", "add").index(view)]


PAGES = {
    # --- allauth
    "account_change_password": "200 | visitor: login",
    # with a made-up key: the page says the link is not valid (the same for every role)
    "account_confirm_email": "200",
    "account_confirm_login_code": "302 | visitor: login",
    "account_confirm_reauthentication_code": "302 | visitor: login",
    "account_email": "200 | visitor: login",
    "account_email_verification_sent": "200",
    "account_inactive": "200",
    "account_login": "302 | visitor: 200",
    "account_logout": "200 | visitor: 302",
    "account_reauthenticate": "200 | visitor: login",
    "account_request_reauthentication_code": "200 | visitor: login",
    "account_reset_password": "200",
    "account_reset_password_done": "200",
    # with a made-up key, as above
    "account_reset_password_from_key": "200",
    "account_reset_password_from_key_done": "200",
    "account_set_password": "302 | visitor: login",
    "account_signup": "302 | visitor: 200",
    "mfa_activate_totp": "302 | visitor: login",
    "mfa_authenticate": "302 | visitor: login",
    "mfa_deactivate_totp": "404 | visitor: login | @staff board: 302",
    "mfa_download_recovery_codes": "404 | visitor: login",
    "mfa_generate_recovery_codes": "302 | visitor: login",
    "mfa_index": "200 | visitor: login",
    "mfa_reauthenticate": "302 | visitor: login | @staff board: 200",
    "mfa_view_recovery_codes": "404 | visitor: login",
    # --- accounts
    # GET: the form that asks for the password (a POST erases the account)
    "accounts:account_delete": "200 | visitor: login",
    # the owner's ready archive: a person's own archive only
    "accounts:archive_download": "404 | visitor: login | owner: 200",
    # asked (or the one being prepared returned): back to "Your data"
    "accounts:archive_request": "POST 302 | visitor: login",
    "accounts:membership": "200 | visitor: login",
    "accounts:profile": "200 | visitor: login",
    "accounts:set_language": "POST 302",
    "accounts:your_data": "200 | visitor: login",
    # --- board
    "board:agenda_add": "POST 403 | visitor: login | board superuser: 302e",
    "board:agenda_decision": "POST 403 | visitor: login | board superuser: 302e",
    "board:agenda_move": "POST 403 | visitor: login | board superuser: 302",
    "board:agenda_remove": "403 | visitor: login | board superuser: 200",
    "board:agenda_summary": "POST 403 | visitor: login | board superuser: 302",
    # public: what the board answered (accountability)
    "board:answer_list": "200",
    "board:export_detail": "403 | visitor: login | board superuser: 200",
    "board:export_download": "403 | visitor: login | board superuser: 200",
    "board:export_start": "403 | visitor: login | board superuser: 200",
    "board:figures": "403 | visitor: login | board superuser: 200",
    "board:index": "403 | visitor: login | board superuser: 200",
    "board:meeting_cancel": "403 | visitor: login | board superuser: 200",
    "board:meeting_create": "403 | visitor: login | board superuser: 200",
    "board:meeting_detail": "403 | visitor: login | board superuser: 200",
    "board:meeting_held": "403 | visitor: login | board superuser: 200",
    "board:meeting_list": "403 | visitor: login | board superuser: 200",
    "board:meeting_pack": "403 | visitor: login | board superuser: 200",
    "board:meeting_update": "403 | visitor: login | board superuser: 200",
    "board:recommendation_answer": "POST 403 | visitor: login | board superuser: 302e",
    "board:recommendation_detail": "403 | visitor: login | board superuser: 200",
    "board:recommendation_progress": "POST 403 | visitor: login | board superuser: 302e",
    "board:recommendation_schedule": "POST 403 | visitor: login | board superuser: 302e",
    "board:report_create": "403 | visitor: login | board superuser: 200",
    "board:report_detail": "403 | visitor: login | board superuser: 200",
    "board:report_download": "403 | visitor: login | board superuser: 404",
    # --- calls
    "calls:action_detail": "200",
    "calls:action_list": "200",
    "calls:action_withdraw": "POST 302 | visitor: login",
    "calls:application_create": "200 | visitor: login | @staff participant: 302e",
    "calls:application_detail": "404 | visitor: login | @staff co_applicant owner: 200",
    "calls:application_edit": "404 | visitor: login | co_applicant owner: 200",
    "calls:application_list": "200 | visitor: login",
    "calls:application_move": "404 | visitor: login | @staff co_applicant owner: 302",
    "calls:attachment_add": "POST 404 | visitor: login | @staff co_applicant owner: 302e",
    "calls:attachment_download": "404 | visitor: login | @staff co_applicant owner: 200",
    "calls:attachment_remove": (
        "POST 404 | visitor: login | co_applicant owner: 302 | @staff: 302e"
    ),
    "calls:budget_line_add": "POST 404 | visitor: login | @staff co_applicant owner: 302e",
    "calls:budget_line_remove": (
        "POST 404 | visitor: login | co_applicant owner: 302 | @staff: 302e"
    ),
    "calls:call_detail": "200",
    # the call's document is a link to the funder's site
    "calls:call_document": "302",
    "calls:call_follow": "POST 302 | visitor: login",
    "calls:call_list": "200",
    "calls:call_unfollow": "POST 302 | visitor: login",
    "calls:calls_for_me": "200 | visitor: login",
    "calls:co_applicant_answer": "404 | visitor: login | co_applicant: 302",
    "calls:co_applicant_invite": "POST 404 | visitor: login | @staff co_applicant owner: 302e",
    "calls:index": "200",
    "calls:my_follows": "200 | visitor: login",
    "calls:review_detail": "404 | visitor: login | board: 200",
    "calls:rules_declare": "POST 404 | visitor: login | @staff co_applicant: 302e | owner: 302",
    "calls:saved_search_create": "POST 302e | visitor: login",
    "calls:saved_search_delete": "POST 404 | visitor: login | owner: 302",
    # --- community
    "community:event_agenda": "404 | visitor: login | event_participant owner: 200",
    "community:event_agenda_ics": "404 | visitor: login | event_participant owner: 200",
    "community:event_agenda_pdf": "404 | visitor: login | event_participant owner: 200",
    "community:event_catalogue": "403 | visitor: login | @staff event_participant owner: 200",
    "community:event_detail": "200",
    "community:event_figures": "404 | visitor: login | @staff: 200",
    "community:event_list": "200",
    "community:event_meeting_outcome": "404 | visitor: login | event_participant owner: 200",
    "community:event_profile": "302e | visitor: login | event_participant owner: 200",
    "community:event_register": "200 | visitor: login",
    "community:event_request": "403 | visitor: login | event_participant owner: 200",
    "community:event_request_move": "404 | visitor: login | owner: 302",
    "community:event_requests": "403 | visitor: login | event_participant owner: 200",
    "community:event_schedule": "404 | visitor: login | @staff: 200",
    "community:event_slot_pick": "404 | visitor: login | event_participant: 302e | owner: 200",
    "community:event_unregister": "302e | visitor: login | event_participant owner: 200",
    "community:index": "200",
    "community:maturity_history": "200 | visitor: login | @staff participant: 403",
    "community:maturity_index": "200",
    "community:maturity_new": "200 | visitor: login | @staff participant: 403",
    "community:maturity_overview": "403 | visitor: login | @staff board: 200",
    "community:maturity_result": "404 | visitor: login | @staff owner: 200",
    "community:practice_cover": "404",
    "community:practice_create": "200 | visitor: login | @staff participant: 403",
    "community:practice_decide": "POST 403 | visitor: login | @staff: 400",
    "community:practice_detail": "200",
    "community:practice_edit": "404 | visitor: login",
    "community:practice_list": "200",
    "community:practice_mine": "200 | visitor: login",
    "community:practice_review": "403 | visitor: login | @staff: 200",
    "community:practice_submit": "POST 302e | visitor: login",
    "community:toolbox_bookmark": "POST 400 | visitor: login | @staff participant: 403",
    "community:toolbox_bookmarks": "200 | visitor: login | @staff participant: 403",
    "community:toolbox_detail": "200",
    "community:toolbox_list": "200",
    # counts the opening and goes to the resource's site
    "community:toolbox_open": "302",
    "community:toolbox_suggest": "200 | visitor: login | @staff participant: 403",
    "community:toolbox_suggestions": "200 | visitor: login | @staff participant: 403",
    # --- core
    # the personal calendar: whoever has the secret in the URL (as a calendar app does)
    "core:calendar_feed": "200",
    "core:calendar_regenerate": "200 | visitor: login",
    "core:calendar_settings": "200 | visitor: login",
    "core:dashboard": "200 | visitor: login",
    "core:home": "200",
    "core:privacy": "200",
    "core:terms": "200",
    "favicon": "302",
    "healthz": "200",
    # --- matching
    "matching:block": "200 | visitor: login | participant: 403",
    "matching:contact_list": "200 | visitor: login | participant: 403",
    "matching:contact_move": "404 | visitor: login | participant: 403 | owner: 302",
    "matching:contact_send": "200 | visitor: login | participant: 403",
    "matching:directory": "200 | visitor: login | participant: 403",
    "matching:directory_provinces": "200 | visitor: login | participant: 403",
    "matching:index": "200",
    "matching:partners_action": "200 | visitor: login | participant: 403",
    "matching:partners_call": "200 | visitor: login | participant: 403",
    "matching:profile_detail": "200 | visitor: login | participant: 403",
    "matching:profile_edit": "200 | visitor: login | participant: 403 | @staff: 302e",
    "matching:profile_mine": "200 | visitor: login | participant: 403",
    "matching:profile_photo": "404 | visitor: login | participant: 403",
    "matching:report_contact": "404 | visitor: login | participant: 403 | owner: 200",
    "matching:report_profile": "200 | visitor: login | participant: 403",
    "matching:search_delete": "POST 404 | visitor: login | participant: 403 | owner: 302",
    "matching:search_list": "200 | visitor: login | participant: 403",
    "matching:search_save": "POST 302e | visitor: login | participant: 403",
    "matching:suggestions": "200 | visitor: login | participant: 403",
    "matching:tag_suggest": "200 | visitor: login | participant: 403",
    "matching:unblock": "404 | visitor: login | participant: 403",
    # --- notifications
    "notifications:list": "200 | visitor: login",
    "notifications:mark_all_read": "POST 302 | visitor: login",
    "notifications:mark_read": "POST 404 | visitor: login | owner: 302",
    "notifications:open": "404 | visitor: login | owner: 302",
    "notifications:preferences": "200 | visitor: login",
    # the signed token in the e-mail is the key
    "notifications:unsubscribe": "200",
    # --- spaces
    "spaces:booking_cancel": "POST 404 | visitor: login | owner: 200",
    "spaces:booking_confirm": "POST 404 | visitor: login | owner: 302e",
    "spaces:booking_create": "200 | visitor: login",
    "spaces:booking_ics": "404 | visitor: login | owner: 200",
    "spaces:booking_mark": "POST 403 | visitor: login | @staff: 302e",
    "spaces:index": "200",
    "spaces:my_bookings": "200 | visitor: login",
    "spaces:photo": "404",
    "spaces:space_detail": "200",
    "spaces:space_list": "200",
    "spaces:staff_day": "403 | visitor: login | @staff: 200",
    # --- training
    "training:certificate_download": "404 | visitor: login | @staff owner: 200",
    "training:certificate_verify": "200",
    "training:certificate_verify_form": "200",
    "training:checkin": "200 | visitor: login",
    "training:consultation_cancel": "POST 404 | visitor: login | owner: 302",
    "training:consultation_create": "200 | visitor: login | @staff participant: 403",
    "training:consultation_detail": "404 | visitor: login | owner: 200",
    "training:consultation_list": "200 | visitor: login | @staff participant: 403",
    "training:course_cancel": "POST 200 | visitor: login",
    "training:course_detail": "200",
    "training:course_enrol": "POST 302 | visitor: login",
    # the dates for everyone; the place and the link only for the enrolled (tested below)
    "training:course_ics": "200",
    "training:course_list": "200",
    "training:course_offer_confirm": "POST 302 | visitor: login",
    "training:course_waiting_leave": "POST 200 | visitor: login",
    "training:feedback_form": "404",
    "training:feedback_summary": "404 | @staff: 200",
    "training:index": "200",
    "training:my_training": "200 | visitor: login",
    "training:need_create": "200 | visitor: login | @staff participant: 403",
    "training:need_list": "200 | visitor: login",
    "training:need_support": "POST 302 | visitor: login | @staff participant: 403 | owner: 302e",
    "training:need_unsupport": "POST 302e | visitor: login | @staff participant: 403",
    "training:session_checkin": "200 | visitor: login",
    "training:session_checkin_code": "POST 404 | visitor: login | @staff trainer: 302",
    "training:session_register": "404 | visitor: login | @staff trainer: 200",
    "training:trainer_application": "200 | visitor: login",
    "training:trainer_application_withdraw": "POST 404 | visitor: login | owner: 302",
    # --- workgroups
    "workgroups:document_delete": "404 | visitor: login | @staff coordinator owner: 200",
    "workgroups:document_download": "404 | @group @staff: 200",
    "workgroups:document_upload": "404 | visitor: login | @staff coordinator owner: 200",
    "workgroups:emerged_list": "200",
    "workgroups:group_detail": "200",
    # an open group: members not in it join; those already in it and non-members are told why not
    "workgroups:group_join": "POST 302 | visitor: login | participant @group @staff: 302e",
    "workgroups:group_leave": "302e | visitor: login | @group: 200",
    "workgroups:index": "200",
    "workgroups:invitation_respond": "404 | visitor: login",
    "workgroups:meeting_cancel": "404 | visitor: login | @staff coordinator owner: 200",
    "workgroups:meeting_create": "404 | visitor: login | @staff coordinator owner: 200",
    "workgroups:meeting_detail": "404 | visitor: login | @group @staff: 200",
    "workgroups:meeting_ics": "404 | visitor: login | @group @staff: 200",
    "workgroups:meeting_list": "404 | visitor: login | @group @staff: 200",
    "workgroups:meeting_minutes": "404 | visitor: login",
    "workgroups:meeting_propose": "404 | visitor: login | @group: 200",
    "workgroups:meeting_rsvp": "POST 404 | visitor: login | @group @staff: 400",
    "workgroups:membership_decide": "POST 404 | visitor: login | @staff coordinator owner: 302",
    "workgroups:membership_list": "404 | visitor: login | @group @staff: 200",
    "workgroups:post_edit": "404 | visitor: login | owner: 200",
    "workgroups:post_report": "404 | visitor: login | member coordinator board: 200",
    "workgroups:proposal_comment": "POST 302e | visitor: login",
    "workgroups:proposal_create": "404 | visitor: login | @group: 200",
    # a forwarded proposal is public
    "workgroups:proposal_detail": "200",
    "workgroups:proposal_edit": "404 | visitor: login",
    "workgroups:proposal_endorse": "POST 302e | visitor: login",
    "workgroups:proposal_follow": "POST 302 | visitor: login",
    "workgroups:proposal_forward": "POST 302e | visitor: login",
    "workgroups:proposal_invite": "POST 404 | visitor: login",
    "workgroups:proposal_list": "200",
    "workgroups:proposal_similar": "404 | visitor: login | @group: 200",
    "workgroups:proposal_submit": "POST 302e | visitor: login",
    "workgroups:proposal_withdraw": "404 | visitor: login",
    "workgroups:thread_create": "404 | visitor: login | @group: 200",
    "workgroups:thread_detail": "404 | visitor: login | @group @staff: 200",
    "workgroups:thread_follow": "POST 404 | visitor: login | @group @staff: 302",
    "workgroups:thread_list": "404 | visitor: login | @group @staff: 200",
}

ADMIN_VIEWS = {
    "admin:app_list": "admin_login | @staff: 200",
    "admin:auth_user_password_change": "admin_login | staff: 403 | superuser: 200",
    "admin:autocomplete": "admin_login | @staff: 403",
    "admin:index": "admin_login | @staff: 200",
    "admin:jsi18n": "admin_login | @staff: 200",
    # a logged-in person who is not staff is told they may not enter
    "admin:login": "403 | visitor: login | @staff: 302",
    "admin:logout": "302 | @staff: 405",
    "admin:password_change": "admin_login | @staff: 200",
    "admin:password_change_done": "admin_login | @staff: 200",
    "admin:training_enrolment_enrol": "admin_login | @staff: 200",
    "admin:view_on_site": "admin_login | @staff: 302",
}

ADMIN_MODELS = {
    "account.emailaddress": admin("403 403", "200 200", superuser_actions=("make_verified",)),
    "accounts.membershiprequest": admin(
        "200 403",
        "200 403",
        staff_actions=("approve", "reject"),
        superuser_actions=("approve", "reject"),
    ),
    "accounts.province": admin("200 403", "200 200"),
    "accounts.region": admin("200 403", "200 200"),
    "accounts.sector": admin("200 403", "200 200"),
    "accounts.user": admin(
        "200 403",
        "200 200",
        staff_actions=("erase_personal_data", "revoke_membership", "send_password_reset"),
        superuser_actions=("erase_personal_data", "revoke_membership", "send_password_reset"),
    ),
    "auth.group": admin("403 403", "200 200"),
    "board.boardmeeting": admin("200 403", "200 403"),
    "board.exportjob": admin("200 403", "200 403"),
    "board.reportrun": admin("200 403", "200 403"),
    "calls.actionresponse": admin("200 403", "200 403"),
    "calls.application": admin(
        "200 403",
        "200 403",
        staff_actions=(
            "approve",
            "export_csv",
            "export_xlsx",
            "record_funded",
            "record_not_funded",
            "reject",
            "request_changes",
            "send_to_funder",
            "start_review",
        ),
        superuser_actions=(
            "approve",
            "export_csv",
            "export_xlsx",
            "record_funded",
            "record_not_funded",
            "reject",
            "request_changes",
            "send_to_funder",
            "start_review",
        ),
    ),
    "calls.beneficiary": admin("200 403", "200 403"),
    "calls.callfollow": admin("200 403", "200 403"),
    "calls.calltoaction": admin(
        "200 200", "200 200", staff_actions=("to_group",), superuser_actions=("to_group",)
    ),
    "calls.criterion": admin("200 200", "200 200"),
    "calls.fundingcall": admin("200 200", "200 200"),
    "calls.importrun": admin("200 200", "200 200"),
    "calls.review": admin(
        "200 403",
        "200 403",
        staff_actions=("export_csv", "export_xlsx"),
        superuser_actions=("export_csv", "export_xlsx"),
    ),
    "calls.rule": admin("200 200", "200 200"),
    "calls.savedsearch": admin("200 403", "200 403"),
    "community.eventsession": admin(
        "200 200",
        "200 200",
        staff_actions=("generate_slots",),
        superuser_actions=("generate_slots",),
    ),
    "community.eventtable": admin("200 200", "200 200"),
    "community.matchingevent": admin(
        "200 200",
        "200 200",
        staff_actions=("generate_slots",),
        superuser_actions=("generate_slots",),
    ),
    "community.maturityassessment": admin("200 403", "200 403"),
    "community.meeting": admin("200 403", "200 403"),
    "community.meetingfeedback": admin("200 403", "200 403"),
    "community.meetingrequest": admin("200 403", "200 403"),
    "community.practice": admin(
        "200 403",
        "200 403",
        staff_actions=("publish", "reject", "return_for_changes"),
        superuser_actions=("publish", "reject", "return_for_changes"),
    ),
    "community.questionnaireversion": admin("200 403", "200 403"),
    "community.registration": admin("200 403", "200 403"),
    "community.resource": admin(
        "200 200",
        "200 200",
        staff_actions=("archive", "publish", "reject"),
        superuser_actions=("archive", "publish", "reject"),
    ),
    "community.resourcetag": admin("200 200", "200 200"),
    "community.timeslot": admin("200 403", "200 403"),
    "core.auditevent": admin("200 403", "200 403"),
    "core.legalpage": admin("200 403", "200 403"),
    "django_celery_beat.clockedschedule": admin("403 403", "200 200"),
    "django_celery_beat.crontabschedule": admin("200 200", "200 200"),
    "django_celery_beat.intervalschedule": admin("200 403", "200 200"),
    "django_celery_beat.periodictask": admin(
        "200 403",
        "200 200",
        staff_actions=("disable_tasks", "enable_tasks", "toggle_tasks"),
        superuser_actions=("disable_tasks", "enable_tasks", "run_tasks", "toggle_tasks"),
    ),
    "django_celery_beat.solarschedule": admin("403 403", "200 200"),
    "matching.block": admin("200 403", "200 403"),
    "matching.contactrequest": admin("200 403", "200 403"),
    "matching.profile": admin(
        "200 403", "200 403", staff_actions=("hide", "unhide"), superuser_actions=("hide", "unhide")
    ),
    "matching.report": admin(
        "200 403",
        "200 403",
        staff_actions=("dismiss", "hide_profile", "resolve"),
        superuser_actions=("dismiss", "hide_profile", "resolve"),
    ),
    "matching.tag": admin("200 403", "200 403"),
    "mfa.authenticator": admin("403 403", "200 200"),
    "notifications.notification": admin("200 403", "200 403"),
    "notifications.notificationpreference": admin("200 403", "200 200"),
    "notifications.outgoingemail": admin(
        "200 403", "200 403", staff_actions=("retry",), superuser_actions=("retry",)
    ),
    "spaces.booking": admin(
        "200 403",
        "200 403",
        staff_actions=("mark_attended", "mark_no_show"),
        superuser_actions=("mark_attended", "mark_no_show"),
    ),
    "spaces.resource": admin("200 200", "200 200"),
    "spaces.space": admin("200 200", "200 200"),
    "training.certificate": admin(
        "200 403",
        "200 403",
        staff_actions=("reissue", "revoke"),
        superuser_actions=("reissue", "revoke"),
    ),
    "training.consultationrequest": admin(
        "200 403",
        "200 403",
        staff_actions=("cancel", "close", "decline"),
        superuser_actions=("cancel", "close", "decline"),
    ),
    "training.course": admin(
        "200 200",
        "200 200",
        staff_actions=("cancel", "publish"),
        superuser_actions=("cancel", "publish"),
    ),
    "training.enrolment": admin(
        "200 403",
        "200 403",
        staff_actions=("payment_paid", "payment_to_pay", "payment_waived", "remove"),
        superuser_actions=("payment_paid", "payment_to_pay", "payment_waived", "remove"),
    ),
    "training.feedback": admin("200 403", "200 403"),
    "training.skill": admin("200 200", "200 200"),
    "training.trainer": admin("200 200", "200 200"),
    "training.trainerapplication": admin(
        "200 403",
        "200 403",
        staff_actions=("accept", "reject", "start_review"),
        superuser_actions=("accept", "reject", "start_review"),
    ),
    "training.trainingarea": admin("200 200", "200 200"),
    "training.trainingneed": admin(
        "200 403",
        "200 403",
        staff_actions=("dismiss", "to_course"),
        superuser_actions=("dismiss", "to_course"),
    ),
    "workgroups.groupmembership": admin(
        "200 403",
        "200 403",
        staff_actions=("make_coordinator", "make_participant"),
        superuser_actions=("make_coordinator", "make_participant"),
    ),
    "workgroups.meeting": admin(
        "200 403",
        "200 403",
        staff_actions=("approve", "reject"),
        superuser_actions=("approve", "reject"),
    ),
    "workgroups.post": admin(
        "200 403", "200 403", staff_actions=("hide", "show"), superuser_actions=("hide", "show")
    ),
    "workgroups.postreport": admin(
        "200 403",
        "200 403",
        staff_actions=("dismiss", "hide_posts"),
        superuser_actions=("dismiss", "hide_posts"),
    ),
    "workgroups.proposal": admin(
        "200 403",
        "200 403",
        staff_actions=("publish", "reject", "request_changes"),
        superuser_actions=("publish", "reject", "request_changes"),
    ),
    "workgroups.thread": admin(
        "200 403", "200 403", staff_actions=("lock", "unlock"), superuser_actions=("lock", "unlock")
    ),
    "workgroups.workinggroup": admin("200 200", "200 200"),
}
