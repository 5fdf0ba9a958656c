"""Read inputs from paths and stdin, within the size limit, without interpreting them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..config import HTML_SUFFIXES, JSON_SUFFIXES, TEXT_SUFFIXES, Settings
from ..errors import InputError

STDIN = "-"


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one input and how to read them.

    ``source`` names the input for messages and provenance (the path as given,
    or ``-``); ``kind`` is ``text``, ``html``, ``json`` or ``jsonl``.
    """

    source: str
    data: bytes
    kind: str


def kind_for_suffix(suffix: str) -> str | None:
    suffix = suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix == ".jsonl":
        return "jsonl"
    if suffix in JSON_SUFFIXES:
        return "json"
    return None


def sniff_kind(data: bytes) -> str:
    """Guess the kind of stdin input from its first bytes."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<?xml")):
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "text"


def collect_inputs(paths: Iterable[str]) -> list[str | InputError]:
    """Expand the paths the user named into input names, in a stable order.

    Directories are walked recursively; inside them hidden entries and files of
    an unsupported type are passed over. A named path that does not exist, or a
    named file of an unsupported type, becomes an ``InputError`` in its place so
    the rest of the batch still runs.
    """
    found: list[str | InputError] = []
    for name in paths:
        if name == STDIN:
            found.append(STDIN)
            continue
        try:
            found.extend(_expand(name))
        except PermissionError:
            found.append(InputError(name, "permission denied"))
        except OSError as exc:
            found.append(InputError(name, f"cannot be read ({exc.strerror or exc})"))
    return found


def _expand(name: str) -> list[str | InputError]:
    path = Path(name)
    if path.is_dir():
        return [str(p) for p in _walk(path)]
    if path.is_file():
        if kind_for_suffix(path.suffix) is None:
            return [InputError(name, f"unsupported file type {path.suffix or '(none)'!r}; "
                                     "expected .txt, .html, .htm, .json or .jsonl")]
        return [name]
    if path.exists():
        return [InputError(name, "not a regular file or directory")]
    return [InputError(name, "no such file or directory")]


def _walk(root: Path) -> list[Path]:
    """Supported files under ``root``, sorted; hidden entries and unreadable subdirectories are passed over."""
    files = []
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in names:
            path = Path(directory) / name
            if name.startswith(".") or kind_for_suffix(path.suffix) is None:
                continue
            try:
                if path.is_file():
                    files.append(path)
            except OSError:
                continue
    return sorted(files)


def read_input(name: str, settings: Settings, stdin: BinaryIO | None = None) -> RawInput:
    """Read one input's bytes, refusing anything over ``settings.max_input_bytes``."""
    limit = settings.max_input_bytes
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise InputError("<stdin>", f"larger than the {_size(limit)} limit")
        return RawInput("<stdin>", data, sniff_kind(data))
    path = Path(name)
    kind = kind_for_suffix(path.suffix)
    if kind is None:
        raise InputError(name, f"unsupported file type {path.suffix!r}")
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(name, f"file is {_size(size)}, over the {_size(limit)} limit")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise InputError(name, "no such file or directory") from exc
    except PermissionError as exc:
        raise InputError(name, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(name, "is a directory") from exc
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from exc
    if len(data) > limit:  # grew while we looked
        raise InputError(name, f"file is over the {_size(limit)} limit")
    return RawInput(name, data, kind)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"
