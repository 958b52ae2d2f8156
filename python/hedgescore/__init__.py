"""hedgescore: measure hedging and uncertainty in English text.

Finds the language of uncertainty ("some speculating", "it is also
possible", "could", "approximately") and of certainty ("is convinced",
"clearly"), gives each sentence a certainty between 0 and 1, and rolls the
scores up into a report per article. The engine is the hedgescore command
line's, compiled into this package: the same rows, the same numbers.

>>> import hedgescore
>>> scorer = hedgescore.Scorer()
>>> scorer.articles(["The bridge could reopen in May. It is open."])[0]["uncertain_sentences"]
1

Build a ``Scorer`` once and give it many texts at a time: a call scores
its list on every core, with the GIL released, and returns rows in the
order of the texts.
"""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING, Any, Iterable, Sequence, Union

from . import _hedgescore
from ._hedgescore import InternalError, LexiconError

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Scorer",
    "Explanation",
    "evaluate",
    "LexiconError",
    "InternalError",
    "DECIMALS",
    "__version__",
]

__version__: str = _hedgescore.__version__
DECIMALS: int = _hedgescore.DECIMALS
"""Decimal places of every fractional number in rows, as in the CLI's output."""

PathLike = Union[str, "os.PathLike[str]"]
Texts = Union[Sequence[Any], "pandas.Series", Iterable[Any]]


