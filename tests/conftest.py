"""Shared fixtures: a database per test, the CLI runner, and the shared data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from followthrough.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"


def require_shared(path: Path) -> Path:
    """Skip the calling test, with the reason, when shared data is not beside the checkout."""
    if not path.exists():
        pytest.skip(f"{path} is not present (the shared data lives beside the repository)")
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


Run = Callable[..., Result]


@pytest.fixture
def run(db: str) -> Run:
    """Run the CLI against the test database: ``run("ingest", path)``."""

    def invoke(*args: str, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(main, ["--db", db, *args], input=input, env=env, catch_exceptions=False)

    return invoke


def json_lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]
