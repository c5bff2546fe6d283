"""Node positions computed in Python for maps too large for in-browser physics.

vis-network's physics on thousands of nodes freezes the page for minutes; a
layout computed once here, with physics off in the browser, opens at once and
pans smoothly.

Ecosystem graphs are mostly hubs (clusters, programmes, funders) with many
one-link members, and a force layout alone piles those members into an
unreadable blob on top of their hub. So:
1. nodes with one neighbour ("leaves") are set aside;
2. the remaining core is laid out with Fruchterman-Reingold, each node
   repelling in proportion to 1 + its number of leaves (as ForceAtlas2 does
   with degree), so big hubs get room;
3. the core is scaled until most hubs' leaf discs no longer overlap;
4. leaves are placed on a sunflower spiral around their hub.
networkx's `spring_layout` needs scipy above 500 nodes and its dense
`forceatlas2_layout` needs n*n*dim memory, so the core loop is our own, numpy
only. Cores up to GRID_FROM nodes (most real maps) get exact repulsion over all
pairs in row blocks. Bigger cores get it from a grid instead: masses are spread
onto a g x g grid (cloud-in-cell), the repulsion field is their convolution with
the 1/d kernel done by FFT, and each node reads the field back at its position.
That is O(n + g^2 log g) per sweep instead of O(n^2) (a 10,000-node core, on 2
shared cores: about 2 s for 100 sweeps where all pairs took about 12 s for 20),
at the price of softer repulsion between nodes closer than a grid cell; the grid
is sized so a cell is a quarter to a half of the ideal edge length. On a
1,200-node community graph both give the same picture and the same community
spread. The final scaling (`_scale`) stays all-pairs: one float32 pass.
"""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

BLOCK = 256           # rows per repulsion block: BLOCK * n floats per temporary
GRID_FROM = 500       # cores bigger than this: grid (FFT) repulsion instead of all pairs
GRID_SWEEPS = 100     # cooling sweeps with grid repulsion (cheap, so all cores get the same)
EXACT_SWEEPS = 150    # cooling sweeps with exact all-pairs repulsion (cores up to GRID_FROM)
NODE_GAP = 45.0       # canvas pixels kept around a node without leaves
LEAF_STEP = 26.0      # sunflower spacing between leaves, canvas pixels
GOLDEN = math.pi * (3 - math.sqrt(5))


