"""Time full builds as the number of variants grows, and find where sharding starts to pay
(not a test: figures to read).

    python bench/many.py [--variants 8,50,100,200] [--runs N] [--shards 2,4] [--overhead 30]

Everything runs on a scratch copy of the project. For each size, the shipped deck
(`content/japan-cyber-diplomacy/`) gets generated audience profiles, one an embassy ("Embassy of
Japan in <Country>", in English and Japanese, some leaving a slide or two out), until the deck makes
about that many variants: (profiles + the full deck) x 2 languages, so 200 is 99 profiles beside
the full deck. Each size is built cold (`python build.py --all`, the chart cache `.cache/`
removed first) in a subprocess: seconds, decks a second, peak memory of the main process and of
its largest worker, and the size of the output folder.

At the largest size the variants are also built as `--shard K/N` for each N of `--shards`, every
shard cold and one after another (as N runners of a CI matrix would each build theirs), then
joined with `python build.py merge`; the merged manifest is compared with the single build's.

The conclusion fits seconds = fixed + per-variant x variants (least squares over the sizes) and
says from how many variants N shards beat one build, given `--overhead` seconds a CI runner
spends before it builds (start, check out, install), paid once by the single build and twice on
the sharded path (the shard runners, then the merge job that downloads their folders).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import _PEAK, scratch_project  # noqa: E402 (bench/bench.py, beside this script)

ROOT = Path(__file__).resolve().parent.parent
DECK = "japan-cyber-diplomacy"
PREFIX = "embassy-"
"""Generated profiles' file names start with this (the shipped profiles never do)."""
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
"""The builds import the engine beside this script, whatever copy of it is installed."""

# (English name, Japanese name); the English one as it follows "Embassy of Japan in".
COUNTRIES = [
    ("Afghanistan", "アフガニスタン"), ("Albania", "アルバニア"), ("Algeria", "アルジェリア"),
    ("Angola", "アンゴラ"), ("Argentina", "アルゼンチン"), ("Armenia", "アルメニア"),
    ("Austria", "オーストリア"), ("Azerbaijan", "アゼルバイジャン"), ("Bahrain", "バーレーン"),
    ("Bangladesh", "バングラデシュ"), ("Belarus", "ベラルーシ"), ("Belgium", "ベルギー"),
    ("Bolivia", "ボリビア"), ("Bosnia and Herzegovina", "ボスニア・ヘルツェゴビナ"),
    ("Botswana", "ボツワナ"), ("Brazil", "ブラジル"), ("Brunei", "ブルネイ"), ("Bulgaria", "ブルガリア"),
    ("Cambodia", "カンボジア"), ("Cameroon", "カメルーン"), ("Canada", "カナダ"), ("Chile", "チリ"),
    ("China", "中国"), ("Colombia", "コロンビア"), ("Costa Rica", "コスタリカ"),
    ("Côte d'Ivoire", "コートジボワール"), ("Croatia", "クロアチア"), ("Cuba", "キューバ"),
    ("Czechia", "チェコ"), ("Denmark", "デンマーク"), ("Djibouti", "ジブチ"),
    ("the Dominican Republic", "ドミニカ共和国"), ("Ecuador", "エクアドル"), ("Egypt", "エジプト"),
    ("El Salvador", "エルサルバドル"), ("Estonia", "エストニア"), ("Ethiopia", "エチオピア"),
    ("Fiji", "フィジー"), ("Finland", "フィンランド"), ("France", "フランス"), ("Gabon", "ガボン"),
    ("Georgia", "ジョージア"), ("Germany", "ドイツ"), ("Ghana", "ガーナ"), ("Greece", "ギリシャ"),
    ("Guatemala", "グアテマラ"), ("Honduras", "ホンジュラス"), ("Hungary", "ハンガリー"),
    ("Iceland", "アイスランド"), ("India", "インド"), ("Indonesia", "インドネシア"), ("Iran", "イラン"),
    ("Iraq", "イラク"), ("Ireland", "アイルランド"), ("Israel", "イスラエル"), ("Italy", "イタリア"),
    ("Jamaica", "ジャマイカ"), ("Jordan", "ヨルダン"), ("Kazakhstan", "カザフスタン"), ("Kenya", "ケニア"),
    ("Kuwait", "クウェート"), ("Kyrgyzstan", "キルギス"), ("Laos", "ラオス"), ("Latvia", "ラトビア"),
    ("Lebanon", "レバノン"), ("Lithuania", "リトアニア"), ("Luxembourg", "ルクセンブルク"),
    ("Madagascar", "マダガスカル"), ("Malaysia", "マレーシア"), ("Mexico", "メキシコ"),
    ("Mongolia", "モンゴル"), ("Morocco", "モロッコ"), ("Mozambique", "モザンビーク"),
    ("Myanmar", "ミャンマー"), ("Nepal", "ネパール"), ("the Netherlands", "オランダ"),
    ("New Zealand", "ニュージーランド"), ("Nigeria", "ナイジェリア"), ("Norway", "ノルウェー"),
    ("Oman", "オマーン"), ("Pakistan", "パキスタン"), ("Panama", "パナマ"),
    ("Papua New Guinea", "パプアニューギニア"), ("Paraguay", "パラグアイ"), ("Peru", "ペルー"),
    ("the Philippines", "フィリピン"), ("Poland", "ポーランド"), ("Portugal", "ポルトガル"),
    ("Qatar", "カタール"), ("the Republic of Korea", "韓国"), ("Romania", "ルーマニア"),
    ("Rwanda", "ルワンダ"), ("Saudi Arabia", "サウジアラビア"), ("Senegal", "セネガル"),
    ("Serbia", "セルビア"), ("Singapore", "シンガポール"), ("Slovakia", "スロバキア"),
    ("Slovenia", "スロベニア"), ("South Africa", "南アフリカ"), ("Spain", "スペイン"),
    ("Sri Lanka", "スリランカ"), ("Sweden", "スウェーデン"), ("Switzerland", "スイス"),
    ("Tanzania", "タンザニア"), ("Thailand", "タイ"), ("Tunisia", "チュニジア"), ("Türkiye", "トルコ"),
    ("Uganda", "ウガンダ"), ("Ukraine", "ウクライナ"), ("the United Arab Emirates", "アラブ首長国連邦"),
    ("the United Kingdom", "英国"), ("the United States", "米国"), ("Uruguay", "ウルグアイ"),
    ("Uzbekistan", "ウズベキスタン"), ("Viet Nam", "ベトナム"), ("Zambia", "ザンビア"),
]

