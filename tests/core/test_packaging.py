"""pyproject.toml builds cleanly: the licence as an SPDX expression, no deprecation banner."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_builds_without_deprecation_warnings(tmp_path):
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "coopportal").mkdir()
    (tmp_path / "coopportal" / "__init__.py").touch()  # the metadata is what is checked here
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", "dist", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "deprecated" not in output.lower(), output[-3000:]
    (wheel,) = (tmp_path / "dist").glob("coopportal-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = archive.read("coopportal-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: AGPL-3.0-or-later" in metadata