def positions(G: nx.Graph, *, seed: int = 7, iterations: int | None = None) -> dict:
    """{node: (x, y)} in canvas pixels for every node of G (directions and multi-edges ignored).

    Each connected component is laid out on its own, then components are packed
    in rows, largest first, so isolated nodes do not fling the big component away."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes())
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(H)),
                   key=lambda c: (-len(c), str(c[0])))
    placed = []
    for i, comp in enumerate(comps):
        pos = _component(H, comp, seed + i, iterations)
        radius = max(math.hypot(x, y) for x, y in pos.values()) + NODE_GAP
        placed.append((pos, radius))
    return _pack(placed)


def _component(H: nx.Graph, comp: list, seed: int, iterations: int | None) -> dict:
    if len(comp) == 1:
        return {comp[0]: (0.0, 0.0)}
    core = [v for v in comp if H.degree(v) >= 2] or [comp[0]]  # a lone pair: one is the hub
    in_core = set(core)
    leaves: dict = {c: [] for c in core}
    for v in comp:
        if v not in in_core:
            hub = next(iter(H[v]))
            leaves[hub if hub in in_core else core[0]].append(v)
    ring = np.array([NODE_GAP + LEAF_STEP * math.sqrt(len(leaves[c])) for c in core])
    if len(core) == 1:
        xy = np.zeros((1, 2))
    else:
        index = {v: i for i, v in enumerate(core)}
        # core-core edges, each once (a subgraph view's edge iterator is several times slower)
        pairs = [(i, j) for u, i in index.items() for j in map(index.get, H[u]) if j is not None and i < j]
        edges = np.array(pairs, dtype=np.intp).reshape(-1, 2)
        mass = np.array([1.0 + len(leaves[c]) for c in core], dtype=np.float32)
        n = len(core)
        if n > GRID_FROM:
            xy = _grid_fr(n, edges, mass, iterations or GRID_SWEEPS, seed)
        else:
            # each sweep is O(n^2), affordable for every core up to GRID_FROM
            iters = iterations or EXACT_SWEEPS
            xy = _blocked_fr(n, edges, mass, iters, seed)
        xy = xy * _scale(xy, ring)
    out = {}
    for (cx, cy), hub in zip(xy, core):
        out[hub] = (float(cx), float(cy))
        for j, leaf in enumerate(leaves[hub]):   # Vogel's sunflower: even density, no rings
            r = NODE_GAP + LEAF_STEP * math.sqrt(j + 0.5)
            a = j * GOLDEN
            out[leaf] = (float(cx + r * math.cos(a)), float(cy + r * math.sin(a)))
    mx = sum(p[0] for p in out.values()) / len(out)
    my = sum(p[1] for p in out.values()) / len(out)
    return {v: (x - mx, y - my) for v, (x, y) in out.items()}


def _scale(xy: np.ndarray, ring: np.ndarray) -> float:
    """Factor taking unit-square core positions to pixels: 90% of core nodes end up
    with no neighbour's disc overlapping theirs (100% would let one tight pair
    blow the whole map up)."""
    n = len(xy)
    # squared ratios in float32 with x and y apart: the same all-pairs pass several
    # times faster than (n, n, 2) float64 temporaries
    x, y = xy[:, 0].astype(np.float32), xy[:, 1].astype(np.float32)
    r = ring.astype(np.float32)
    need2 = np.zeros(n, dtype=np.float32)
    for s in range(0, n, BLOCK):
        dx = x[s:s + BLOCK, None] - x[None, :]
        dy = y[s:s + BLOCK, None] - y[None, :]
        d2 = dx * dx
        d2 += dy * dy
        np.maximum(d2, np.float32(1e-18), out=d2)
        gap = r[s:s + BLOCK, None] + r[None, :]
        gap *= gap
        gap /= d2
        rows = np.arange(gap.shape[0])
        gap[rows, s + rows] = 0.0   # a node never overlaps itself
        need2[s:s + BLOCK] = gap.max(axis=1)
    return float(np.quantile(np.sqrt(need2.astype(float)), 0.9))


def _blocked_fr(n: int, edges: np.ndarray, mass: np.ndarray, iterations: int, seed: int) -> np.ndarray:
    """Fruchterman-Reingold with linear cooling; repulsion k^2 m_i m_j / d over all pairs.

    x and y are separate float32 vectors: the pair loop is the whole cost, and
    this form runs it several times faster than (n, n, 2) arrays."""
    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32)
    y = rng.random(n, dtype=np.float32)
    k = math.sqrt(1.0 / n)
    m = mass / mass.mean()               # keeps the overall scale independent of hub sizes
    k2m = (np.float32(k * k) * m).astype(np.float32)
    t = 0.1
    dt = t / (iterations + 1)
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (None, None)
    for _ in range(iterations):
        fx = np.empty(n, dtype=np.float32)
        fy = np.empty(n, dtype=np.float32)
        for s in range(0, n, BLOCK):
            dx = x[s:s + BLOCK, None] - x[None, :]
            dy = y[s:s + BLOCK, None] - y[None, :]
            w = dx * dx
            w += dy * dy
            np.maximum(w, 1e-6, out=w)
            np.divide(k2m[None, :], w, out=w)
            w *= m[s:s + BLOCK, None]
            fx[s:s + BLOCK] = np.einsum("ij,ij->i", dx, w)
            fy[s:s + BLOCK] = np.einsum("ij,ij->i", dy, w)
        if u is not None:
            ex, ey = x[u] - x[v], y[u] - y[v]
            pull = np.sqrt(ex * ex + ey * ey) / k
            np.add.at(fx, u, -ex * pull)
            np.add.at(fx, v, ex * pull)
            np.add.at(fy, u, -ey * pull)
            np.add.at(fy, v, ey * pull)
        length = np.sqrt(fx * fx + fy * fy) + 1e-9
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        t -= dt
    return np.column_stack([x, y]).astype(float)


def _grid_fr(n: int, edges: np.ndarray, mass: np.ndarray, iterations: int, seed: int) -> np.ndarray:
    """Fruchterman-Reingold as `_blocked_fr` (same forces, cooling and start), with the
    repulsion field computed on a grid by FFT convolution (see the module docstring)."""
    rng = np.random.default_rng(seed)
    x = rng.random(n, dtype=np.float32).astype(float)
    y = rng.random(n, dtype=np.float32).astype(float)
    k = math.sqrt(1.0 / n)
    m = mass.astype(float) / float(mass.mean())
    # the layout spans about 1 and edges want length ~k: cells of k/2 to k/4
    g = int(min(512, max(64, 2 ** math.ceil(math.log2(2.0 / k)))))
    size = 2 * g          # zero padding: a linear, not circular, convolution over the grid
    off = np.fft.fftfreq(size, 1.0 / size)
    ox, oy = np.meshgrid(off, off, indexing="ij")
    r2 = ox * ox + oy * oy
    r2[0, 0] = 1.0
    kx, ky = ox / r2, oy / r2   # the kernel o/|o|^2 in cell units; zero at o = 0, so no self-force
    kx[0, 0] = ky[0, 0] = 0.0
    KX, KY = np.fft.rfft2(kx), np.fft.rfft2(ky)
    t = 0.1
    dt = t / (iterations + 1)
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (None, None)
    for _ in range(iterations):
        x0, y0 = x.min(), y.min()
        h = max(x.max() - x0, y.max() - y0, 1e-9) / (g - 1.001)
        gx, gy = (x - x0) / h, (y - y0) / h
        ix = np.minimum(gx.astype(np.intp), g - 2)
        iy = np.minimum(gy.astype(np.intp), g - 2)
        ax, ay = gx - ix, gy - iy
        cells = ix * size + iy
        corners = (cells, cells + size, cells + 1, cells + size + 1)
        weights = ((1 - ax) * (1 - ay), ax * (1 - ay), (1 - ax) * ay, ax * ay)
        rho = np.bincount(np.concatenate(corners), np.concatenate([w * m for w in weights]),
                          minlength=size * size).reshape(size, size)
        R = np.fft.rfft2(rho)
        ex = np.fft.irfft2(R * KX, s=rho.shape).ravel()
        ey = np.fft.irfft2(R * KY, s=rho.shape).ravel()
        scale = (k * k / h) * m
        fx = scale * sum(ex[c] * w for c, w in zip(corners, weights))
        fy = scale * sum(ey[c] * w for c, w in zip(corners, weights))
        if u is not None:
            ex_, ey_ = x[u] - x[v], y[u] - y[v]
            pull = np.sqrt(ex_ * ex_ + ey_ * ey_) / k
            fx -= np.bincount(u, ex_ * pull, minlength=n) - np.bincount(v, ex_ * pull, minlength=n)
            fy -= np.bincount(u, ey_ * pull, minlength=n) - np.bincount(v, ey_ * pull, minlength=n)
        length = np.sqrt(fx * fx + fy * fy) + 1e-9
        step = np.minimum(length, t) / length
        x += fx * step
        y += fy * step
        t -= dt
    return np.column_stack([x, y])


def _pack(placed: list[tuple[dict, float]]) -> dict:
    """Shelf packing of component discs into a roughly square block, centred on (0, 0)."""
    if not placed:
        return {}
    total = sum((2 * r) ** 2 for _, r in placed)
    width = max(math.sqrt(total) * 1.1, 2 * placed[0][1])
    out: dict = {}
    x = y = row_h = 0.0
    for pos, r in placed:
        if x > 0 and x + 2 * r > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for v, (px, py) in pos.items():
            out[v] = (x + r + px, y + r + py)
        x += 2 * r
        row_h = max(row_h, 2 * r)
    xs = [p[0] for p in out.values()]
    ys = [p[1] for p in out.values()]
    mx, my = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    return {v: (round(px - mx, 1), round(py - my, 1)) for v, (px, py) in out.items()}
