"""Place and sector patterns: LOCATED_IN from place intros, country tags, parenthesised and
apposed places, demonyms and '-based'; ACTIVE_IN from sector phrases and cues.

A mixin of `Engine` (`engine.py`), like `relations.py`.
"""
from __future__ import annotations

from .lexicon import Arg
from .words import _APPOS_DET, _APPOS_FIRST, _ORG_HEADS


class PlacePatterns:
    """The place and sector patterns of `Engine`."""

    def _place_patterns(self, s):
        lex = self.lex
        f = self.f
        # 1. "In Morocco, X is supporting Y and Z": the intro places every named actor of the sentence
        if s.b - s.a > 3 and f[s.a] in lex.IN_PLACE:
            p = next((x for x in s.places if x.i == s.a + 1), None)
            if p is not None and p.j < s.b and f[p.j] == ",":
                for x in s.args:
                    if x.coref or x.m.label == "Programme" or not self._placeable(x, p):
                        continue
                    self.emit("LOCATED_IN", x, p, s, f"{self.lang}-in-place-intro", 0.6)
                    x.m.country = x.m.country or p.m.country
        for x in s.args:
            if x.coref:
                continue
            # 2. "MDFC Morocco": a country tag ending the name
            tail = self.country_tail(x)
            if tail is not None:
                self.emit("LOCATED_IN", x, tail, s, "name-country-tag", 0.7)
                x.m.country = x.m.country or tail.m.country
            e = max(x.ext, x.j)
            # 3. "Meet X Cluster, Morocco" (heading / caption): ", <Place>" closing the sentence
            p = next((pl for pl in s.places if pl.i == e + 1), None)
            if p is not None and e < s.b and f[e] == "," and p.j >= s.b - 1 and s.heading:
                self.emit("LOCATED_IN", x, p, s, "heading-place", 0.65)
                x.m.country = x.m.country or p.m.country
            self._place_after_name(s, x, e)
            # 4. "X is a Moroccan association"
            if e + 1 < s.b and f[e] in lex.COPULA and f[e + 1] in ("a", "an", "the", "un", "une", "le", "la", "l'"):
                for k in range(e + 2, min(s.b, e + 5)):
                    c = self.demonym(k)
                    if c is not None and k + 1 < s.b and self.toks[k].cap:
                        self.emit("LOCATED_IN", x, c(k), s, f"{self.lang}-demonym", 0.7)
                        x.m.country = x.m.country or c(k).m.country
                        break
                    if self.f[k] in (",", ".", ";") or self._arg_at(s, k):
                        break
        # 5. "X was established … as the first <…> cluster in Lebanon"
        subj = self.subject(s)
        if subj is not None and not subj.coref and subj.m.label != "Programme" and len({id(a.m) for a in s.args}) == 1:
            for p in s.places:
                if p.i - 2 > subj.j and f[p.i - 1] in ("of", "de") and f[p.i - 2] in ("city", "town", "ville"):
                    self.emit("LOCATED_IN", subj, p, s, f"{self.lang}-city-of", 0.6)
        if subj is not None and not subj.coref and subj.m.label != "Programme":
            for p in s.places:
                k = p.i - 1
                if k > subj.j and f[k] in lex.DESCRIPTIVE_LOC and f[k - 1] in _ORG_HEADS and \
                        not any(subj.j <= a.i < k for a in s.args) and ";" not in f[subj.j:k] and \
                        self._placeable(subj, p):
                    self.emit("LOCATED_IN", subj, p, s, f"{self.lang}-org-noun-in-place", 0.65)
                    subj.m.country = subj.m.country or p.m.country

    def _place_after_name(self, s, x: Arg, e: int):
        """Places written right after a name: 'X (Lyon, France)', 'X, a wine cluster from Porto, Portugal',
        'X, Jordan's first stone cluster', 'the X Cluster in Zadar, Croatia'."""
        f = self.f
        if x.m.label != "Organisation":
            return
        found, method, conf = [], None, 0.0
        if x.j < s.b and f[x.j] == "(":
            k, ps = x.j + 1, []
            if k + 1 < s.b and self.toks[k].text.isupper() and f[k + 1] == ",":
                k += 2  # "X (ACR, France)": the name's acronym, then its place
            while k < s.b and f[k] != ")":
                p = next((pl for pl in s.places if pl.i == k), None)
                if p is not None:
                    ps.append(p)
                    k = p.j
                elif f[k] == ",":
                    k += 1
                else:
                    ps = []
                    break
            found, method, conf = ps, "paren-place", 0.75
        elif e + 2 < s.b and f[e] == ",":
            k = e + 1
            if self.toks[k].cap and f[k + 1:k + 3] == ["'", "s"]:
                p = next((pl for pl in s.places if pl.i == k and pl.m.kind == "country"), None)
                if p is not None:  # "X, Jordan's first stone cluster"
                    found, method, conf = [p], f"{self.lang}-country-possessive", 0.7
            elif f[k] in ("en", "in", "au") and e + 3 < s.b:  # "Le Cluster Liège de Tabarka, en Tunisie, …"
                run = self._place_run(s, k + 1)
                if run and run[-1].j < s.b and f[run[-1].j] in (",", ")"):
                    found, method, conf = run, f"{self.lang}-apposition-place", 0.7
            elif f[k] in _APPOS_DET or f[k] in _APPOS_FIRST:
                m = k + 1
                while m < min(s.b, k + 8) and f[m] not in (",", ".", ";") and not self._arg_at(s, m):
                    if f[m] in self.lex.DESCRIPTIVE_LOC | {"based"} and f[m - 1] in _ORG_HEADS | {"based"}:
                        found = self._place_run(s, m + (2 if f[m] == "based" else 1))
                        method, conf = f"{self.lang}-apposition-place", 0.7
                        break
                    p = next((pl for pl in s.places if pl.i == m), None)
                    if p is not None and p.j + 1 < s.b and f[p.j] == "-" and f[p.j + 1] == "based":
                        found, method, conf = [p], f"{self.lang}-x-based", 0.75  # "a Valletta-based association"
                        break
                    c = self.demonym(m) if not self.toks[m].cap or self.lang == "en" else None
                    if c is not None and (f[m - 1] in _ORG_HEADS or (m + 1 < s.b and f[m + 1] in _ORG_HEADS)):
                        found, method, conf = [c(m)], f"{self.lang}-apposition-demonym", 0.7  # "une startup marocaine"
                        break
                    m += 1
        elif e + 1 < s.b and f[e] in ("in", "a") and x.m.kind in (None, "cluster", "university", "company",
                                                                  "support", "research", "association"):
            found, method, conf = self._place_run(s, e + 1), f"{self.lang}-name-in-place", 0.65
        for p in found:
            if self._placeable(x, p):
                self.emit("LOCATED_IN", x, p, s, method, conf)
                x.m.country = x.m.country or p.m.country

    def _place_run(self, s, k: int) -> list:
        """'Porto, Portugal': a place and the places that qualify it, from token k."""
        out = []
        while k < s.b:
            p = next((pl for pl in s.places if pl.i == k), None)
            if p is None:
                break
            out.append(p)
            if p.m.kind == "country" or p.j + 1 >= s.b:
                break
            k = p.j + 1
            if self.f[p.j] == "(":  # "Sfax (Tunisie)"
                continue
            if self.f[p.j] == "," and self.f[k] in ("en", "in", "au", "a"):  # "Sousse, en Tunisie"
                k += 1
                continue
            if self.f[p.j] == ",":
                continue
            break
        return out

    def _x_based(self, s):
        """'The Algiers-based Mitidja Agro Cluster': the place glued to '-based' places the next name."""
        f = self.f
        for p in s.places:
            if p.j + 2 < s.b and f[p.j] == "-" and f[p.j + 1] == "based":
                x = next((a for a in s.args if p.j + 2 <= a.i <= p.j + 5 and not a.coref), None)
                if x is not None and x.m.label == "Organisation" and self._placeable(x, p):
                    self.emit("LOCATED_IN", x, p, s, f"{self.lang}-x-based", 0.75)

    def _placeable(self, x: Arg, p: Arg) -> bool:
        """International actors (registry rows without a country, or from another one) are not placed."""
        if x.m.kind in ("funder",) and (x.m.country is None or x.m.country != p.m.country):
            return False
        return x.m.country is None or x.m.country == p.m.country

    def _sector_patterns(self, s, hits):
        f = self.f
        lex = self.lex
        if not s.sectors or s.question:
            return
        groups = _sector_lists(s.sectors, f, lex.LIST_CONNECTORS)
        orgs = {id(x.m): x for x in s.args if x.m.label != "Programme"}
        phrases = []
        for g in groups:
            a, b = g[0][0], g[-1][1]
            after = f[b:b + 3]
            before = f[max(s.a, a - 3):a]
            if (after[:1] and after[0] in lex.SECTOR_NOUNS) or (len(after) > 1 and after[1] in lex.SECTOR_NOUNS
                                                                and after[0] not in (",", ".", ";")) \
                    or any(w in lex.SECTOR_NOUNS_BEFORE for w in before) or before[-2:] in (["sectors"], ["the", "sectors"]):
                phrases.append(g)
        subj = self.subject(s)
        if subj is None or subj.m.label == "Programme" or len(orgs) != 1 or id(subj.m) not in orgs:
            return
        e = max(subj.ext, subj.j)
        defining = f[e:e + 3] and f[e] in ("is", "est") and any(w in _ORG_HEADS | {"platform", "community", "plateforme", "pole"}
                                                              for w in f[e + 1:e + 4])
        if defining:
            phrases = groups
        if not phrases:
            return
        if any(self.hedged(s, g[0][0]) for g in phrases):
            return
        for g in phrases:
            for i, j, canon in g:
                self.emit("ACTIVE_IN", subj, Arg(self.make_sector(i, j, canon), i, j, j), s,
                          f"{self.lang}-sector-phrase", 0.65)

    def _active_in(self, s, cue, i, j):
        groups = _sector_lists([x for x in s.sectors if x[0] >= j], self.f, self.lex.LIST_CONNECTORS)
        if not groups:
            return
        first = groups[0]
        if first[0][0] - j > 6 or any(w in (".", ";", "which", "qui", "by", "par") for w in self.f[j:first[0][0]]):
            return
        left, lf = self.left_group(s, i)
        chosen = [first] + [g for g in groups[1:] if g[0][0] - first[-1][1] <= 3 and
                            all(w in self.lex.LIST_CONNECTORS or w in self.lex.SECTOR_NOUNS or w == "development"
                                for w in self.f[first[-1][1]:g[0][0]])]
        for x in left:
            if x.m.label == "Programme":
                continue
            for g in chosen:
                for a, b, canon in g:
                    self.emit("ACTIVE_IN", x, Arg(self.make_sector(a, b, canon), a, b, b), s, cue.method, cue.conf * lf)

    # set by extract(): fold -> country Place factory, and the name-tail check
    demonym = staticmethod(lambda k: None)
    country_tail = staticmethod(lambda x: None)


def _sector_lists(sectors, f, connectors):
    groups = []
    for x in sorted(sectors):
        if groups:
            prev = groups[-1][-1]
            gap = f[prev[1]:x[0]]
            if len(gap) <= 3 and gap and all(g in connectors or g in ("-", '"', "\u201c", "\u201d", "«", "»") for g in gap):
                groups[-1].append(x)
                continue
        groups.append([x])
    return groups
