"""Render the seed network from its GraphML export: docs/seed-network.png (the README's picture).

    .venv/bin/python docs/render_seed_network.py   # needs matplotlib (the bench extra)

It ingests seeds/ into a memory store, exports GraphML exactly as
``intelgraph export graphml`` does, reads the file back with networkx and
draws it the way the README suggests for Gephi: size by PageRank, colour by
community, edges coloured by their latest status.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.export import export  # noqa: E402
from graph.pipeline import ingest_paths  # noqa: E402
from graph.store import open_store  # noqa: E402

STATUS_COLOURS = {"shares_with": "#2e7d32", "resumes": "#1565c0", "considers_restricting": "#f9a825",
                  "restricts": "#ef6c00", "suspends": "#c62828"}


def main(out: Path = ROOT / "docs" / "seed-network.png") -> None:
    store = open_store("memory:")
    ingest_paths(store, [ROOT / "seeds"])
    g = nx.read_graphml(io.BytesIO(export(store, "graphml")))
    pos = nx.kamada_kawai_layout(g.to_undirected(), weight=None) if len(g) > 2 else nx.spring_layout(g, seed=1)
    fig, ax = plt.subplots(figsize=(9, 6.5), dpi=130)
    sizes = [g.nodes[n]["size"] * 60 for n in g]
    colours = [(g.nodes[n]["r"] / 255, g.nodes[n]["g"] / 255, g.nodes[n]["b"] / 255) for n in g]
    edge_colours = [STATUS_COLOURS.get(d.get("latest_status"), "#777777") for _, _, d in g.edges(data=True)]
    widths = [1.2 + 0.8 * d.get("weight", 1.0) for _, _, d in g.edges(data=True)]
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color=edge_colours, width=widths, arrowsize=16,
                           node_size=sizes, connectionstyle="arc3,rad=0.12")
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=colours, edgecolors="#333333", linewidths=0.8)
    nx.draw_networkx_labels(g, pos, ax=ax, labels={n: g.nodes[n]["label"] for n in g}, font_size=9)
    handles = [Line2D([0], [0], color=c, lw=2.5, label=s.replace("_", " ")) for s, c in STATUS_COLOURS.items()
               if any(d.get("latest_status") == s for _, _, d in g.edges(data=True))]
    ax.legend(handles=handles, title="latest status", loc="lower left", fontsize=8, title_fontsize=8, frameon=False)
    ax.set_title("intelgraph seed network: node size = PageRank, colour = Louvain community", fontsize=10)
    ax.margins(0.12)
    ax.axis("off")
    fig.tight_layout()
    fig.savefig(out)
    print(f"wrote {out} ({g.number_of_nodes()} countries, {g.number_of_edges()} ties)")


if __name__ == "__main__":
    main()
