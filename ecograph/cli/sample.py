"""`ecograph sample` (draw a validation sample) and `ecograph sample score` (its figures).

A click group that runs on its own: `ecograph sample -n 100 -o sample.csv` draws,
`ecograph sample score sample.csv` scores. Library code: `queries/sample.py` (drawing,
checking), `queries/validate.py`, `ecograph/validation.py` (statistics),
`visualizations/judge.py` (the CSV and the HTML judge page)."""
from __future__ import annotations

import json
import sys

import click

from .group import cli
from .output import emit, format_options
from .session import reading

SCORE_COLUMNS = ["measure", "group", "judged", "correct", "wrong", "unsure", "value", "low", "high"]


@cli.group("sample", invoke_without_command=True)
@click.option("-n", "size", default=100, show_default=True, type=click.IntRange(1), help="How many items.")
@click.option("-o", "--output", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The file to write ('-': CSV on stdout).")
@click.option("--what", type=click.Choice(["edges", "entities"]), default="edges", show_default=True,
              help="Judge relations, or organisations and programmes.")
@click.option("--types", metavar="TYPE,...", help="Only edges of these relation types.")
@click.option("--stratify", type=click.Choice(["type", "confidence", "document"]),
              help="Equal numbers per relation type (entities: per kind), confidence band or document.")
@click.option("--seed", type=int, help="Random seed (default: chosen and recorded in the sample).")
@click.option("--format", "fmt", type=click.Choice(["csv", "html"]),
              help="csv (a spreadsheet) or html (an offline page that judges with the keyboard); "
                   "default: from the file name.")
@click.pass_context
def sample_cmd(ctx, size, output, what, types, stratify, seed, fmt) -> None:
    """Draw a random sample of edges (or entities) to judge by hand; `sample score` scores it.

    Every row has the claim in plain words, the evidence sentence with the names in
    [[ ]], its document, confidence and method, and empty verdict (correct / wrong /
    unsure) and note columns. The same store and --seed give the same sample."""
    if ctx.invoked_subcommand is not None:
        return
    from ecograph.queries.sample import draw_edges, draw_entities
    from ecograph.visualizations import judge

    fmt = fmt or ("html" if output.lower().endswith((".html", ".htm")) else "csv")
    if fmt == "html" and output == "-":
        raise click.UsageError("--format html writes a page: give -o FILE.html")
    if what == "entities" and types:
        raise click.UsageError("--types applies to samples of edges")
    type_list = types.split(",") if types else None
    with reading(ctx) as store:
        if what == "edges":
            sample = draw_edges(store, size, types=type_list, stratify=stratify, seed=seed)
        else:
            sample = draw_entities(store, size, stratify=stratify, seed=seed)
    m = sample.meta
    if not m["population"]:
        click.echo(f"warning: the store holds no {what} to sample" + (" of those types" if types else ""), err=True)
    if output == "-":
        judge.sample_csv(sample, sys.stdout)
    elif fmt == "html":
        judge.render_judge(sample, output, download_name=_judged_name(output))
    else:
        judge.write_sample_csv(sample, output)
    how = f", stratified by {m['stratify']}" if m["stratify"] != "none" else ""
    click.echo(f"drew {len(sample.rows)} of {m['population']} {what} (seed {m['seed']}{how})"
               + ("" if output == "-" else f" into {output}")
               + f"; after judging: ecograph sample score {'FILE' if output == '-' or fmt == 'html' else output}",
               err=True)


def _judged_name(output: str) -> str:
    from pathlib import Path
    return Path(output).stem + "-judged.csv"


@sample_cmd.command("score")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--methods", is_flag=True, help="Print the paragraph for a methods section instead of the table.")
@click.option("--apply", "apply_", is_flag=True,
              help="Record each edge judged wrong as a `reject` in curation.json and remove it now.")
@format_options
@click.pass_context
def score_cmd(ctx, files, methods, apply_, fmt) -> None:
    """Precision (Wilson 95 % intervals) per relation type and confidence band of a judged
    SAMPLE; give a second judge's copy (or a verdict_2 column) for Cohen's kappa.

    FILES: the judged sample, and optionally a second judge's copy of it. A sample whose
    store changed since it was drawn is refused."""
    from ecograph.queries.validate import apply_verdicts, score_sample
    from ..config import curation_file
    from ..curation import Curation
    from ..validation import methods_paragraph

    if len(files) > 2:
        raise click.UsageError("give one judged sample, or two copies judged by two people")
    curation = Curation.load(curation_file(ctx.obj["store_url"]))
    with reading(ctx, writable=apply_) as store:
        sample, result = score_sample(store, files[0], files[1] if len(files) == 2 else None, curation=curation)
        paragraph = methods_paragraph(result)
        if methods:
            click.echo(paragraph)
        elif fmt == "json":
            json.dump({**result.to_dict(), "methods": paragraph}, sys.stdout, ensure_ascii=False, indent=2)
            sys.stdout.write("\n")
        else:
            cols = SCORE_COLUMNS + (["agreement"] if result.agreement else [])
            emit(result.records(), fmt, columns=cols)
        if apply_:
            done = apply_verdicts(store, sample, curation)
            click.echo(f"rejected {len(done)} edge(s) judged wrong; recorded in {curation.path}", err=True)
