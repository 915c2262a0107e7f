"""The browser journey of this directory uses the browser tests' `portal` fixture."""

from tests.browser.conftest import portal  # noqa: F401
