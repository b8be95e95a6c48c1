"""The one error type for bad scenario or experiment input."""


class ScenarioError(ValueError):
    """Bad input: names the file, the key and what is allowed."""

    def __init__(self, source: str, key: str, problem: str, allowed: str | None = None):
        self.source, self.key, self.problem, self.allowed = source, key, problem, allowed
        msg = f"{source}: key '{key}': {problem}"
        if allowed:
            msg += f" (allowed: {allowed})"
        super().__init__(msg)
