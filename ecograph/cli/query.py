"""Query commands: thin shells over `ecograph.queries` (the same functions as `ecograph.api`).

Tables show the readable columns; `--json` / `--csv` add the ids; `--evidence` adds
the sentence, document source, method and confidence behind each relation.
Names are matched forgivingly; a miss raises NotFound ("did you mean"), which the
group turns into exit code 1.
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict, is_dataclass

import click

from .group import cli
from .output import emit, format_options

EVIDENCE = ["sentence", "source", "title", "published", "url", "method", "confidence"]


def _store(ctx: click.Context):
    from .session import reading
    return reading(ctx)


def evidence_option(f):
    return click.option("--evidence", is_flag=True,
                        help="Add the evidence columns: sentence, source, title, published, url, method, confidence.")(f)


def types_option(default_help: str):
    return click.option("--types", metavar="T1,T2",
                        help=f"Relation types to follow, comma-separated, or core / all [default: {default_help}].")


def _show(rows, fmt: str, columns: list[str], *, ids: list[str] = (), evidence: list[str] = ()) -> None:
    """Emit `rows` with the table columns, plus ids outside tables, plus evidence columns if asked."""
    cols = list(columns) + (list(ids) if fmt != "table" else []) + list(evidence)
    dicts = [asdict(r) if is_dataclass(r) else dict(r) for r in rows]
    emit([{c: d.get(c) for c in cols} for d in dicts], fmt, columns=cols)


def _say(message: str) -> None:
    click.echo(message, err=True)


# --- partners ------------------------------------------------------------------

@cli.command("partners")
@click.argument("name", required=False)
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=1), help="Hops away.")
@types_option("PARTNERS_WITH")
@evidence_option
@format_options
@click.pass_context
def partners_cmd(ctx, name, depth, types, evidence, fmt):
    """Partners of NAME (to --depth hops), or every partner pair when NAME is omitted."""
    from ecograph.queries.partners import partners
    with _store(ctx) as store:
        rows = partners(store, name, depth=depth, types=types)
    cols = (["partner", "kind", "country", "depth", "type", "via"] if name
            else ["org", "arrow", "partner", "type", "kind", "country"])
    _show(rows, fmt, cols, ids=["org_id", "partner_id"], evidence=EVIDENCE if evidence else [])


@cli.command("common-partners")
@click.argument("a")
@click.argument("b")
@types_option("PARTNERS_WITH")
@evidence_option
@format_options
@click.pass_context
def common_partners_cmd(ctx, a, b, types, evidence, fmt):
    """Organisations that are partners of both A and B."""
    from ecograph.queries.partners import common_partners
    with _store(ctx) as store:
        rows = common_partners(store, a, b, types=types)
    ev = [f"{c}_{side}" for side in "ab" for c in EVIDENCE] if evidence else []
    _show(rows, fmt, ["partner", "kind", "country", "type_a", "type_b"], ids=["partner_id"], evidence=ev)


@cli.command("cross-border")
@click.argument("name", required=False)
@types_option("PARTNERS_WITH")
@evidence_option
@format_options
@click.pass_context
def cross_border_cmd(ctx, name, types, evidence, fmt):
    """Ties between organisations in different countries (all, or NAME's)."""
    from ecograph.queries.partners import cross_border
    with _store(ctx) as store:
        rows = cross_border(store, name, types=types)
    _show(rows, fmt, ["org_a", "country_a", "arrow", "org_b", "country_b", "type"],
          ids=["org_a_id", "org_b_id"], evidence=EVIDENCE if evidence else [])


# --- membership ----------------------------------------------------------------

@cli.command("members")
@click.argument("cluster")
@click.option("--kind", metavar="K1,K2", help="Only these kinds (company, university, research, government, ...).")
@click.option("--mix", is_flag=True, help="Count members by kind instead (the triple-helix mix).")
@evidence_option
@format_options
@click.pass_context
def members_cmd(ctx, cluster, kind, mix, evidence, fmt):
    """Members of CLUSTER, grouped by kind."""
    from ecograph.queries.membership import member_mix, members
    with _store(ctx) as store:
        if mix:
            _show(member_mix(store, cluster), fmt, ["kind", "helix", "count", "share"])
            return
        rows = members(store, cluster, kind=kind)
    _show(rows, fmt, ["member", "kind", "helix", "country"], ids=["cluster_id", "member_id"],
          evidence=EVIDENCE if evidence else [])
    if rows:
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.kind or "other"] = counts.get(r.kind or "other", 0) + 1
        _say(f"{len(rows)} members of {rows[0].cluster}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))


@cli.command("clusters")
@click.argument("org")
@evidence_option
@format_options
@click.pass_context
def clusters_cmd(ctx, org, evidence, fmt):
    """Clusters (and networks, associations) ORG is a member of."""
    from ecograph.queries.membership import clusters
    with _store(ctx) as store:
        rows = clusters(store, org)
    _show(rows, fmt, ["cluster", "kind", "country"], ids=["org_id", "cluster_id"],
          evidence=EVIDENCE if evidence else [])


@cli.command("top-clusters")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=0), help="0: all.")
@format_options
@click.pass_context
def top_clusters_cmd(ctx, top, fmt):
    """Clusters ranked by how connected they are (members, partners, programmes)."""
    from ecograph.queries.structure import connected_clusters
    with _store(ctx) as store:
        rows = connected_clusters(store, top=top or None)
    _show(rows, fmt, ["rank", "cluster", "degree", "members", "partners", "programmes", "country"], ids=["id"])


