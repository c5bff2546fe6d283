"""Document metadata (title, publication date, URL, site) from the documents themselves and
from a manifest; kept by both stores, shown by `show`, `--evidence` and every export."""
from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest
from click.testing import CliRunner

from test_readers import make_pdf, write

from ecograph.cli import cli
from ecograph.ingest.manifest import read_manifest
from ecograph.ingest.readers import read
from ecograph.model import Document, Entity, Evidence, Extraction, Relation
from ecograph.errors import EcographError

NEWS = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Cluster news | Maghreb Tech Weekly</title>
<meta property="og:title" content="Atlas Mechatronics Cluster signs with Carthage Green Tech Cluster">
<meta property="og:site_name" content="Maghreb Tech Weekly">
<meta property="article:published_time" content="2021-03-04T09:00:00+01:00">
<link rel="canonical" href="https://news.example.org/2021/03/atlas-carthage">
</head><body><nav>Home · Clusters · Contact</nav><article><h1>A partnership across the Maghreb</h1>
<p>The Atlas Mechatronics Cluster signed a partnership agreement with the Carthage Green Tech Cluster
in 2019, and the two clusters cooperate on export training for their members.</p>
<p>The Atlas Mechatronics Cluster is a member of the Mediterranean Cluster Network.</p>
</article><footer>© Maghreb Tech Weekly</footer></body></html>"""

JSON_LD = """<!doctype html><html><head><meta charset="utf-8">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Cedar Software Cluster joins the network", "datePublished": "2018-06-12",
 "url": "https://cedar.example.com/news/network",
 "publisher": {"@type": "Organization", "name": "Cedar Software Cluster"}}</script>
