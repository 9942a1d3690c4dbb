"""Shared fixtures: the bundled report built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build, sample_report_path

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return sample_report_path()


@pytest.fixture(scope="session")
def built(tmp_path_factory, sample_path):
    """The bundled report built into a temporary output folder."""
    out = tmp_path_factory.mktemp("output")
    result = build([sample_path], out)
    return out, result


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
