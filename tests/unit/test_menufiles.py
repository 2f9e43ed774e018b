"""A menus folder's files: which they are, and read as one version of the folder."""
from pathlib import Path

import pytest

from ivr.menus import files as menufiles
from ivr.menus.files import FilesMoved, menu_files, read_snapshot
from ivr.menus.problems import ConfigError


def test_the_files_are_the_top_level_yaml_and_languages(edited_menus):
    folder = edited_menus()
    (folder / "old").mkdir()
    (folder / "old" / "mynumber.yaml").write_text("x: 1", encoding="utf-8")
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    (folder / "odd.yaml").mkdir()
    names = [str(path.relative_to(folder)) for path in menu_files(folder)]
    assert "schedules.yaml" in names and "languages/ja.yaml" in names
    assert not [name for name in names if name.startswith("old") or name == "odd.yaml"]
    assert all(name.endswith((".yaml", ".yml")) for name in names)


def test_a_snapshot_holds_every_file_and_names_its_version(edited_menus):
    folder = edited_menus()
    snapshot = read_snapshot(folder)
    assert set(snapshot.files) == set(menu_files(folder))
    assert snapshot.version == read_snapshot(edited_menus()).version  # same files, same name
    (folder / "card-center.yaml").write_text("changed: true", encoding="utf-8")
    assert read_snapshot(folder).version != snapshot.version


def test_a_folder_that_keeps_changing_while_read_is_not_a_snapshot(edited_menus, monkeypatch):
    folder = edited_menus()
    stamps = iter(range(1000))
    monkeypatch.setattr(menufiles, "stamp", lambda _: ((str(next(stamps)), 0, 0),))
    with pytest.raises(FilesMoved):
        read_snapshot(folder)


def test_no_folder_and_an_unreadable_file_are_problems_to_report(tmp_path, edited_menus,
                                                                 monkeypatch):
    with pytest.raises(ConfigError, match="the menus folder does not exist"):
        read_snapshot(tmp_path / "nowhere")
    folder = edited_menus()
    real = Path.read_bytes
    blocked = folder / "languages" / "ja.yaml"

    def read_bytes(self: Path) -> bytes:
        if self == blocked:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(ConfigError) as raised:
        read_snapshot(folder)
    problem, = raised.value.problems
    assert (problem.file, problem.message) == (blocked, "ja.yaml cannot be read (Permission denied)")
