"""Print bench/results.json as the Markdown table the README shows."""

from __future__ import annotations

import json
import sys
from pathlib import Path

path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("results.json"))
data = json.loads(path.read_text(encoding="utf-8"))
rows = data["rows"]
cols = [str(r["n"]) for r in rows]


def line(label: str, values: list[str]) -> str:
    return f"| {label} | " + " | ".join(values) + " |"


print(f"Measured {data['date']} on {data['machine']}; each build the fastest of {rows[0]['repeats']}, ours and the floor alternated.\n")
print(line("articles", cols))
print("|---|" + "---:|" * len(cols))
print(line("build, cold cache (s)", [f"{r['cold_seconds']}" for r in rows]))
print(line("build, warm cache (s)", [f"{r['warm_seconds']}" for r in rows]))
print(line("floor: same article pages, no hook (s)", [f"{r['floor_seconds']}" for r in rows]))
print(line("**ours / floor** (cold, warm)", [f"{r['ratio_cold_to_floor']}, {r['ratio_warm_to_floor']}" for r in rows]))
print(line("ms per article (cold, warm)", [f"{r['ms_per_article_cold']}, {r['ms_per_article_warm']}" for r in rows]))
print(line("share in hook + digest (cold, warm)", [f"{r['hook_share_cold']:.0%}, {r['hook_share_warm']:.0%}" for r in rows]))
if "stories_share_cold" in rows[0]:
    print(line("grouping stories, cold (s; share of the build)",
               [f"{r['stories_seconds_cold']}; {r['stories_share_cold']:.1%}" for r in rows]))
print(line("peak memory (MB; floor)", [f"{r['peak_rss_mb']:.0f}; {r['floor_peak_rss_mb']:.0f}" for r in rows]))
print(line("pages", [str(r["pages"]) for r in rows]))
print(line("site size (MB)", [f"{r['site_bytes'] / 2**20:.1f}" for r in rows]))
print(line("largest HTML page (KB; floor)", [f"{r['largest_html_bytes'] / 1024:.0f}; {r['floor_largest_html_bytes'] / 1024:.0f}" for r in rows]))
for query in rows[0]["search"]:
    print(line(f"search «{query}»: KB before 1st result", [f"{r['search'][query]['search_bytes'] / 1024:.0f}" for r in rows]))
    if "facets_bytes" in rows[0]["search"][query]:
        print(line(f"search «{query}»: filters' data (KB; added)",
                   [f"{r['search'][query]['facets_bytes'] / 1024:.0f}; +{r['search'][query]['facets_growth']:.1%}" for r in rows]))
    print(line(f"search «{query}»: ms to 1st result", [f"{r['search'][query]['first_result_ms']:.0f}" for r in rows]))
summary = data.get("summary", {})
if summary:
    print()
    print("; ".join(f"{k.replace('_', ' ')}: **{v}**" for k, v in summary.items()))
