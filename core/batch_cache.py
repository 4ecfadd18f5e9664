"""Reference data read once per batch: inside `batch()` (an import of many files),
`per_batch(key, compute)` computes a value once and hands it out again; outside a
batch it simply computes. For what does not change while a batch runs (gemeenten,
aanbieders, products, contracts): a row the batch itself writes is never kept."""

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_cache: ContextVar[dict | None] = ContextVar("batch_cache", default=None)


@contextmanager
def batch() -> Iterator[None]:
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def per_batch(key: Hashable, compute: Callable[[], T]) -> T:
    cache = _cache.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[no-any-return]
