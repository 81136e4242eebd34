"""Output paths of the commands: checked before any work, written whole or not at all.

* a file given with ``--save``/``--out`` that exists is replaced only with ``--force``;
* an empty path, a folder where a file is expected, a path under a regular file,
  a missing or read-only folder is an ``Error:`` before the command computes anything;
* files are written to a temporary name and renamed over the target, so a failed
  write never leaves half a file, and a symbolic link is replaced, not written through;
* an output folder's own entries that are links to outside the folder are refused.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError

__all__ = ["check_links", "output_dir", "output_file", "output_location", "write_text"]


def _empty(option: str) -> ConfigError:
    return ConfigError(f"the {option} path is empty; give a file or folder name")


def _existing_ancestor(p: Path) -> Path:
    """The nearest ancestor of ``p`` (or ``p``) that exists."""
    for q in [p, *p.parents]:
        if q.exists():
            return q
    return Path(".")  # pragma: no cover - a relative path's parents end in '.'


def _writable_folder(folder: Path, option: str, target: Path) -> None:
    if not folder.is_dir():
        kind = "a file" if folder.exists() else "missing"
        raise ConfigError(
            f"cannot write {option} {target}: {folder} is {kind}, not a folder; "
            "choose a path in an existing folder"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write {option} {target}: the folder {folder} is read-only")


def output_file(path: str, *, force: bool, option: str) -> Path:
    """``path`` checked as a file about to be written by ``option`` (see the module doc)."""
    if path.strip() == "":
        raise _empty(option)
    p = Path(path)
    if p.is_dir():
        raise ConfigError(f"{option} {p} is a folder; give a file name")
    parent = p.parent
    if not parent.exists():
        near = _existing_ancestor(parent)
        if not near.is_dir():
            raise ConfigError(f"cannot write {option} {p}: {near} is a file, not a folder")
        raise ConfigError(f"cannot write {option} {p}: the folder {parent} does not exist")
    _writable_folder(parent, option, p)
    if (p.exists() or p.is_symlink()) and not force:
        raise ConfigError(f"{option} {p} exists; pass --force to replace it")
    return p


def output_location(path: str, option: str = "--out") -> Path:
    """``path`` as a file to create or resume (missing folders are made when it is written)."""
    if path.strip() == "":
        raise _empty(option)
    p = Path(path)
    if p.is_dir():
        raise ConfigError(f"{option} {p} is a folder; give a file name")
    near = _existing_ancestor(p.parent)
    if not near.is_dir():
        raise ConfigError(f"cannot write {option} {p}: {near} is a file, not a folder")
    _writable_folder(near, option, p)
    return p


def write_text(path: Path, text: str, option: str) -> Path:
    """Write ``text`` to ``path`` atomically (a temporary file renamed over it)."""
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise ConfigError(f"cannot write {option} {path}: {e.strerror or e}") from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return path


def output_dir(path: str, option: str) -> Path:
    """``path`` as an output folder, created if missing; errors name what is in the way."""
    if path.strip() == "":
        raise _empty(option)
    p = Path(path)
    if p.exists() and not p.is_dir():
        raise ConfigError(f"{option} {p} is a file, not a folder; choose a folder")
    near = _existing_ancestor(p)
    if not near.is_dir():
        raise ConfigError(f"cannot create {option} folder {p}: {near} is a file, not a folder")
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ConfigError(f"cannot create {option} folder {p}: {e.strerror or e}") from None
    _writable_folder(p, option, p)
    return p


def check_links(folder: Path, names: Iterable[str], option: str) -> None:
    """Refuse if an entry ``names`` (or one inside such a folder) links to outside ``folder``.

    The commands write only these entries; a link among them would make a write land
    elsewhere, replacing a file the user never named.
    """
    root = folder.resolve()
    for name in names:
        entry = folder / name
        entries = [entry]
        if entry.is_dir() and not entry.is_symlink():
            entries += sorted(entry.iterdir())
        for e in entries:
            if not e.is_symlink():
                continue
            target = e.resolve()
            if target != root and root not in target.parents:
                raise ConfigError(
                    f"{option} {folder}: {e} is a link to {target}, outside the folder; "
                    "actlab does not write through it: remove the link or choose another folder"
                )
