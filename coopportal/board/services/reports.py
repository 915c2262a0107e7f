"""Reports to the board: the periodic one (beat) and the one for the general assembly."""


def periodic_report_start():
    raise NotImplementedError


def report_build(*, run_id):
    raise NotImplementedError
