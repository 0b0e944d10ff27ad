"""Finding a project's files: flags > environment > config file > a clone > the bundled copy."""

from __future__ import annotations

from pathlib import Path

import pytest

from paystack_contracts.errors import ConfigError
from paystack_contracts.project import Project, bundled_root, load_project, project_at


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("paystack-contracts.toml", 'contracts-dir = "api/contract"\nbaseline-dir = "api/fingerprints"\n'),
        (
            "pyproject.toml",
            '[tool.paystack-contracts]\ncontracts-dir = "api/contract"\nbaseline-dir = "api/fingerprints"\n',
        ),
    ],
)
def test_a_config_file_is_found_upward_from_the_current_directory(tmp_path: Path, name: str, text: str) -> None:
    config = write(tmp_path / name, text)
    (tmp_path / "src" / "deep").mkdir(parents=True)
    project = load_project({}, cwd=tmp_path / "src" / "deep")
    assert (project.root, project.config_file, project.origin) == (tmp_path, config, "config")
    assert project.contracts == tmp_path / "api" / "contract"
    assert project.baseline_dir == tmp_path / "api" / "fingerprints"
    assert project.ledger == tmp_path / "api" / "contract" / "discrepancies.yaml"  # follows the contract dir


def test_a_pyproject_without_our_table_is_not_a_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    assert load_project({}, cwd=tmp_path).config_file is None


def test_the_environment_overrides_the_config_file_and_flags_override_both(tmp_path: Path) -> None:
    write(tmp_path / "paystack-contracts.toml", 'baseline-dir = "from-config"\npolicy = "from-config.yaml"\n')
    env = {"PAYSTACK_CONTRACTS_BASELINE_DIR": str(tmp_path / "from-env")}
    project = load_project(env, cwd=tmp_path)
    assert (project.baseline_dir, project.policy) == (tmp_path / "from-env", tmp_path / "from-config.yaml")
    flagged = project.with_overrides(baseline_dir=tmp_path / "from-flag", policy=None)
    assert (flagged.baseline_dir, flagged.policy) == (tmp_path / "from-flag", tmp_path / "from-config.yaml")


def test_paystack_contracts_root_names_the_project_directory(tmp_path: Path) -> None:
    write(tmp_path / "proj" / "paystack-contracts.toml", 'report-dir = "out"\n')
    project = load_project({"PAYSTACK_CONTRACTS_ROOT": str(tmp_path / "proj")}, cwd=tmp_path)
    assert project.report_dir == tmp_path / "proj" / "out"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('baseline_dir = "x"\n', "unknown key 'baseline_dir'; did you mean 'baseline-dir'?"),
        ("ledger = 3\n", "'ledger' must be a non-empty path string"),
        ("ledger = \n", "not a readable TOML file"),
    ],
)
def test_a_bad_config_file_is_a_config_error_naming_it(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path / "paystack-contracts.toml", text)
    with pytest.raises(ConfigError, match="^" + str(config)) as caught:
        load_project({}, cwd=tmp_path)
    assert message in str(caught.value)


def test_a_clone_is_used_when_there_is_no_config(repo_root: Path) -> None:
    project = load_project({}, cwd=repo_root)
    assert (project.origin, project.contracts, project.specs) == ("clone", repo_root / "contracts", repo_root / "specs")


def test_a_user_project_reads_the_upstream_evidence_from_the_bundled_copy(tmp_path: Path) -> None:
    write(tmp_path / "paystack-contracts.toml", "")
    project = project_at(tmp_path)
    assert project.specs == bundled_root() / "specs"
    assert project.own_paths == []  # validate never checks the bundled copy by default
    write(project.ledger, "kind: discrepancy-ledger\n")
    assert project.own_paths == [tmp_path / "contracts"]


def test_nothing_inside_the_installed_package_is_writable(tmp_path: Path) -> None:
    package = Path(__import__("paystack_contracts").__file__).parent
    project = Project.at(tmp_path)
    assert project.writable(tmp_path / "contracts" / "baseline") == tmp_path / "contracts" / "baseline"
    with pytest.raises(
        ConfigError, match=r"inside the installed paystack-contracts package; run `paystack-contracts init`"
    ):
        project.writable(package / "_bundled" / "contracts" / "baseline")


def test_describe_lists_every_file_in_use(tmp_path: Path) -> None:
    write(tmp_path / "paystack-contracts.toml", "")
    lines = project_at(tmp_path).describe()
    assert lines[0] == f"project       {tmp_path / 'paystack-contracts.toml'} (config)"
    assert [line.split()[0] for line in lines[1:]] == [
        "contracts-dir",
        "baseline-dir",
        "ledger",
        "policy",
        "specs-dir",
        "report-dir",
        "cache-dir",
    ]
    assert "baseline-dir  contracts/baseline" in lines
