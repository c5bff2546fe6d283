"""Command: report (one self-contained HTML page to hand over)."""
from __future__ import annotations

import click

from .group import cli


@cli.command("report")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The HTML file to write (one self-contained page; opens offline).")
@click.option("--focus", metavar="NAME", help="One organisation's report: its neighbourhood only.")
@click.option("--depth", default=2, show_default=True, type=click.IntRange(1, 4), help="Hops around --focus.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 100),
              help="How many clusters and brokers to list.")
@click.pass_context
def report_cmd(ctx: click.Context, output: str, focus: str | None, depth: int, top: int) -> None:
    """Write an ecosystem report: documents, organisations by kind and country, top clusters
    and members, brokers, partnerships by country pair, funders, focus maps, with the
    evidence behind every figure."""
    from ecograph.queries.report import build_report
    from ecograph.visualizations.report import render_report
    from .session import reading
    with reading(ctx) as store:
        path = render_report(build_report(store, focus=focus, depth=depth, top=top), output)
    click.echo(f"wrote {path}", err=True)
