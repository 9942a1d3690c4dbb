"""Corpus builds on a real Dask cluster: a scheduler and two single-threaded
worker processes on loopback, started as a user would start them."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kg.build import build
from kg.cli import main
from tests_helpers import free_port

distributed = pytest.importorskip("distributed")

PROVINCIAL = Path(__file__).parent / "data" / "provincial"


def _dask(*args: str) -> subprocess.Popen:
    exe = shutil.which("dask") or str(Path(sys.executable).with_name("dask"))
    return subprocess.Popen([exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Cluster:
    def __init__(self, workers: int = 2):
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.scheduler = _dask("scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--no-dashboard")
        self.workers = [
            _dask("worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard", "--name", f"w{i}")
            for i in range(workers)
        ]
        with distributed.Client(self.address, timeout="30s") as client:
            client.wait_for_workers(workers, timeout=60)

    def tasks_seen(self) -> set[str]:
        """The keys of our tasks in the scheduler's transition log."""
        with distributed.Client(self.address, timeout="30s") as client:
            log = client.run_on_scheduler(lambda dask_scheduler: [str(t[0]) for t in dask_scheduler.transition_log])
        return {k for k in log if k.startswith("kg-extract-")}

    def close(self) -> None:
        for p in self.workers + [self.scheduler]:
            if p.poll() is None:
                p.terminate()
        for p in self.workers + [self.scheduler]:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture()
def cluster():
    c = Cluster()
    yield c
    c.close()


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    build([PROVINCIAL], out, jobs=1)
    return out


def same_bytes(a: Path, b: Path) -> None:
    for name in ("graph.trig", "graph.ttl", "graph.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_the_provincial_corpus_builds_on_the_cluster_byte_for_byte(cluster, local_build, tmp_path):
    result = build([PROVINCIAL], tmp_path / "out", scheduler=cluster.address)
    assert len(result.documents) == 26 and not result.failures
    same_bytes(tmp_path / "out", local_build)
    assert len(cluster.tasks_seen()) >= 26  # one task per report at least


def test_a_worker_killed_mid_build_changes_nothing(cluster, local_build, tmp_path):
    killed = []

    def progress(done, total, chars, seconds):
        if done == 3 and not killed:
            os.kill(cluster.workers[0].pid, signal.SIGKILL)
            killed.append(done)

    result = build([PROVINCIAL], tmp_path / "out", scheduler=cluster.address, progress=progress)
    assert killed and cluster.workers[0].wait(10) == -signal.SIGKILL
    assert len(result.documents) == 26 and not result.failures
    same_bytes(tmp_path / "out", local_build)


def test_a_report_that_cannot_be_extracted_is_reported_and_skipped(cluster, tmp_path, runner):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(PROVINCIAL / "hebei-2026-gov.txt", reports)
    (reports / "empty.txt").write_bytes(b"\xef\xbb\xbf   \n")
    result = runner.invoke(main, ["build", str(reports), "-o", str(tmp_path / "out"), "--scheduler", cluster.address, "--no-html"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "Built 1 document: hebei-2026-gov.txt"
    assert result.stderr.startswith("Error: empty.txt: ")


def test_a_rebuild_with_nothing_changed_contacts_no_one(tmp_path, runner):
    cluster = Cluster(workers=1)
    try:
        reports = tmp_path / "reports"
        reports.mkdir()
        shutil.copy(PROVINCIAL / "hebei-2026-gov.txt", reports)
        out = tmp_path / "out"
        first = runner.invoke(main, ["build", str(reports), "-o", str(out), "--scheduler", cluster.address])
        assert first.exit_code == 0, first.output
    finally:
        cluster.close()
    # the scheduler is gone: a rebuild needs it for nothing
    again = runner.invoke(main, ["build", str(reports), "-o", str(out), "--scheduler", cluster.address])
    assert again.exit_code == 0, again.output
    assert "Unchanged, taken from the cache: 1; extracted: 0" in again.output
    # an interrupted build resumes from the cache: only a new report needs the cluster
    shutil.copy(PROVINCIAL / "jilin-2026-gov.txt", reports)
    third = runner.invoke(main, ["build", str(reports), "-o", str(out), "--scheduler", cluster.address])
    assert third.exit_code == 1
    assert third.stderr.startswith(f"Error: cannot reach the Dask scheduler at {cluster.address}: ")
    assert "(hint: start one with 'dask scheduler'" in third.stderr


def test_scheduler_options_are_checked(runner, tmp_path, sample_path):
    result = runner.invoke(main, ["build", str(sample_path), "-o", str(tmp_path), "--scheduler", "127.0.0.1:8786"])
    assert result.exit_code == 1
    assert result.stderr == ("Error: malformed scheduler address 127.0.0.1:8786 "
                             "(hint: give it as dask prints it, e.g. tcp://127.0.0.1:8786)\n")
    result = runner.invoke(main, ["build", str(sample_path), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"])
    assert result.exit_code == 2
    assert "give --jobs (this machine) or --scheduler (a Dask cluster), not both" in result.stderr
