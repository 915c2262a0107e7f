"""Board meetings: the agenda of forwarded recommendations, the pack, decisions and follow-ups."""


def follow_ups_due() -> list[int]:
    raise NotImplementedError


def follow_up_remind(*, entry_id) -> bool:
    raise NotImplementedError
