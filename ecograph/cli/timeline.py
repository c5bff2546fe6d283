"""Time: `--since` / `--until` on the queries, maps and exports, and `ecograph timeline NAME`.

The window is set once around a command (`ecograph.dates.between`), and every query
reads the graph through it, so the options are added here to the commands that read
relations rather than written into each of them."""
from __future__ import annotations

import functools

import click

from .group import cli
from .output import format_options

#: Commands that read relations and so take --since/--until (search/stats/cypher do not).
TIMED_COMMANDS = ("partners", "common-partners", "cross-border", "members", "clusters", "top-clusters",
                  "programmes", "participants", "chains", "path", "ego", "central", "communities",
                  "isolated", "show", "map", "export", "timeline")
_HELP = ("Only relations {} DATE (YYYY, YYYY-MM or YYYY-MM-DD, inclusive), dated by the years their "
         "sentences state, else their documents' publication dates; undated relations are left out.")


def with_period(command: click.Command) -> click.Command:
    """Add --since/--until to a command: its callback runs inside `ecograph.dates.between`."""
    if any(p.name == "since" for p in command.params):
        return command
    command.params += [click.Option(["--since"], metavar="DATE", help=_HELP.format("from")),
                       click.Option(["--until"], metavar="DATE", help=_HELP.format("up to"))]
    inner = command.callback

    @functools.wraps(inner)
    def callback(*args, since=None, until=None, **kwargs):
        from ecograph.dates import between
        with between(since, until):
            return inner(*args, **kwargs)
    command.callback = callback
    return command


def add_period_options() -> None:
    for name in TIMED_COMMANDS:
        if name in cli.commands:
            with_period(cli.commands[name])


@cli.command("timeline")
@click.argument("name")
@click.option("--types", metavar="T1,T2", help="Relation types, comma-separated, or core / all [default: all].")
@click.option("--evidence", is_flag=True, help="Add the evidence columns: sentence, source, title, published, url.")
@format_options
@click.pass_context
def timeline_cmd(ctx, name, types, evidence, fmt):
    """When each relation of NAME appears: first and last seen (document dates), years stated."""
    from ecograph.queries.timeline import timeline
    from .query import EVIDENCE, _show, _store
    with _store(ctx) as store:
        rows = timeline(store, name, types=types)
    _show(rows, fmt, ["when", "type", "arrow", "other", "first_seen", "last_seen", "years"],
          ids=["id", "other_id"], evidence=EVIDENCE if evidence else [])