</head><body><article><p>Cedar Software Cluster became a member of the Mediterranean Cluster Network,
its director said on Tuesday, after two years of talks with the other clusters of the region.</p>
</article></body></html>"""

TIME_ONLY = """<!doctype html><html><head><title>Press release</title></head><body><article>
<p>Published <time datetime="2017-11-20">20 November 2017</time></p>
<p>The Souss Solar Cluster partners with the Rif Innovation Centre on solar pumps for farms in the region.</p>
</article></body></html>"""


def test_html_meta_tags_canonical_and_og(tmp_path):
    doc = read(write(tmp_path, "news.html", NEWS))
    assert doc.title == "Atlas Mechatronics Cluster signs with Carthage Green Tech Cluster"
    assert doc.url == "https://news.example.org/2021/03/atlas-carthage"
    assert doc.published == "2021-03-04"
    assert doc.site == "Maghreb Tech Weekly"
    assert doc.warnings == []


def test_html_json_ld_through_trafilatura(tmp_path):
    doc = read(write(tmp_path, "blog.html", JSON_LD))
    assert doc.title == "Cedar Software Cluster joins the network"
    assert doc.published == "2018-06-12"
    assert doc.site == "Cedar Software Cluster"


def test_html_time_element(tmp_path):
    doc = read(write(tmp_path, "release.html", TIME_ONLY))
    assert doc.published == "2017-11-20"
    assert doc.url is None  # nothing states one: never guessed


def test_html_hostile_url_and_bad_date_are_ignored_with_a_warning(tmp_path):
    page = NEWS.replace("https://news.example.org/2021/03/atlas-carthage", "javascript:alert(1)") \
               .replace("2021-03-04T09:00:00+01:00", "sometime last spring")
    path = write(tmp_path, "odd.html", page)
    doc = read(path)
    assert doc.url is None
    assert doc.published in (None, "2021-03-04") or doc.published.startswith("20")  # trafilatura may still date it
    assert any(path in w and "javascript:alert(1)" in w for w in doc.warnings)


def test_unparseable_date_is_a_warning_naming_the_document(tmp_path):
    path = write(tmp_path, "note.md", "---\ntitle: A note\ndate: the day after tomorrow\n---\n"
                                       "Rif Motion Systems is a member of the Atlas Mechatronics Cluster.\n")
    doc = read(path)
    assert doc.published is None
    assert doc.title == "A note"
    assert len(doc.warnings) == 1 and path in doc.warnings[0] and "the day after tomorrow" in doc.warnings[0]


def test_markdown_front_matter_is_metadata_not_text(tmp_path):
    doc = read(write(tmp_path, "post.md", "---\ntitle: \"Cedar joins forces\"\ndate: 2018-06\n"
                                          "url: https://blog.example.com/cedar\nsite: Cedar Blog\n---\n"
                                          "# Heading\n\nCedar Software Cluster partners with Carthage Green Tech Cluster.\n"))
    assert (doc.title, doc.published, doc.url, doc.site) == (
        "Cedar joins forces", "2018-06", "https://blog.example.com/cedar", "Cedar Blog")
    assert "title:" not in doc.text and "blog.example.com" not in doc.text
    assert doc.text.startswith("Heading")


def test_plain_text_header_lines_and_leading_date(tmp_path):
    doc = read(write(tmp_path, "a.txt", "Title: Un article\nDate: 12 mars 2020\nSource: https://x.example.fr/a\n\n"
                                        "Le Cluster Solaire est membre du Réseau des Clusters depuis 2017.\n"))
    assert (doc.title, doc.published, doc.url) == ("Un article", "2020-03-12", "https://x.example.fr/a")
    doc = read(write(tmp_path, "b.txt", "2019-04-02\nClusters of the South meet in Agadir\n\n"
                                        "The Souss Cluster hosted the meeting of the network.\n"))
    assert (doc.published, doc.title) == ("2019-04-02", "Clusters of the South meet in Agadir")
    doc = read(write(tmp_path, "c.txt", "Nothing here says when.\nThe Souss Cluster hosted it.\n"))
    assert doc.published is None and doc.url is None and doc.site is None


def test_pdf_metadata_and_first_heading(tmp_path):
    from pypdf import PdfReader, PdfWriter
    plain = make_pdf(["Abstract\nThe emergence of clusters in North Africa\n"
                      "The Atlas Mechatronics Cluster is a member of the Mediterranean Cluster Network."])
    doc = read(write(tmp_path, "paper.pdf", plain))
    assert doc.title == "The emergence of clusters in North Africa"   # not "Abstract"
    assert doc.published is None
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
    writer.add_metadata({"/Title": "Clusters in the Maghreb, 2010-2020", "/CreationDate": "D:20200115093000+01'00'"})
    buf = io.BytesIO()
    writer.write(buf)
    doc = read(write(tmp_path, "report.pdf", buf.getvalue()))
    assert (doc.title, doc.published) == ("Clusters in the Maghreb, 2010-2020", "2020-01-15")


# --- manifest -----------------------------------------------------------------------

def _manifest(tmp_path, rows: list[list[str]]) -> str:
    path = tmp_path / "sources.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return str(path)


def test_manifest_overrides_and_missing_file_names_the_row(tmp_path):
    write(tmp_path, "docs/a.txt", "Rif Motion Systems is a member of the Atlas Mechatronics Cluster.\n")
    path = _manifest(tmp_path, [["path", "url", "date", "title"],
                                ["docs/a.txt", "https://ex.org/a", "2020-02", "Members of the Atlas cluster"],
                                ["docs/missing.txt", "", "2020", ""]])
    m = read_manifest(path)
    assert m.sources == [str(tmp_path / "docs" / "a.txt")]
    assert m.described[m.sources[0]] == {"url": "https://ex.org/a", "published": "2020-02",
                                         "title": "Members of the Atlas cluster"}
    assert m.failed == [(f"{path}, row 3", f"no such file: docs/missing.txt (looked for {tmp_path}/docs/missing.txt)")]


def test_manifest_without_path_or_url_column_is_an_error(tmp_path):
    with pytest.raises(EcographError, match="no 'path' or 'url' column"):
        read_manifest(_manifest(tmp_path, [["file", "date"], ["a.txt", "2020"]]))


def test_cli_manifest_ingest_show_evidence_and_exports(tmp_path):
    write(tmp_path, "docs/a.txt", "Rif Motion Systems is a member of the Atlas Mechatronics Cluster.\n")
    write(tmp_path, "docs/b.txt", "Rif Motion Systems is a member of the Atlas Mechatronics Cluster since 2016.\n"
                                  "Atlas Mechatronics Cluster partners with Carthage Green Tech Cluster.\n")
    path = _manifest(tmp_path, [["path", "url", "date", "title", "site"],
                                ["docs/a.txt", "https://ex.org/a", "2020-02", "Members of the Atlas cluster", "Ex"],
                                ["docs/b.txt", "ftp://ex.org/b", "not a date", "", ""],
                                ["docs/gone.txt", "", "", "", ""]])
    store = str(tmp_path / "store")
    runner = CliRunner()
    res = runner.invoke(cli, ["--store", store, "ingest", "--manifest", path])
    assert res.exit_code == 1, res.output
    assert f"{path}, row 4: no such file: docs/gone.txt" in res.output
    assert "b.txt: url 'ftp://ex.org/b' ignored" in res.output
    assert "b.txt: date 'not a date' ignored" in res.output
    assert "2 ingested" in res.output

    res = runner.invoke(cli, ["--store", store, "show", "Atlas Mechatronics Cluster"])
    assert res.exit_code == 0, res.output
    assert "Members of the Atlas cluster" in res.output and "https://ex.org/a" in res.output
    assert "2020-02" in res.output

    res = runner.invoke(cli, ["--store", store, "members", "Atlas Mechatronics Cluster", "--evidence", "--json"])
    rows = json.loads(res.stdout)
    by_url = {r["url"]: r for r in rows}
    assert "https://ex.org/a" in by_url or "" in by_url
    assert {r["published"] for r in rows} <= {"2020-02", ""}

    res = runner.invoke(cli, ["--store", store, "export", "--format", "json"])
    data = json.loads(res.stdout)
    docs = {d["source"].rsplit("/", 1)[-1]: d for d in data["documents"]}
    assert docs["a.txt"]["url"] == "https://ex.org/a" and docs["a.txt"]["published"] == "2020-02"
    assert docs["a.txt"]["site"] == "Ex" and docs["a.txt"]["title"] == "Members of the Atlas cluster"
    assert "url" not in docs["b.txt"] and "published" not in docs["b.txt"]  # absent, never guessed

    out = tmp_path / "g.graphml"
    assert runner.invoke(cli, ["--store", store, "export", "--format", "graphml", "-o", str(out)]).exit_code == 0
    G = nx.read_graphml(out, force_multigraph=True)
    cited = [a for _, _, a in G.edges(data=True) if a.get("url")]
    assert cited and all(a["url"] == "https://ex.org/a" and a["published"] == "2020-02" for a in cited)
    out = tmp_path / "g.gexf"
    assert runner.invoke(cli, ["--store", store, "export", "--format", "gexf", "-o", str(out)]).exit_code == 0
    assert any(a.get("url") == "https://ex.org/a" for _, _, a in nx.read_gexf(out).edges(data=True))
    assert runner.invoke(cli, ["--store", store, "export", "--format", "csv", "-o", str(tmp_path / "k.csv")]).exit_code == 0
    with open(tmp_path / "k-edges.csv", encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert {"Title", "URL", "Published", "First seen", "Last seen", "Years"} <= set(edges[0])
    assert any(e["URL"] == "https://ex.org/a" and e["Published"] == "2020-02" for e in edges)


# --- both stores --------------------------------------------------------------------

def _extraction(doc_id: str, **meta) -> Extraction:
    sentence = "Thales is a member of CE3M."
    return Extraction(Document(doc_id, f"corpus/{doc_id}.txt", "A title", "en", "2024-05-01T10:00:00Z", **meta),
                      [Entity("org:thales", "Organisation", "Thales", mentions={doc_id: 1}),
                       Entity("org:ce3m", "Organisation", "CE3M", mentions={doc_id: 1})],
                      [Relation("MEMBER_OF", "org:thales", "org:ce3m",
                                [Evidence(doc_id, sentence, 0, len(sentence), "pattern", 0.8)])])


def test_both_stores_keep_document_metadata_and_load_older_files(store):
    store.add(_extraction("doc:a", url="https://ex.org/a", published="2019-05", site="Ex"))
    store.add(_extraction("doc:b"))
    store.flush()
    a, b = store.get_document("doc:a"), store.get_document("doc:b")
    assert (a.url, a.published, a.site) == ("https://ex.org/a", "2019-05", "Ex")
    assert (b.url, b.published, b.site) == (None, None, None)
    data = store.export()
    docs = {d["id"]: d for d in data["documents"]}
    assert docs["doc:a"]["published"] == "2019-05" and "published" not in docs["doc:b"]
    assert store.to_networkx().graph["documents"]["doc:a"]["url"] == "https://ex.org/a"
    # an exchange file from before these fields, and one with them, load alike
    for d in data["documents"]:
        for k in ("url", "published", "site"):
            d.pop(k, None)
    store.load(data)
    assert store.get_document("doc:a").published is None
    data["documents"][0]["published"] = "2019-05"
    store.load(data)
    assert store.get_document(data["documents"][0]["id"]).published == "2019-05"


def test_document_from_dict_ignores_odd_metadata():
    d = Document.from_dict({"id": "doc:x", "source": "x", "url": 5, "published": "", "site": None})
    assert (d.url, d.published, d.site) == (None, None, None)
    assert "url" not in d.to_dict()


def test_plain_text_without_a_title_line_is_named_after_its_file(tmp_path):
    doc = read(write(tmp_path, "moroccan-clusters-paper.txt",
                     "Abstract. The emergence of cluster policy around the world is inspired by Silicon Valley.\n"
                     "The Atlas Mechatronics Cluster is a member of the Mediterranean Cluster Network.\n"))
    assert doc.title == "Moroccan clusters paper"
    doc = read(write(tmp_path, "notes.txt", "• energy\n• water\nThe Souss Cluster is a member of the network.\n"))
    assert doc.title == "Notes"


def test_a_later_manifest_describes_documents_already_ingested(tmp_path):
    write(tmp_path, "docs/a.txt", "Rif Motion Systems is a member of the Atlas Mechatronics Cluster.\n")
    store = str(tmp_path / "store")
    runner = CliRunner()
    assert runner.invoke(cli, ["--store", store, "ingest", str(tmp_path / "docs")]).exit_code == 0
    path = _manifest(tmp_path, [["path", "date", "title"], ["docs/a.txt", "2020-02", "Members"]])
    res = runner.invoke(cli, ["--store", store, "ingest", "--manifest", path])
    assert res.exit_code == 0 and "1 ingested" in res.output, res.output
    res = runner.invoke(cli, ["--store", store, "ingest", "--manifest", path])
    assert "1 unchanged" in res.output   # described as stored: nothing to do
    data = json.loads(runner.invoke(cli, ["--store", store, "export"]).stdout)
    (doc,) = data["documents"]
    assert (doc["title"], doc["published"]) == ("Members", "2020-02")
