"""The app's one way of remembering answers: a bounded least-recently-used store, emptied by a new data version.

Every answer the app keeps (chart parts, images, downloads, page bodies, a worker's HTTP answers, folded
search texts) is kept in a `Memo`: bounded in entries (and in bytes where answers are large), safe across
threads, and — for an answer that depends on the data — keyed by the data version, so that a rebuild
empties it instead of serving stale answers. `memoized` wraps a function whose first argument is a
`Dataset`; `Memo.get_or_make` serves anything else.
"""

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")

_MISSING = object()
# Every memo made, so that a test can empty them all at once.
_ALL: list["Memo"] = []


class Memo:
    """Answers by key, at most `max_entries` of them (and `max_weight` in all, when `weigh` is given)."""

    def __init__(
        self, name: str, max_entries: int, max_weight: int | None = None, weigh: Callable[[Any], int] | None = None
    ) -> None:
        self.name, self.max_entries, self.max_weight, self.weigh = name, max_entries, max_weight, weigh
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._weight = 0
        self._version: str | None = None
        self._lock = threading.Lock()
        _ALL.append(self)

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The kept answer of `key` (now the most recently used), else `default`."""
        with self._lock:
            found = self._items.get(key, _MISSING)
            if found is _MISSING:
                return default
            self._items.move_to_end(key)
            return found

    def put(self, key: Hashable, value: Any, version: str | None = None) -> None:
        """Keep an answer; a `version` other than the last one seen first empties the memo (the data was rebuilt)."""
        with self._lock:
            if version is not None and version != self._version:
                self._items.clear()
                self._weight, self._version = 0, version
            if key in self._items:
                return
            self._items[key] = value
            self._weight += self._weight_of(value)
            while self._items and (len(self._items) > self.max_entries or self._too_heavy()):
                self._weight -= self._weight_of(self._items.popitem(last=False)[1])

    def get_or_make(self, key: Hashable, make: Callable[[], T], version: str | None = None) -> T:
        """The kept answer of `key`, else `make()`, kept (two threads may both make it: the first kept wins)."""
        found = self.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        value = make()
        self.put(key, value, version)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._weight, self._version = 0, None

    def __len__(self) -> int:
        return len(self._items)

    def _weight_of(self, value: Any) -> int:
        return self.weigh(value) if self.weigh is not None else 0

    def _too_heavy(self) -> bool:
        return self.max_weight is not None and self._weight > self.max_weight


def memoized(max_entries: int) -> Callable[[Callable[Concatenate[Any, P], T]], Callable[Concatenate[Any, P], T]]:
    """Keep a function's answers by (data version, data folder, its other arguments); its first argument is a Dataset.

    The other arguments must be hashable; a new data version empties the function's memo.
    """

    def wrap(function: Callable[Concatenate[Any, P], T]) -> Callable[Concatenate[Any, P], T]:
        memo = Memo(f"{function.__module__}.{function.__qualname__}", max_entries)

        @functools.wraps(function)
        def kept(dataset: Any, *args: P.args, **kwargs: P.kwargs) -> T:
            key = (dataset.version, str(dataset.folder), args, tuple(sorted(kwargs.items())))
            return memo.get_or_make(key, lambda: function(dataset, *args, **kwargs), dataset.version)

        kept.memo = memo  # type: ignore[attr-defined]
        return kept

    return wrap


def clear_all() -> None:
    """Empty every memo of the process (tests that swap the data folder under the app)."""
    for memo in _ALL:
        memo.clear()
