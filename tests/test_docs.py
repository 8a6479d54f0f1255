"""The README is tested: its Python session runs, and its JSON table names every field."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_examples_run():
    result = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 4 and result.failed == 0


def test_readme_documents_every_lookup_json_field():
    from nkterms import lookup

    documented = set(re.findall(r"^\| `([a-z_]+)`", README.read_text(encoding="utf-8"), re.M))
    documented |= {
        name
        for cell in re.findall(r"^\| (`[^|]+)\|", README.read_text(encoding="utf-8"), re.M)
        for name in re.findall(r"`([a-z_]+)`", cell)
    }
    fields = set(lookup("北向民")[0].as_dict())
    assert fields - documented == set()


def test_readme_opens_with_the_two_commands_ci_runs():
    text = README.read_text(encoding="utf-8")
    commands = re.search(r"```sh\n(.+?)```", text, re.S).group(1).strip().splitlines()
    assert len(commands) == 2 and "nkterms lookup bukhyangmin" in commands[0]
    assert "pytest" in commands[1]
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert all(command in ci for command in commands)
