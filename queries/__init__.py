"""Research questions over any `GraphStore`: one function per answer, store first, options keyword-only.

Every function reads the store through a `view.GraphView`, so it gives the same answer
on the embedded store and on Neo4j: questions about one or two entities (partners,
common partners, path, ego, members, clusters, profile) read just their neighbourhood
(`store.neighbourhood` / `store.adjacent`); whole-graph questions read
`store.to_networkx()`, cached while the store does not change. Names resolve through
an index cached the same way (`lookup`). Results are lists of dataclasses;
`records(rows)` turns them into dicts for `pandas.DataFrame`.
"""
from .ego import EgoMember, ego, ego_graph
from .lookup import find_entity, search_names
from .membership import KindCount, Member, Membership, clusters, member_mix, members
from .partners import CommonPartner, CrossBorderTie, Partner, common_partners, cross_border, partners
from .paths import Hop, path
from .profile import DocumentMention, Profile, ProfileRelation, profile
from .programmes import Chain, ProgrammeTie, chains, participants, programmes
from .search import Hit, search
from .structure import (Central, ClusterRank, CommunityMember, Isolated, Stat, centrality,
                        communities, connected_clusters, isolated, stats)
from .view import GraphView, records

__all__ = [
    "find_entity", "search_names", "records", "GraphView",
    "partners", "common_partners", "cross_border",
    "members", "member_mix", "clusters",
    "programmes", "participants", "chains",
    "path", "ego", "ego_graph",
    "centrality", "communities", "connected_clusters", "isolated", "stats",
    "search", "profile",
    "Partner", "CommonPartner", "CrossBorderTie", "Member", "KindCount", "Membership",
    "ProgrammeTie", "Chain", "Hop", "EgoMember", "Central", "CommunityMember", "ClusterRank",
    "Isolated", "Stat", "Hit", "Profile", "DocumentMention", "ProfileRelation",
]
