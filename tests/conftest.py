"""Shared fixtures: the bundled report built once per test session, and
Debian's headless Chromium for the browser tests."""

from __future__ import annotations

import os
import shutil
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


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# the flags keep Chromium from calling out of this machine's closed network
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no download)."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium for the browser tests", pytrace=False)
        pytest.skip("chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
