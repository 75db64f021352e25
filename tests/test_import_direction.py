"""Apps import one way: agencies → indicators → childplan → reporting → assessments →
progress → exchange.

import-linter reads every import of the seven apps, those placed inside functions
too, against the layers contract in pyproject.toml.
"""

from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def lint_imports(cwd: pathlib.Path) -> subprocess.CompletedProcess:
    command = shutil.which("lint-imports", path=str(pathlib.Path(sys.executable).parent))
    assert command, "import-linter is a development dependency (pyproject.toml)"
    return subprocess.run([command, "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)


def test_it_keeps_the_apps_in_order():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_catches_an_earlier_app_importing_a_later_one(tmp_path):
    # A copy of the apps where agencies reaches into reporting from inside a function.
    for app in ("agencies", "indicators", "childplan", "reporting", "assessments", "progress",
                "exchange", "safe_files"):
        shutil.copytree(ROOT / app, tmp_path / app,
                        ignore=shutil.ignore_patterns("__pycache__", "migrations"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (tmp_path / "agencies" / "access.py").open("a") as module:
        module.write("\n\ndef sneaky():\n    from reporting.models import Report\n\n"
                     "    return Report\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "agencies.access -> reporting.models" in result.stdout