# The three pillars of the `diplomacy` slide, as each edition writes them: each profile
# emphasises one of them, in turn.
PILLARS = [
    ("Promotion of the rule of law in cyberspace", "サイバー空間における法の支配の推進"),
    ("Development of confidence-building measures", "信頼醸成措置の推進"),
    ("Cooperation on capacity building", "能力構築支援"),
]


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)     # a JSON string is a YAML double-quoted scalar


def _slug(text: str) -> str:
    import re
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = re.sub(r"^the ", "", plain)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def profiles(count: int) -> dict[str, str]:
    """Return `count` generated audience profiles, file name -> YAML text, each English profile
    with its Japanese edition: an embassy each, a different pillar emphasised in turn, every third
    leaving out the positions slide, every fifth the threat chart too."""
    files = {}
    for i in range(count):
        en, ja = COUNTRIES[i % len(COUNTRIES)]
        round_ = i // len(COUNTRIES)
        suffix = f" ({round_ + 1})" if round_ else ""
        name = f"{PREFIX}{i + 1:03d}-{_slug(en)}"
        exclude = ["positions", "threats"] if i % 5 == 4 else ["positions"] if i % 3 == 2 else []
        pillar_en, pillar_ja = PILLARS[i % len(PILLARS)]
        lines_en = [
            f"# Generated by bench/many.py: a briefing for the Embassy of Japan in {en}.",
            f"name: {_quote(f'Embassy of Japan in {en}{suffix}')}",
            f"subtitle: {_quote(f'Briefing for the Embassy of Japan in {en}')}",
            f"handling: {_quote('For official use only: embassy staff')}",
            "vars:",
            f"  occasion: {_quote(f'Cyber diplomacy briefing, Embassy of Japan in {en}')}",
            "  presenter: Cyber Policy Division, MOFA",
            f"exclude: [{', '.join(exclude)}]",
            "emphasis:",
            f"  diplomacy: [{_quote(pillar_en)}]",
        ]
        lines_ja = [
            f"# Generated by bench/many.py: the Japanese edition of {name}.yaml.",
            f"name: {_quote(f'在{ja}日本国大使館{suffix}')}",
            f"subtitle: {_quote(f'在{ja}日本国大使館向け説明資料')}",
            f"handling: {_quote('取扱注意（大使館職員限り）')}",
            "vars:",
            f"  occasion: {_quote(f'在{ja}日本国大使館向けサイバー外交説明会')}",
            "  presenter: 外務省サイバー政策課",
            f"exclude: [{', '.join(exclude)}]",
            "emphasis:",
            f"  diplomacy: [{_quote(pillar_ja)}]",
        ]
        files[f"{name}.yaml"] = "\n".join(lines_en) + "\n"
        files[f"{name}.ja.yaml"] = "\n".join(lines_ja) + "\n"
    return files


