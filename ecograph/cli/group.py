"""The `ecograph` command group: `--store`, and the one place errors become messages."""
from __future__ import annotations

import sys

import click

from ..config import default_store_url, scrub
from ..errors import EcographError


class EcographGroup(click.Group):
    """Translates every `EcographError` into a one-line message with a hint, exit code 1;
    Ctrl-C into exit code 130."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EcographError as exc:
            # a store URL may carry a password (userinfo, query string): never echoed
            url = (ctx.obj or {}).get("store_url") if isinstance(ctx.obj, dict) else None
            err = click.ClickException(scrub(str(exc), url))
            if exc.hint:
                err.message += f"\n  hint: {scrub(exc.hint, url)}"
            raise err from exc
        except KeyboardInterrupt:  # Ctrl-C outside a command that handles it: the shell's code
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # `ecograph export | head`: not an error
            sys.stderr.close()
            ctx.exit(0)


@click.group(cls=EcographGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_url", envvar="ECOGRAPH_STORE", metavar="URL",
              help="A folder (embedded store, default $ECOGRAPH_HOME) or neo4j://host:port. "
                   "Neo4j credentials come from NEO4J_USERNAME / NEO4J_PASSWORD.")
@click.version_option(package_name="ecograph")
@click.pass_context
def cli(ctx: click.Context, store_url: str | None) -> None:
    """Turn documents about an innovation ecosystem into a knowledge graph you can query, map and cite."""
    ctx.obj = {"store_url": store_url or default_store_url()}
