"""Every tool answers --help and --version with the package version and exits 64 on bad usage."""
import re

import pytest

from conftest import REPO, run, tool

VERSION = re.search(r'string = "([^"]+)"', (REPO / "Sources/SwiftWrapCore/Version.swift").read_text()).group(1)


@pytest.mark.parametrize("name", ["castxml-cache", "wrapgen", "stubgen"])
def test_version_is_the_package_version(name):
    result = run([tool(name), "--version"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip().endswith(VERSION)


@pytest.mark.parametrize("name", ["castxml-cache", "wrapgen", "stubgen"])
def test_help_mentions_usage(name):
    result = run([tool(name), "--help"])
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode()
    assert "USAGE" in text.upper()
    assert name in text


@pytest.mark.parametrize("name", ["castxml-cache", "wrapgen", "stubgen"])
def test_unknown_option_is_a_usage_error(name):
    result = run([tool(name), "--definitely-not-an-option"])
    assert result.returncode == 64
    assert b"--definitely-not-an-option" in result.stderr
