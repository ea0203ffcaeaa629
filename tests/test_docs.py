"""Docs tests: README.md mentions every CLI command and every setting."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import typer.main

from detente.config import settings_table
from detente.present.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def command_paths(group: click.Group, prefix: str = "") -> list[str]:
    """Every command as typed after ``detente``, sub-commands of groups included ("ingest", "db migrate")."""
    paths = []
    for name, command in sorted(group.commands.items()):
        if getattr(command, "hidden", False):
            continue
        path = f"{prefix}{name}"
        paths.append(path)
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, f"{path} "))
    return paths


@pytest.fixture(scope="module")
def readme() -> str:
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", command_paths(typer.main.get_command(app)))
def test_every_command_is_documented(readme, command):
    assert f"detente {command}" in readme, f"README.md does not show `detente {command}`"


@pytest.mark.parametrize("setting", [name for name, _, _ in settings_table()])
def test_every_setting_is_documented(readme, setting):
    assert setting in readme, f"README.md does not mention the setting {setting}"


def test_ci_runs_exactly_the_readme_test_line(readme):
    quick_start = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    lines = [line for line in quick_start.splitlines()[1:] if line.strip()]
    assert len(lines) == 2, "the Quick start block holds the demo line and the test line"
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1] in ci.splitlines()
