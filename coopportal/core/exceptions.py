class DomainError(Exception):
    """A rule of the domain refused an action. The message is translated and shown to the person.

    Services raise it; views turn it into a form error or a message, never into a 500.
    """

    def __init__(self, message, *, code="invalid"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)
