"""``reportgen serve``: refuses to listen beyond this computer without sign-in; the password line
it prints is one ``reportgen.toml`` accepts and the app verifies."""

from __future__ import annotations

from click.testing import CliRunner

from reportgen.cli import cli
from reportgen.config import parse_config
from reportgen.web.security import verify_password


def test_listening_beyond_this_computer_needs_users_or_a_proxy_header(tmp_path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "staff must sign in" in result.output and "[serve.users]" in result.output


def test_a_missing_workspace_stops(tmp_path):
    result = CliRunner().invoke(cli, ["serve", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_hash_password_prints_a_line_the_settings_take(tmp_path):
    result = CliRunner().invoke(
        cli, ["serve", "--hash-password"], input="Pat Clerk\nsecret words\nsecret words\n"
    )
    assert result.exit_code == 0, result.output
    line = result.output.strip().splitlines()[-1]
    values, problems = parse_config(f"[serve.users]\n{line}\n")
    assert problems == []
    assert verify_password(values["serve.users"]["Pat Clerk"], "secret words")
    assert not verify_password(values["serve.users"]["Pat Clerk"], "other words")


def test_settings_refuse_a_plain_password_and_a_bad_address():
    text = '[serve]\nbase_url = "reportgen.local"\nmax_upload_mb = 900\n[serve.users]\npat = "x"\n'
    _, problems = parse_config(text)
    assert [(p.location.heading, p.location.place) for p in problems] == [
        ("serve.base_url", "line 2"),
        ("serve.max_upload_mb", "line 3"),
        ("serve.users.pat", "line 5"),
    ]
    assert "never the password itself" in problems[2].message
