"""The one error every reader raises for a file that cannot become a form."""


class ImportFailed(ValueError):
    """A file that cannot become a form; the message is Chinese and says what to do."""