class Scorer:
    """A scorer, built once from a lexicon and the scoring constants.

    The arguments are the command line's flags: ``lexicons`` (files or
    folders of ``.tsv`` files, added after the packs; later entries replace
    earlier ones of the same cue), ``packs`` (built-in domain packs such as
    ``"science"``), ``no_default_lexicon`` (start from an empty lexicon),
    and the constants ``neutral`` (certainty of a sentence with no cues,
    0 to 1), ``alpha`` (saturation, > 0) and ``threshold`` (hedge weight
    from which a sentence is uncertain, > 0); ``None`` keeps the default.
    ``threads`` is how many threads a call scores on (default: every core).

    An unknown pack raises ``ValueError`` and a malformed lexicon file
    ``LexiconError`` (a ``ValueError``) with the command line's message,
    which names the file and line; a missing file ``FileNotFoundError``.

    Texts are given as a list, a tuple, a pandas Series or any iterable of
    strings. ``None``, NaN and ``pandas.NA`` are missing texts: each gets
    an article row whose ``status`` is ``missing text`` (and a text of only
    white space ``empty text``), as a table's row does on the command line;
    any other non-string raises ``TypeError`` naming its position.
    """

    def __init__(
        self,
        lexicons: Union[PathLike, Iterable[PathLike]] = (),
        packs: Union[str, Iterable[str]] = (),
        no_default_lexicon: bool = False,
        neutral: float | None = None,
        alpha: float | None = None,
        threshold: float | None = None,
        threads: int | None = None,
    ) -> None:
        if isinstance(lexicons, (str, os.PathLike)):
            lexicons = [lexicons]
        if isinstance(packs, str):
            packs = [packs]
        self._args = (
            [os.fspath(path) for path in lexicons],
            list(packs),
            bool(no_default_lexicon),
            None if neutral is None else float(neutral),
            None if alpha is None else float(alpha),
            None if threshold is None else float(threshold),
            threads,
        )
        self._native = _hedgescore.NativeScorer(*self._args)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickled as its arguments and built again where it is unpickled
        # (a Spark task, a multiprocessing worker): the lexicon files must
        # be there too.
        return (_rebuild, self._args)

    def __repr__(self) -> str:
        c = self.constants
        return (
            f"hedgescore.Scorer(neutral={c['neutral']}, alpha={c['alpha']}, "
            f"threshold={c['threshold']}, threads={self._native.threads})"
        )

    @property
    def constants(self) -> dict[str, float]:
        """The scoring constants: neutral, alpha, threshold, negation_window."""
        return self._native.constants()

    def sentences(
        self, texts: Texts, ids: Texts | None = None, dates: Texts | None = None
    ) -> list[dict[str, Any]]:
        """One dict per sentence, with the fields of the JSON output of
        ``hedgescore score --level sentence``: article, date, sentence,
        start, end (UTF-8 byte offsets in the text), certainty, label,
        hedges, boosters, hedge_weight, booster_weight, cues (a list of
        dicts) and text. Numbers are rounded to ``DECIMALS`` places, as
        printed. ``ids`` name the texts in the ``article`` field (default:
        their positions, from 0) and ``dates`` fill the ``date`` field (see
        ``articles``). A missing text has no sentences."""
        return self._native.rows(
            "sentence", _values(texts, "texts"), _opt(ids, "ids"), _opt(dates, "dates")
        )

    def articles(
        self, texts: Texts, ids: Texts | None = None, dates: Texts | None = None
    ) -> list[dict[str, Any]]:
        """One dict per text, with the fields of the JSON output of
        ``hedgescore score``: article, date, status, sentences, words,
        uncertain_sentences, uncertain_share, certainty, min_certainty,
        hedges, boosters, the rates per 1,000 words, by_category (a dict),
        top_cues (a list of dicts) and least_certain.

        ``dates`` (strings ``YYYY-MM-DD``, ``datetime.date`` values or
        ``None``) fill the ``date`` field; a text's own ``date YYYY-MM-DD``
        header is read as the command line reads it when no date is given."""
        return self._native.rows(
            "article", _values(texts, "texts"), _opt(ids, "ids"), _opt(dates, "dates")
        )

    def sentences_frame(
        self, texts: Texts, ids: Texts | None = None, dates: Texts | None = None
    ) -> "pandas.DataFrame":
        """The sentence rows as a pandas DataFrame with the CSV's columns
        and types (counts int64, figures float64, text as str, cues as the
        CSV's text field). Its index repeats, for each sentence, the index
        label of its text: that of ``ids`` when it is a Series, else of
        ``texts`` when that is one, else the texts' positions."""
        return self._frame("sentence", texts, ids, dates)

    def articles_frame(
        self, texts: Texts, ids: Texts | None = None, dates: Texts | None = None
    ) -> "pandas.DataFrame":
        """The article rows as a pandas DataFrame with the CSV's columns
        and types: a count column per category, ``top_cues`` as the CSV's
        text field, missing figures as NaN. Its index is that of ``ids``
        when it is a Series, else of ``texts`` when that is one, so the
        frame joins back to the data it came from."""
        return self._frame("article", texts, ids, dates)

    def explain(self, text: str) -> "Explanation":
        """Why each sentence of ``text`` scored what it did, as data; its
        ``repr`` is what ``hedgescore explain`` prints."""
        if not isinstance(text, str):
            raise TypeError(f"text is {type(text).__name__}, not a string")
        return Explanation(text, self._native.explain(text))

    def spark_schema(self, level: str = "article") -> str:
        """The columns of ``*_frame`` rows as a Spark DDL schema string,
        for ``DataFrame.mapInPandas(..., schema=scorer.spark_schema())``."""
        types = {"count": "long", "number": "double"}
        return ", ".join(
            f"`{name}` {types.get(kind, 'string')}" for name, kind in self._native.kinds(level)
        )

    def _frame(self, level: str, texts: Texts, ids: Any, dates: Any) -> "pandas.DataFrame":
        pd = _pandas()
        import numpy as np

        index = _index_of(ids)
        if index is None:
            index = _index_of(texts)
        names, columns, origins = self._native.columns(
            level, _values(texts, "texts"), _opt(ids, "ids"), _opt(dates, "dates")
        )
        kinds = dict(self._native.kinds(level))
        dtypes = {"count": "int64", "number": "float64"}
        data = {}
        for name, values in zip(names, columns):
            dtype = dtypes.get(kinds.get(name, "text"))
            data[name] = np.asarray(values, dtype=dtype) if dtype else values
        if index is None:
            index = pd.RangeIndex(len(origins)) if level == "article" else pd.Index(origins)
        else:
            index = index.take(origins)
        return pd.DataFrame(data, index=index, columns=names)


