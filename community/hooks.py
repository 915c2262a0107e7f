"""The community's answers to the portal's events (coopportal.core.discovery.run_hooks)."""

from ._parts import part_modules


def membership_revoked(**kwargs):
    sentences = [
        m.membership_revoked(**kwargs)
        for m in part_modules("hooks")
        if hasattr(m, "membership_revoked")
    ]
    sentences = [s for s in sentences if s]
    return " ".join(str(s) for s in sentences) or None
