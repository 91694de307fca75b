"""``reportgen serve [WORKSPACE]``: the web app over a workspace folder (see :mod:`reportgen.web`).

Thin like the rest of :mod:`reportgen.cli`: check the workspace and the settings, then hand the
app to uvicorn. Bound to 127.0.0.1 unless told otherwise; any other address needs sign-in,
configured in ``reportgen.toml`` (``[serve.users]`` or ``serve.user_header``), or it refuses to
start.
"""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.common import EXIT_FAILURE, stop
from reportgen.config import CONFIG_NAME, ConfigError


@click.command("serve")
@click.argument(
    "workspace",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    required=False,
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--hash-password",
    is_flag=True,
    help="Ask for a password and print the line that lets a user sign in with it.",
)
def serve(workspace: Path, host: str, port: int, hash_password: bool) -> None:
    """Serve the quarterly cycle in a browser, over WORKSPACE (default: this folder)."""
    from reportgen.web.security import hash_password as make_hash
    from reportgen.web.security import is_local

    if hash_password:
        name = click.prompt("User name")
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        click.echo(f"Add this line under [serve.users] in {CONFIG_NAME}:")
        click.echo(f'"{name}" = "{make_hash(password)}"')
        return
    if not workspace.is_dir():
        stop(f"the workspace folder {workspace} was not found")
    import uvicorn

    from reportgen.web.app import create_app
    from reportgen.web.workspace import Workspace

    try:
        settings = Workspace(workspace).serve_settings()
    except ConfigError as exc:
        stop(str(exc))
        raise SystemExit(EXIT_FAILURE) from exc
    if not is_local(host) and not settings.users and not settings.user_header:
        stop(
            f"listening on {host} lets other computers in, so staff must sign in: add users "
            f"under [serve.users] in {CONFIG_NAME} ('reportgen serve --hash-password' makes "
            "the line), or name the reverse proxy's user header as serve.user_header"
        )
    app = create_app(workspace, host)
    click.echo(f"reportgen is serving {workspace.resolve()} at http://{host}:{port}/")
    if is_local(host):
        click.echo("Only this computer can reach it. Press Ctrl+C to stop.")
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
