"""castxml-cache's leading options: "options, then a program and its arguments untouched". The
parser lives in the castxml-cache executable (Sources/castxml-cache/LeadingOptions.swift), which
tests cannot import, so it is checked here through the built tool. None of these runs castxml."""
import os

from conftest import run, tool


def cache_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SWIFTWRAP_")}
    env["SWIFTWRAP_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


def test_an_option_without_its_value_is_a_usage_error(tmp_path):
    result = run([tool("castxml-cache"), "--cache-dir"], env=cache_env(tmp_path))
    assert result.returncode == 64
    assert b"option '--cache-dir' needs a value" in result.stderr


def test_inline_values_are_checked_and_name_the_flag(tmp_path):
    result = run([tool("castxml-cache"), "--cache-mode=sometimes", "--show-stats"], env=cache_env(tmp_path))
    assert result.returncode == 64
    assert b"'sometimes' for SWIFTWRAP_CACHE_MODE (from flag --cache-mode)" in result.stderr
    assert b"depend, preprocessor" in result.stderr
    result = run([tool("castxml-cache"), "--no-cache=maybe", "/bin/echo", "hi"], env=cache_env(tmp_path))
    assert result.returncode == 64
    assert b"(from flag --no-cache)" in result.stderr


def test_a_flag_wins_over_the_environment(tmp_path):
    env = cache_env(tmp_path, SWIFTWRAP_CACHE_MODE="sometimes")
    result = run([tool("castxml-cache"), "--show-stats"], env=env)
    assert result.returncode == 64
    assert b"(from environment SWIFTWRAP_CACHE_MODE)" in result.stderr
    result = run([tool("castxml-cache"), "--cache-mode", "depend", "--show-stats"], env=env)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "cache").encode() in result.stdout


def test_parsing_stops_at_the_program_or_at_double_dash(tmp_path):
    env = cache_env(tmp_path)
    result = run([tool("castxml-cache"), "--no-cache", "/bin/echo", "--show-stats", "--cache-dir"], env=env)
    assert (result.returncode, result.stdout) == (0, b"--show-stats --cache-dir\n"), result.stderr
    result = run([tool("castxml-cache"), "--no-cache=yes", "--", "/bin/echo", "hi"], env=env)
    assert (result.returncode, result.stdout) == (0, b"hi\n"), result.stderr
