"""The one exception the library raises."""


class StoreError(Exception):
    """A library operation failed; ``str(exc)`` is a Chinese sentence that says what to do."""
