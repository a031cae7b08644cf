"""Problems found in a scenario, reported as ``file:where: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario: file, where in it, and what."""

    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.where}: {self.message}" if self.where else \
            f"{self.file}: {self.message}"


class ScenarioError(Exception):
    """A scenario could not be loaded; ``problems`` lists every reason found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems(list):
    """Collects problems while a scenario is read, so that all are reported at once."""

    def add(self, file: str, where: str | int, message: str) -> None:
        self.append(Problem(file, str(where), message))

    def raise_if_any(self) -> None:
        if self:
            raise ScenarioError(self)
