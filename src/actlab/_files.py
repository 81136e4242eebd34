"""Read input files safely: regular files only, bounded size, clear errors for bad text.

Every file a user names (a network, a sweep spec, a CSV table) is read here, so
that a FIFO never blocks (it is refused before any blocking read), ``/dev/zero``
is never read to exhaustion, a huge file is refused by its size, bytes that are
not UTF-8 are named with their position, and deeply nested or giant-integer
documents give an error instead of a ``RecursionError`` or a ``ValueError``.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np

from .errors import ActlabError, SchemaError

__all__ = [
    "MAX_NESTING",
    "check_nesting",
    "open_text",
    "parse_json",
    "parse_toml",
    "parse_yaml",
    "read_text",
]

MAX_NESTING = 64  # a network file nests 6 deep, a sweep spec 3: 64 leaves room and no recursion
_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"')
_DIGITS_HINT = "a number with thousands of digits"


def _size_text(n: float) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover - the loop always returns


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


@contextmanager
def _open_regular(
    path: str | Path, what: str, max_bytes: int, error: type[ActlabError]
) -> Iterator[tuple[int, int]]:
    """(fd, size) of a regular file opened without blocking; refused if it is anything else."""
    p = str(path)
    if p == "":
        raise error(f"the {what} path is empty; give a file name")
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(f"{what} not found: {p} (cannot read it: there is no such file)") from None
    except IsADirectoryError:
        raise error(f"cannot read {what} {p}: it is a folder, not a file") from None
    except OSError as e:
        raise error(f"cannot read {what} {p}: {e.strerror or e}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"cannot read {what} {p}: it is {_kind(info.st_mode)}; give a regular file")
        if info.st_size > max_bytes:
            raise error(
                f"the {what} {p} is {_size_text(info.st_size)}; at most "
                f"{_size_text(max_bytes)} is allowed"
            )
        os.set_blocking(fd, True)
        yield fd, info.st_size
    finally:
        os.close(fd)


def read_text(
    path: str | Path, what: str, max_bytes: int, *, error: type[ActlabError] = SchemaError
) -> str:
    """The UTF-8 text of a regular file of at most ``max_bytes`` bytes, or ``error`` saying why."""
    with _open_regular(path, what, max_bytes, error) as (fd, _):
        chunks, total = [], 0
        while True:  # read at most max_bytes + 1: a file that grows while read is still bounded
            block = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not block:
                break
            chunks.append(block)
            total += len(block)
            if total > max_bytes:
                raise error(f"the {what} {path} is larger than {_size_text(max_bytes)}")
    return decode(b"".join(chunks), f"{what} {path}", error)


@contextmanager
def open_text(
    path: str | Path, what: str, max_bytes: int, *, error: type[ActlabError] = SchemaError
) -> Iterator[IO[str]]:
    """A text stream over a regular file (UTF-8, BOM skipped), for reading line by line."""
    with _open_regular(path, what, max_bytes, error) as (fd, _):
        fh = os.fdopen(os.dup(fd), "r", encoding="utf-8-sig")
        try:
            yield fh
        except UnicodeDecodeError as e:
            raise error(_utf8_message(f"{what} {path}", e, offset=False)) from None
        finally:
            fh.close()


def _utf8_message(where: str, e: UnicodeDecodeError, offset: bool = True) -> str:
    bad = e.object[e.start : e.start + 1]
    at = f" at offset {e.start}" if offset else ""  # a stream's decoder sees one chunk only
    return f"cannot read {where}: not UTF-8 text (byte 0x{bad.hex()}{at})"


def decode(data: bytes, where: str, error: type[ActlabError] = SchemaError) -> str:
    """``data`` as UTF-8 text (a leading BOM dropped), or ``error`` naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise error(_utf8_message(where, e)) from None


def check_nesting(text: str, where: str, limit: int = MAX_NESTING) -> None:
    """Refuse JSON (or flow-style TOML/YAML) text whose brackets nest deeper than ``limit``."""
    raw = _STRINGS.sub(b"", text.encode("utf-8", "replace"))
    codes = np.frombuffer(raw, dtype=np.uint8)
    if codes.size == 0:
        return
    step = np.isin(codes, (ord("["), ord("{"))).astype(np.int32) - np.isin(
        codes, (ord("]"), ord("}"))
    ).astype(np.int32)
    depth = int(np.cumsum(step).max())
    if depth > limit:
        raise SchemaError(
            f"{where}: brackets nest {depth} deep; at most {limit} levels are allowed"
        )


def _guarded(parse: Callable[[str], Any], text: str, where: str, kind: str) -> Any:
    """Run a parser; deep nesting and huge integers become a :class:`SchemaError`."""
    try:
        return parse(text)
    except RecursionError:
        raise SchemaError(
            f"{where}: nested too deeply; at most {MAX_NESTING} levels are allowed"
        ) from None
    except ValueError as e:
        if "digits" in str(e) and "limit" in str(e).lower():
            raise SchemaError(
                f"{where}: {_DIGITS_HINT}; integers may have at most "
                "4300 digits (write large values as floats)"
            ) from None
        raise SchemaError(f"{where}: invalid {kind}: {e}") from None


def parse_json(text: str | bytes, where: str) -> Any:
    """JSON text → Python data; malformed, too deep or giant-integer text raises SchemaError."""
    if isinstance(text, bytes | bytearray):
        text = decode(bytes(text), where)
    check_nesting(text, where)
    return _guarded(json.loads, text, where, "JSON")


def parse_toml(text: str, where: str) -> Any:
    """TOML text → dict, with the guards of :func:`parse_json`."""
    check_nesting(text, where)
    return _guarded(tomllib.loads, text, where, "TOML")


def parse_yaml(text: str, where: str) -> Any:
    """YAML text → data (safe loader only), with the guards of :func:`parse_json`."""
    import yaml

    check_nesting(text, where)

    def load(t: str) -> Any:
        try:
            return yaml.safe_load(t)
        except yaml.YAMLError as e:
            raise ValueError(str(e)) from None

    data = _guarded(load, text, where, "YAML")
    _check_depth(data, where)
    return data


def _check_depth(data: Any, where: str, max_nodes: int = 1_000_000) -> None:
    """Block-style YAML nests by indentation, which the bracket count cannot see; aliases
    can repeat a node exponentially often, so the walk also counts nodes."""
    stack = [(data, 0)]
    seen = 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > max_nodes:
            raise SchemaError(f"{where}: more than {max_nodes} values (aliases repeat too much)")
        if depth > MAX_NESTING:
            raise SchemaError(
                f"{where}: nested too deeply; at most {MAX_NESTING} levels are allowed"
            )
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
