"""Type stubs of the native module; use the ``hedgescore`` package."""

from typing import Any

__version__: str
DECIMALS: int

class LexiconError(ValueError):
    """A lexicon file is malformed; the message names its file and line."""

class InternalError(RuntimeError):
    """A bug in hedgescore (a Rust panic caught before it reached Python)."""

class NativeScorer:
    def __init__(
        self,
        lexicons: list[str],
        packs: list[str],
        no_default_lexicon: bool,
        neutral: float | None,
        alpha: float | None,
        threshold: float | None,
        threads: int | None,
    ) -> None: ...
    @property
    def threads(self) -> int: ...
    def constants(self) -> dict[str, float]: ...
    def rows(
        self, level: str, texts: Any, ids: Any = None, dates: Any = None
    ) -> list[dict[str, Any]]: ...
    def columns(
        self, level: str, texts: Any, ids: Any = None, dates: Any = None
    ) -> tuple[list[str], list[list[Any]], list[int]]: ...
    def kinds(self, level: str) -> list[tuple[str, str]]: ...
    def explain(self, text: str) -> dict[str, Any]: ...
    def evaluate(
        self, texts: Any, labels: Any, ratings: bool | None, seed: int
    ) -> dict[str, Any]: ...

def _panic_for_tests(where_: str) -> None: ...
