"""Files from someone else are data: names never choose a place, and text that would rewrite a
terminal or reorder what a reader sees is refused at validation."""

from __future__ import annotations

import json

import pytest

from cluster_sim.classroom.config import load_classroom
from cluster_sim.cli import default_run_folder, main
from cluster_sim.scenario import ScenarioError, load_scenario

CLASS = 'scenario = "default"\n[classroom]\nname = "{name}"\nseed = 1\ngroups = {groups}\n{extra}'


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/elsewhere/x", "..", "a/../../b", "x" * 500, "C:\\\\evil"])
def test_a_scenario_name_becomes_one_folder_under_results(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "s.toml").write_text(f'[meta]\nextends = "default"\nname = "{name}"\n', encoding="utf-8")
    folder = default_run_folder(load_scenario("s.toml"), 1, None)
    assert folder.parent.as_posix() == "results" and (tmp_path / folder).resolve().parent == tmp_path / "results"
    assert len(folder.name) < 120 and not folder.name.startswith(".")


@pytest.mark.parametrize("text", ["x\\u202egpj", "red\\u001b[31m", "tab\\tname", "new\\nline"])
def test_names_with_control_or_bidi_characters_are_refused(tmp_path, text):
    (tmp_path / "s.toml").write_text(f'[meta]\nextends = "default"\nname = "{text}"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="meta.name"):
        load_scenario(tmp_path / "s.toml")
    (tmp_path / "c.toml").write_text(CLASS.format(name="c", groups=f'["ok", "{text}"]', extra=""), encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"classroom.groups\[1\]"):
        load_classroom(tmp_path / "c.toml")


@pytest.mark.parametrize("results", ["/etc/passwd", "/tmp/x.csv", "../outside.csv", "results/../../x.csv", "sub"])
def test_a_teacher_file_cannot_aim_its_results_elsewhere(tmp_path, monkeypatch, results):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    text = CLASS.format(name="c", groups='["a"]', extra=f'results = "{results}"\n')
    (tmp_path / "c.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match="classroom.results"):
        load_classroom(tmp_path / "c.toml")


def test_results_under_the_classroom_folder_or_results_are_fine(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for results in ("results/classroom/c.csv", "c_results.csv"):
        (tmp_path / "c.toml").write_text(CLASS.format(name="../c", groups='["a"]', extra=f'results = "{results}"\n'),
                                         encoding="utf-8")
        assert load_classroom(tmp_path / "c.toml").results.name.endswith(".csv")
    (tmp_path / "c.toml").write_text(CLASS.format(name="../../c", groups='["a"]', extra=""), encoding="utf-8")
    assert load_classroom(tmp_path / "c.toml").results.as_posix() == "results/classroom/c.csv"


def _user_folder(tmp_path, manifest: dict | None = None):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"years of work")
    if manifest is not None:
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.mark.parametrize("forged", [
    {"generator": "cluster-sim", "files": ["thesis.docx", "manifest.json"]},  # no hashes
    {"generator": "cluster-sim", "files": ["thesis.docx", "manifest.json"], "sha256": {"thesis.docx": "0" * 64}},
    {"generator": "cluster-sim", "files": ["thesis.docx", "manifest.json"], "sha256": []},
])
def test_a_hand_written_manifest_does_not_make_force_delete_the_users_files(tmp_path, small_scenario, capsys,
                                                                            forged):
    folder = _user_folder(tmp_path, forged)
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(folder), "--force"]) == 2
    assert "did not write" in capsys.readouterr().err
    assert (folder / "thesis.docx").read_bytes() == b"years of work"


def test_a_listed_file_that_became_a_symlink_keeps_the_folder(tmp_path, small_scenario, capsys):
    out = tmp_path / "run"
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(out)]) == 0
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("the user's file", encoding="utf-8")
    (out / "summary.csv").unlink()
    (out / "summary.csv").symlink_to(elsewhere)
    capsys.readouterr()
    assert main(["run", str(small_scenario), "--years", "1", "--out", str(out), "--force"]) == 2
    assert "summary.csv is not the plain file" in capsys.readouterr().err
    assert (out / "summary.csv").is_symlink() and elsewhere.read_text(encoding="utf-8") == "the user's file"
