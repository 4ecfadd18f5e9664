class ApplicationError(Exception):
    """A business rule said no; `message` is Dutch and meant for the user."""

    def __init__(
        self, message: str, *, code: str = "invalid", extra: dict | None = None
    ):
        super().__init__(message)
        self.message = message
        self.code = code
        self.extra = extra or {}