def set_profiles(project: Path, count: int) -> None:
    """Replace the generated profiles of the deck by `count` new ones."""
    folder = project / "content" / DECK / "audiences"
    for old in folder.glob(f"{PREFIX}*.yaml"):
        old.unlink()
    for name, text in profiles(count).items():
        (folder / name).write_text(text, encoding="utf-8")


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """Run `command`; on failure print what it said and the command, and stop."""
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV)
    if result.returncode:
        shown = " ".join(command if command[1] != "-c" else [command[0], "build.py", *command[4:]])
        sys.stderr.write(f"failed (exit {result.returncode}) in {cwd}:\n  {shown}\n{result.stdout}{result.stderr}")
        raise SystemExit(1)
    return result


def count_variants(python: str, project: Path) -> int:
    listing = run([python, "build.py", "list", DECK], project).stdout
    return sum(1 for line in listing.splitlines() if line.endswith(")") and ".pptx:" in line)


def cold_build(python: str, project: Path, out: Path, extra: tuple[str, ...] = ()) -> dict:
    """Build into a fresh `out` with the chart cache emptied; return seconds, CPU seconds, the
    1-minute load average after it, peak MB (main, largest worker), output MB and the number of
    decks written."""
    shutil.rmtree(project / ".cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    command = [python, "-c", _PEAK, "build.py", "--all", "--output", str(out), *extra]
    start = time.perf_counter()
    result = run(command, project)
    seconds = time.perf_counter() - start
    line = next(line for line in result.stderr.splitlines() if line.startswith("PEAK"))
    own, child = (int(v) / 1024 for v in line.split()[1:])
    cpu = float(next(line for line in result.stderr.splitlines() if line.startswith("CPU")).split()[1])
    decks = sorted(out.glob("*.pptx"))
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"seconds": seconds, "cpu": cpu, "load": os.getloadavg()[0], "main_mb": own, "child_mb": child,
            "out_mb": size / 1e6, "decks": len(decks)}