# --- programmes ----------------------------------------------------------------

@cli.command("programmes")
@click.argument("org")
@types_option("RUNS,FUNDS,PARTICIPATES_IN,SUPPORTS,LABELLED_BY")
@evidence_option
@format_options
@click.pass_context
def programmes_cmd(ctx, org, types, evidence, fmt):
    """Programmes ORG runs, funds, takes part in or supports."""
    from ecograph.queries.programmes import programmes
    with _store(ctx) as store:
        rows = programmes(store, org, types=types)
    _show(rows, fmt, ["role", "programme", "kind", "part_of"], ids=["org_id", "programme_id"],
          evidence=EVIDENCE if evidence else [])


@cli.command("participants")
@click.argument("programme")
@types_option("PARTICIPATES_IN")
@click.option("--no-parts", is_flag=True, help="Leave out participants of the programme's parts (tracks, phases).")
@evidence_option
@format_options
@click.pass_context
def participants_cmd(ctx, programme, types, no_parts, evidence, fmt):
    """Organisations taking part in PROGRAMME (and its parts)."""
    from ecograph.queries.programmes import participants
    with _store(ctx) as store:
        rows = participants(store, programme, types=types or ("PARTICIPATES_IN",), parts=not no_parts)
    _show(rows, fmt, ["org", "role", "programme"], ids=["org_id", "programme_id"],
          evidence=EVIDENCE if evidence else [])


@cli.command("chains")
@click.option("--funder", multiple=True, help="Only this funder (repeat for several).")
@click.option("--participant", multiple=True, help="Only this participant (repeat for several).")
@click.option("--programme", help="Only this programme.")
@evidence_option
@format_options
@click.pass_context
def chains_cmd(ctx, funder, participant, programme, evidence, fmt):
    """Funder -> programme -> participant chains."""
    from ecograph.queries.programmes import chains
    with _store(ctx) as store:
        rows = chains(store, list(funder) or None, list(participant) or None, programme=programme)
    ev = [f"{side}_{c}" for side in ("funder", "participant") for c in EVIDENCE] if evidence else []
    _show(rows, fmt, ["funder", "programme", "participant", "part"],
          ids=["funder_id", "programme_id", "participant_id"], evidence=ev)


# --- paths ---------------------------------------------------------------------

@cli.command("path")
@click.argument("a")
@click.argument("b")
@types_option("core")
@click.option("--all", "all_shortest", is_flag=True, help="Every shortest path (up to --limit), not one.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1))
@evidence_option
@format_options
@click.pass_context
def path_cmd(ctx, a, b, types, all_shortest, limit, evidence, fmt):
    """Shortest path from A to B, hop by hop (direction shown, ignored for the search)."""
    from ecograph.queries.paths import path
    with _store(ctx) as store:
        rows = path(store, a, b, types=types, all_shortest=all_shortest, limit=limit)
    if not rows:
        _say(f"no path between {a!r} and {b!r} over {types or 'the core relations'}")
    _show(rows, fmt, ["path", "step", "from_name", "arrow", "type", "to_name"], ids=["from_id", "to_id"],
          evidence=EVIDENCE if evidence else [])


@cli.command("ego")
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(min=1))
@types_option("core")
@format_options
@click.pass_context
def ego_cmd(ctx, name, depth, types, fmt):
    """Everything within --depth hops of NAME."""
    from ecograph.queries.ego import ego
    with _store(ctx) as store:
        rows = ego(store, name, depth=depth, types=types)
    _show(rows, fmt, ["distance", "name", "label", "kind", "country", "degree"], ids=["id"])


# --- structure -----------------------------------------------------------------

