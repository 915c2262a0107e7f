from django.apps import AppConfig


class FakeLinksConfig(AppConfig):
    """An app above the domains, installed only by tests/core/test_offered_links.py: the links it
    offers a group's, a course's and a call's page must show there without editing those apps."""

    name = "tests.core.fake_links"
    label = "fake_links"