class Explanation:
    """Why each sentence of a text scored what it did.

    ``sentences`` is a list of dicts, one per sentence: sentence (its
    number), start and end (UTF-8 byte offsets in ``text``, a date header
    included, as in sentence rows), text, cues
    (each with text, start, end, category, weight, counted and effect,
    which says what it did or why it did not count), hedge (H), boost (B),
    x, s, certainty, label and reason. ``constants`` are the scorer's.
    ``repr`` gives the command line's text; a notebook shows a table.
    """

    def __init__(self, text: str, data: dict[str, Any]) -> None:
        self.text: str = text
        self.constants: dict[str, float] = data["constants"]
        self.sentences: list[dict[str, Any]] = data["sentences"]
        self._rendered: str = data["rendered"]

    def __repr__(self) -> str:
        return self._rendered

    def __str__(self) -> str:
        return self._rendered

    def _repr_html_(self) -> str:
        c = self.constants
        parts = [
            "<div class='hedgescore-explain'>",
            f"<p><small>neutral {c['neutral']}, alpha {c['alpha']}, threshold "
            f"{c['threshold']}, negation window {c['negation_window']} words</small></p>",
        ]
        if not self.sentences:
            parts.append("<p>no sentences</p>")
        data = self.text.encode("utf-8")
        for s in self.sentences:
            parts.append(self._sentence_html(data, s))
        parts.append("</div>")
        return "".join(parts)

    @staticmethod
    def _sentence_html(data: bytes, s: dict[str, Any]) -> str:
        counted = sorted((c for c in s["cues"] if c["counted"]), key=lambda c: c["start"])
        marked, at = [], s["start"]
        for cue in counted:
            if cue["start"] < at:
                continue
            marked.append(html.escape(data[at : cue["start"]].decode("utf-8", "replace")))
            title = html.escape(f"{cue['category']} {cue['weight']}: {cue['effect']}")
            shown = html.escape(data[cue["start"] : cue["end"]].decode("utf-8", "replace"))
            marked.append(f"<mark title='{title}'>{shown}</mark>")
            at = cue["end"]
        marked.append(html.escape(data[at : s["end"]].decode("utf-8", "replace")))
        rows = "".join(
            f"<tr><td>{html.escape(c['text'])}</td><td>{c['category']}</td>"
            f"<td>{c['weight']}</td><td>{html.escape(c['effect'])}</td></tr>"
            for c in s["cues"]
        )
        table = (
            "<table><tr><th>cue</th><th>category</th><th>weight</th><th>effect</th></tr>"
            f"{rows}</table>"
            if rows
            else "<p><small>no cues</small></p>"
        )
        return (
            f"<h4>sentence {s['sentence']} (bytes {s['start']}..{s['end']})</h4>"
            f"<p>{''.join(marked)}</p>{table}"
            f"<p>H = {s['hedge']:.4f}, B = {s['boost']:.4f}, certainty "
            f"<b>{s['certainty']:.4f}</b>, <b>{s['label']}</b> ({html.escape(s['reason'])})</p>"
        )


def evaluate(
    gold_texts: Texts,
    gold_labels: Texts,
    scorer: Scorer | None = None,
    ratings: bool | None = None,
    seed: int = 1,
) -> dict[str, Any]:
    """The figures of ``hedgescore eval`` for labelled sentences: each text
    is scored as one sentence, a label of 1 (0.5 or more) is uncertain and
    0 certain, or labels are certainty ratings (detected when ``ratings`` is
    None, as ``eval`` detects them). Returns a dict with the keys of
    ``hedgescore eval --format json``: sentences, uncertain_gold, the
    confusion counts, precision, recall, f1, pearson, spearman, and for
    each figure its 95% bootstrap interval as ``[low, high]`` (1,000 draws,
    ``seed``; None for precision, recall and F1 of ratings)."""
    scorer = scorer if scorer is not None else Scorer()
    return scorer._native.evaluate(
        _values(gold_texts, "gold_texts"), _values(gold_labels, "gold_labels"), ratings, seed
    )


def _rebuild(*args: Any) -> Scorer:
    scorer = Scorer.__new__(Scorer)
    scorer._args = args
    scorer._native = _hedgescore.NativeScorer(*args)
    return scorer


def _values(values: Any, name: str) -> Any:
    """A Series or an array as a list (its values, not its index)."""
    if hasattr(values, "columns"):
        raise TypeError(f"{name} is a DataFrame; give one of its columns, such as df['text']")
    if hasattr(values, "tolist") and not isinstance(values, (list, tuple)):
        return values.tolist()
    return values


def _opt(values: Any, name: str) -> Any:
    return None if values is None else _values(values, name)


def _index_of(values: Any) -> Any:
    """The index of a pandas Series, else None."""
    index = getattr(values, "index", None)
    return index if hasattr(values, "tolist") and hasattr(index, "take") else None


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "the *_frame methods need pandas: pip install pandas "
            "(the list methods, sentences() and articles(), do not)"
        ) from e
    return pandas