@cli.command("central")
@click.option("--by", type=click.Choice(["degree", "betweenness"]), default="degree", show_default=True,
              help="betweenness finds brokers between groups.")
@click.option("--top", default=20, show_default=True, type=click.IntRange(min=0), help="0: all.")
@click.option("--label", default="Organisation", show_default=True, help="Entities to rank; 'any' for all.")
@types_option("core")
@format_options
@click.pass_context
def central_cmd(ctx, by, top, label, types, fmt):
    """The most central entities."""
    from ecograph.queries.structure import centrality
    with _store(ctx) as store:
        rows = centrality(store, by=by, top=top or None, types=types,
                          label=None if label.lower() in ("any", "all") else label)
    _show(rows, fmt, ["rank", "name", "kind", "degree", "betweenness"], ids=["label", "id"])


@cli.command("communities")
@types_option("core")
@click.option("--resolution", default=1.0, show_default=True, help="Higher: more, smaller communities.")
@format_options
@click.pass_context
def communities_cmd(ctx, types, resolution, fmt):
    """Communities (Louvain, fixed seed): one row per member, largest community first."""
    from ecograph.queries.structure import communities
    with _store(ctx) as store:
        rows = communities(store, types=types, resolution=resolution)
    if rows:
        _say(f"{rows[-1].community} communities over {len(rows)} entities")
    _show(rows, fmt, ["community", "size", "name", "label", "kind", "degree"], ids=["id"])


@cli.command("isolated")
@format_options
@click.pass_context
def isolated_cmd(ctx, fmt):
    """Organisations with no partnership, membership, programme or support tie."""
    from ecograph.queries.structure import isolated
    with _store(ctx) as store:
        rows = isolated(store)
    _show(rows, fmt, ["name", "kind", "country", "documents"], ids=["id"])


@cli.command("stats")
@format_options
@click.pass_context
def stats_cmd(ctx, fmt):
    """Counts: documents, entities by label and kind, relations by type, evidence."""
    from ecograph.queries.structure import stats
    with _store(ctx) as store:
        rows = stats(store)
    _show(rows, fmt, ["section", "name", "count"])


# --- entities ------------------------------------------------------------------

@cli.command("search")
@click.argument("query", required=False)
@click.option("--label", help="Organisation, Programme, Place, Sector, Person.")
@click.option("--kind", metavar="K1,K2", help="company, university, cluster, programme, ...")
@click.option("--country", help="Country (own, or of the place it is located in).")
@click.option("--sector", help="Part of a sector name.")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=0), help="0: all.")
@format_options
@click.pass_context
def search_cmd(ctx, query, label, kind, country, sector, limit, fmt):
    """Entities by name (forgiving: accents, case, aliases, typos) and filters."""
    from ecograph.queries.search import search
    with _store(ctx) as store:
        rows = search(store, query, label=label, kind=kind, country=country, sector=sector, limit=limit or None)
    cols = ["name", "label", "kind", "country", "sectors", "documents"] + (["score"] if query else [])
    _show(rows, fmt, cols, ids=["aliases", "id"])


@cli.command("show")
@click.argument("name")
@format_options
@click.pass_context
def show_cmd(ctx, name, fmt):
    """An entity's profile: what it is, documents mentioning it, every relation with its evidence.

    --json prints the whole profile; --csv and the table list the relations."""
    from ecograph.queries.profile import profile
    with _store(ctx) as store:
        p = profile(store, name)
    if fmt == "json":  # one object, not rows: the profile is a record
        click.echo(json.dumps(asdict(p), ensure_ascii=False, indent=2, default=str))
        return
    rel_cols = ["direction", "type", "other", "other_label"] + EVIDENCE + ["years"]
    if fmt == "csv":
        _show(p.relations, fmt, rel_cols, ids=["other_id", "document_id"])
        return
    out = sys.stdout
    facts = [("name", p.name), ("id", p.id), ("label", p.label), ("kind", p.kind),
             ("aliases", "; ".join(p.aliases)), ("country", p.country), ("founded", p.founded),
             ("located in", "; ".join(p.places)), ("sectors", "; ".join(p.sectors))]
    for key, value in facts:
        if value not in (None, ""):
            out.write(f"{key + ':':12}{value}\n")
    out.write(f"\ndocuments ({len(p.documents)}):\n")
    emit([asdict(d) for d in p.documents], "table", columns=["source", "title", "published", "url", "count"],
         stream=out)
    out.write(f"\nrelations ({len(p.relations)} sentences):\n")
    emit([asdict(r) for r in p.relations], "table", columns=rel_cols, stream=out)
