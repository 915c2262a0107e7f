from django.apps import AppConfig


class FakeDomainConfig(AppConfig):
    """A domain the board has never heard of, installed only by tests/board/test_hooks.py: what
    it offers must show on the board's figures and exports without editing board/."""

    name = "tests.board.fake_domain"
    label = "fake_domain"