def fit(xs: list[float], ys: list[float]) -> tuple[float, float, float]:
    """Least squares y = a + b x; return a, b and R squared."""
    n = len(xs)
    if n < 2 or len(set(xs)) < 2:
        return (ys[0] if ys else 0.0), 0.0, 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sxx
    a = my - b * mx
    total = sum((y - my) ** 2 for y in ys)
    r2 = 1 - sum((y - a - b * x) ** 2 for x, y in zip(xs, ys)) / total if total else 1.0
    return a, b, r2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default="8,50,100,200",
                        help="approximate numbers of variants to build, comma-separated (default 8,50,100,200)")
    parser.add_argument("--runs", type=int, default=1, help="builds of each size (the median is reported)")
    parser.add_argument("--shards", default="2,4", help="shard counts to try at the largest size (default 2,4)")
    parser.add_argument("--overhead", type=float, default=30.0,
                        help="assumed seconds a CI runner spends before building: start, check out, install (default 30)")
    args = parser.parse_args()
    try:
        sizes = sorted({int(v) for v in args.variants.split(",") if v.strip()})
        shard_counts = sorted({int(v) for v in args.shards.split(",") if v.strip()})
    except ValueError:
        parser.error("--variants and --shards take whole numbers separated by commas")
    if not sizes or min(sizes) < 2 or args.runs < 1 or any(n < 2 for n in shard_counts):
        parser.error("sizes must be at least 2, --runs at least 1, shard counts at least 2")
    python = sys.executable
    began = time.perf_counter()
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "briefing")], check=True)
    rows = []
    shard_rows = []
    with tempfile.TemporaryDirectory(prefix="briefing-many-") as scratch_name:
        scratch = Path(scratch_name)
        project = scratch_project(scratch / "project")
        languages = 2          # the shipped deck's editions: en and ja
        shipped = len(list((project / "content" / DECK / "audiences").glob("*.yaml"))) // languages
        set_profiles(project, 0)
        run([python, "build.py", "--output", str(scratch / "warm-up")], project)   # fonts, page cache
        print(f"cold builds of every variant ({args.runs} run{'s' if args.runs > 1 else ''} each, the median; "
              f"{shipped} shipped profiles + generated ones + the full deck, x {languages} languages)\n")
        print(f"{'variants':>8} {'profiles':>8} {'seconds':>8} {'min':>7} {'max':>7} {'decks/s':>8} {'CPU s':>7} "
              f"{'main MB':>8} {'worker MB':>9} {'output MB':>9} {'MB/deck':>7} {'load':>5}")
        for size in sizes:
            generated = max(0, math.ceil(size / languages) - 1 - shipped)
            set_profiles(project, generated)
            variants = count_variants(python, project)
            results = [cold_build(python, project, scratch / "out") for _ in range(args.runs)]
            if any(r["decks"] != variants for r in results):
                print(f"  !! {variants} variants listed, {[r['decks'] for r in results]} decks written")
            seconds = [r["seconds"] for r in results]
            row = {"variants": variants, "profiles": shipped + generated, "seconds": statistics.median(seconds),
                   "min": min(seconds), "max": max(seconds), "cpu": statistics.median(r["cpu"] for r in results),
                   "load": max(r["load"] for r in results),
                   "main_mb": max(r["main_mb"] for r in results), "child_mb": max(r["child_mb"] for r in results),
                   "out_mb": results[-1]["out_mb"]}
            rows.append(row)
            print(f"{variants:8d} {row['profiles']:8d} {row['seconds']:8.2f} {row['min']:7.2f} {row['max']:7.2f} "
                  f"{variants / row['seconds']:8.2f} {row['cpu']:7.1f} {row['main_mb']:8.0f} {row['child_mb']:9.0f} "
                  f"{row['out_mb']:9.1f} {row['out_mb'] / variants:7.3f} {row['load']:5.1f}", flush=True)
        largest = rows[-1]
        single = json.loads((scratch / "out" / "manifest.json").read_text(encoding="utf-8"))
        single_hashes = {e["file"]: e["sha256"] for e in single["decks"]}
        if shard_counts:
            print(f"\nshards of the {largest['variants']} variants, each shard cold, one after another "
                  f"(median of {args.runs} run{'s' if args.runs > 1 else ''} per shard)\n")
            print(f"{'shards':>6} {'decks per shard':<22} {'seconds per shard':<34} {'slowest':>8} {'merge':>7} "
                  f"{'sum':>8} {'CPU s':>7} {'load':>5}  merged = one build")
        for count in shard_counts:
            outs = [scratch / f"shard-{count}-{k}" for k in range(1, count + 1)]
            per_shard = []
            for k, out in enumerate(outs, start=1):
                results = [cold_build(python, project, out, ("--shard", f"{k}/{count}")) for _ in range(args.runs)]
                per_shard.append({"seconds": statistics.median(r["seconds"] for r in results),
                                  "cpu": statistics.median(r["cpu"] for r in results),
                                  "load": max(r["load"] for r in results),
                                  "decks": results[-1]["decks"], "main_mb": max(r["main_mb"] for r in results),
                                  "child_mb": max(r["child_mb"] for r in results)})
            merges = []
            merged = scratch / f"merged-{count}"
            for _ in range(args.runs):
                shutil.rmtree(merged, ignore_errors=True)
                start = time.perf_counter()
                run([python, "build.py", "merge", *map(str, outs), "--output", str(merged)], project)
                merges.append(time.perf_counter() - start)
            manifest = json.loads((merged / "manifest.json").read_text(encoding="utf-8"))
            same = {e["file"]: e["sha256"] for e in manifest["decks"]} == single_hashes
            slowest = max(s["seconds"] for s in per_shard)
            shard_rows.append({"count": count, "shards": per_shard, "slowest": slowest,
                               "merge": statistics.median(merges), "same": same,
                               "largest_share": max(s["decks"] for s in per_shard) / largest["variants"]})
            decks = "/".join(str(s["decks"]) for s in per_shard)
            times = " ".join(f"{s['seconds']:.1f}" for s in per_shard)
            print(f"{count:6d} {decks:<22} {times:<34} {slowest:8.2f} {statistics.median(merges):7.2f} "
                  f"{sum(s['seconds'] for s in per_shard):8.2f} {sum(s['cpu'] for s in per_shard):7.1f} "
                  f"{max(s['load'] for s in per_shard):5.1f}  {'yes' if same else 'NO'}", flush=True)
    elapsed = time.perf_counter() - began

    xs = [r["variants"] for r in rows]
    a, b, r2 = fit(xs, [r["seconds"] for r in rows])
    pa, pb, _ = fit(xs, [r["cpu"] for r in rows])
    ma, mb, _ = fit(xs, [r["main_mb"] for r in rows])
    ca, cb, _ = fit(xs, [r["child_mb"] for r in rows])
    _, ob, _ = fit(xs, [r["out_mb"] for r in rows])
    big = largest["variants"]
    print(f"\nfit over {len(rows)} sizes: seconds = {a:.2f} + {b * 1000:.1f} ms x variants (R^2 {r2:.3f}); "
          f"CPU seconds = {pa:.2f} + {pb * 1000:.1f} ms x variants;\n  peak memory: main process {ma:.0f} MB "
          f"{mb * 100:+.1f} MB per 100 variants, largest worker {ca:.0f} MB {cb * 100:+.1f} MB per 100; "
          f"output {ob * 1000:.0f} kB a deck")
    for s in shard_rows:
        print(f"{s['count']} shards: slowest shard {s['slowest']:.1f} s + merge {s['merge']:.1f} s = "
              f"{s['slowest'] + s['merge']:.1f} s vs one build {largest['seconds']:.1f} s "
              f"(on CI, with {args.overhead:.0f} s a runner: {2 * args.overhead + s['slowest'] + s['merge']:.0f} s vs "
              f"{args.overhead + largest['seconds']:.0f} s)")
    print(f"whole benchmark: {elapsed:.0f} s")

    # The conclusion, from the numbers.
    text = [f"A cold build costs about {a:.1f} s whatever the number of variants (start-up, imports, the chart "
            f"drawn once) plus {b * 1000:.0f} ms per variant ({1 / b:.1f} decks a second at the margin on this "
            f"machine)" if b > 0 else f"Build time did not grow measurably with variants ({a:.1f} s)"]
    text[0] += f", a straight line that fits the {len(rows)} sizes with R^2 = {r2:.3f}."
    memory = []
    for who, slope, peak in (("the main process", mb * 100, largest["main_mb"]),
                             ("the largest worker", cb * 100, largest["child_mb"])):
        trend = f"grows {slope:.0f} MB per 100 variants" if slope >= 5 else "stays flat"
        memory.append(f"{who} {trend} ({peak:.0f} MB at {big})")
    text.append(f"Peak memory: {memory[0]}; {memory[1]}.")
    load = max([r["load"] for r in rows] + [x["load"] for s in shard_rows for x in s["shards"]])
    cores = os.cpu_count() or 1
    if load > cores + 0.5:
        text.append(f"Timings are noisy: the load average reached {load:.1f} on {cores} cores (other work was "
                    f"running); the CPU seconds ({pb * 1000:.0f} ms a variant) are the steadier figure.")
    for s in shard_rows:
        n, merge, share = s["count"], s["merge"], s["largest_share"]
        # One build on one runner: O + a + bV. N shards: O + a + b V share (share: the largest
        # shard's part of the variants, as measured here), then a merge job: O + merge.
        saved = b * (1 - share)
        breakeven = (args.overhead + merge) / saved if saved > 0 else math.inf
        at_big = 2 * args.overhead + s["slowest"] + merge - (args.overhead + largest["seconds"])
        verdict = f"saves {-at_big:.0f} s" if at_big < 0 else f"costs {at_big:.0f} s more"
        text.append(f"With {n} shards (the largest shard held {share:.0%} of the variants, merge {merge:.1f} s), "
                    f"and assuming {args.overhead:.0f} s per CI runner before it builds, paid by the shard runners "
                    f"and again by the merge job, sharding "
                    f"{'never pays (the build does not grow with variants here)' if math.isinf(breakeven) else f'pays from about {breakeven:,.0f} variants'}"
                    f"; at {big} it {verdict} against one build.")
    print("\n" + " ".join(text))
    print(json.dumps({"sizes": rows, "shards": [{k: v for k, v in s.items()} for s in shard_rows],
                      "fit": {"fixed_s": round(a, 3), "per_variant_s": round(b, 5), "r2": round(r2, 4)},
                      "overhead_s": args.overhead, "elapsed_s": round(elapsed, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
