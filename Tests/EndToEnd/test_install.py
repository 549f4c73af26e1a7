"""`make install PREFIX=… DESTDIR=…` installs the three tools, which then run from there."""
import subprocess

import pytest

from conftest import REPO, run


@pytest.mark.parametrize("prefix", ["/opt/swiftwrap"])
def test_make_install_puts_runnable_tools_under_the_prefix(tmp_path, prefix):
    result = subprocess.run(["make", "--no-print-directory", "install", f"PREFIX={prefix}", f"DESTDIR={tmp_path}"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ["castxml-cache", "wrapgen", "stubgen"]:
        installed = tmp_path / prefix.lstrip("/") / "bin" / name
        assert installed.is_file(), f"{installed} was not installed"
        version = run([installed, "--version"])
        assert version.returncode == 0
        assert b"0." in version.stdout
