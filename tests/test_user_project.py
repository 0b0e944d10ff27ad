"""The tool as a user project gets it: the wheel installed into a fresh virtual environment, used from an empty
directory. init -> validate -> discrepancies --check -> run -> run --update-baseline -> run all exit 0, the
baseline lands in the user's directory, Hypothesis keeps its files in our cache dir, and the installed package is
byte-for-byte unchanged afterwards."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUN = ("run", "--max-examples", "2", "--workers", "1", "--no-progress")

pytestmark = pytest.mark.slow


def sh(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def tree_hash(directory: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A venv holding only the freshly built wheel; its dependencies come from this test run's environment
    (a .pth line, so nothing is downloaded), never the source tree."""
    base = tmp_path_factory.mktemp("wheel")
    sh(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "--no-build-isolation",
        "-w",
        base / "dist",
        REPO,
        cwd=base,
    )
    [wheel] = (base / "dist").glob("paystack_contracts-*.whl")
    venv = base / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    python = venv / "bin" / "python"
    site = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base).stdout.strip())
    sh(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", wheel, cwd=base)
    # after the install: with this environment visible, pip would take its own paystack-contracts for the wheel
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", "utf-8")
    return venv


def test_a_user_project_works_from_init_to_a_second_run_and_never_writes_into_the_package(
    installed: Path, tmp_path: Path
) -> None:
    tool = installed / "bin" / "paystack-contracts"
    package = next((installed / "lib").glob("python3*/site-packages/paystack_contracts"))
    assert (package / "__init__.py").is_file()  # the wheel, not a namespace stand-in
    before = tree_hash(package)
    user = tmp_path / "my-app"
    user.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAYSTACK_", "HYPOTHESIS_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")

    sh(tool, "init", cwd=user, env=env)
    assert "validating contracts (project: " in sh(tool, "validate", cwd=user, env=env).stdout
    assert "is up to date" in sh(tool, "discrepancies", "--check", cwd=user, env=env).stdout
    sh(tool, *RUN, cwd=user, env=env)
    assert sorted(p.name for p in (user / "contracts" / "baseline").iterdir()) == ["README.md"]
    sh(tool, *RUN, "--update-baseline", cwd=user, env=env)
    recorded = sorted((user / "contracts" / "baseline").glob("*.json"))
    assert len(recorded) > 10
    sh(tool, *RUN, cwd=user, env=env)

    assert tree_hash(package) == before
    assert not (user / ".hypothesis").exists()
    assert (tmp_path / "cache" / "paystack-contracts" / "hypothesis").is_dir()
    assert (user / "reports" / "report.json").is_file()


def test_without_init_a_baseline_update_refuses_to_write_into_the_package(installed: Path, tmp_path: Path) -> None:
    tool = installed / "bin" / "paystack-contracts"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYSTACK_")}
    done = subprocess.run(
        [tool, *RUN, "--update-baseline"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 2
    assert "inside the installed paystack-contracts package; run `paystack-contracts init`" in done.stderr
    assert "Traceback" not in done.stderr
