"""Where bytes come from: files, directories and stdin (later the web, feeds, WARC, PDF)."""

from .files import RawInput, collect_inputs, read_input

__all__ = ["RawInput", "collect_inputs", "read_input"]
