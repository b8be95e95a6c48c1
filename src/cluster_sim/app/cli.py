"""The ``app`` and ``classroom`` commands; the main CLI registers them on its subparsers."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from ..console import MAX_SEED, whole_number
from ..scenario import ScenarioError


_port = whole_number(0, 65535, "0 = any free port")


def register(subparsers: argparse._SubParsersAction) -> None:
    app = subparsers.add_parser(
        "app", help="open the classroom dashboard in the browser",
        description="Start the dashboard (Solara) for a scenario or a teacher's classroom file and print its URL. "
                    "Groups on other computers can join when --host 0.0.0.0 is given.")
    app.add_argument("scenario", nargs="?", default=None,
                     help="scenario TOML or classroom file (scenarios/classroom_*.toml); default: embedded Pinghu")
    app.add_argument("--port", type=_port, default=8765, help="port (default 8765; 0 = any free port)")
    app.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: the whole classroom network)")
    app.add_argument("--lang", choices=("zh", "en"), default=None, help="page language (default zh)")
    app.add_argument("--seed", type=whole_number(0, MAX_SEED), default=None, help="random seed (classroom files fix their own)")
    app.add_argument("--results", default=None, help="CSV the groups' results go to (classroom files only)")
    app.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    app.add_argument("--prepare", action="store_true",
                     help="only fetch the browser files into the local cache (once, with internet) and exit")
    app.set_defaults(func=cmd_app)

    classroom = subparsers.add_parser("classroom", help="classroom tools: summarise the groups' results")
    sub = classroom.add_subparsers(dest="classroom_command", required=True)
    summ = sub.add_parser("summarize", help="rank and chart the groups' saved results",
                          description="Read the CSV the dashboard appended the groups' results to; write "
                                      "ranking.csv, ranking.md and ranking.png (Chinese labels).")
    summ.add_argument("csv", help="results CSV, e.g. results/classroom/weak_villages.csv")
    summ.add_argument("--out", default=None, help="folder for the summary (default: <csv name>_summary beside it)")
    summ.add_argument("--lang", choices=("zh", "en"), default="zh")
    summ.add_argument("--force", action="store_true", help="replace an earlier summary in --out (never other files)")
    summ.set_defaults(func=cmd_summarize)
    new = sub.add_parser("new", help="write a classroom file by answering questions (in Chinese)",
                         description="Asks for the exercise's name, seed, years, budget, groups, locks and goals "
                                     "(Chinese indicator names), checks each answer, and writes a valid classroom file.")
    new.add_argument("file", help="the classroom file to write, e.g. scenarios/classroom_mine.toml (never overwritten)")
    new.set_defaults(func=cmd_new)
    check = sub.add_parser("check", help="validate a classroom file and say what it sets")
    check.add_argument("file")
    check.set_defaults(func=cmd_check)


def _refuse(message: str) -> int:
    print(f"错误 error: {message}", file=sys.stderr)
    return 2


def _stop_on_signals() -> None:
    """SIGTERM and SIGHUP (terminal closed) end the CLI like Ctrl+C, so ``finally`` stops the server."""
    def handler(signum, frame):
        raise SystemExit(128 + signum)
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, handler)


def prepare_assets() -> list[str]:
    """Fetch the browser files if missing; returns what is still missing."""
    from . import assets

    return assets.ensure_assets(log=lambda m: print(m, file=sys.stderr))


def missing_assets_message(missing: list[str]) -> str:
    from . import assets

    return (f"课堂沙盘的浏览器文件缺失且无法下载 the dashboard's browser files are missing from "
            f"{assets.cache_dir()} and could not be fetched: {', '.join(missing)}. "
            f"修复 Fix: 联网后运行一次 with internet access run once `cluster-sim app --prepare` "
            f"(or `bash scripts/bootstrap.sh`; it needs npm: apt-get install npm).")


def cmd_app(args: argparse.Namespace) -> int:
    from ..classroom.config import is_classroom_file, load_classroom
    from ..scenario import load_scenario
    from . import assets, server

    if args.prepare:
        missing = prepare_assets()
        if missing:
            return _refuse(missing_assets_message(missing))
        print(f"浏览器文件已就绪 browser files ready: {assets.cache_dir()}")
        return 0
    host_problem = server.host_problem(args.host)
    if host_problem:
        return _refuse(f"{host_problem}. 允许 allowed: 127.0.0.1 (this computer only), 0.0.0.0 (the whole "
                       "classroom network), or one of this computer's own addresses.")
    classroom = args.scenario if args.scenario and is_classroom_file(args.scenario) else None
    results = None
    if classroom:
        results = load_classroom(classroom, args.results).results  # fail here, with the key named, not in the browser
    elif args.scenario:
        load_scenario(args.scenario)
    if args.port and server.port_in_use(args.port, args.host):
        return _refuse(f"端口 {args.port} 已被占用（可能是上次未关闭的课堂沙盘）port {args.port} on {args.host} is "
                       f"already in use (an earlier dashboard still running?). Close it, or start with "
                       f"--port 0 (any free port) or another --port.")
    missing = prepare_assets()
    if missing:
        return _refuse(missing_assets_message(missing))
    port = args.port or server.free_port(args.host)
    env = server.server_env(scenario=None if classroom else args.scenario, classroom=classroom,
                            seed=args.seed, lang=args.lang, results=args.results)
    _stop_on_signals()
    proc = server.start(port, args.host, env)
    everyone = args.host in ("0.0.0.0", "::")
    url = f"http://{'127.0.0.1' if everyone else args.host}:{port}/"
    try:
        server.wait_ready(url, proc, timeout_s=120)
        print(f"课堂沙盘已启动 dashboard running: {url}  (Ctrl+C 结束 to stop)", flush=True)
        if everyone:
            lan = server.lan_addresses()
            print("学生请打开 students open:" if lan else
                  "未找到局域网地址 no network address found (is this computer on the classroom network?)")
            for ip in lan:
                print(f"    http://{ip}:{port}/")
            sys.stdout.flush()
        if results is not None:
            print(f"小组结果写入 groups' results go to: {Path(results).resolve()}", flush=True)
        if not args.no_browser:
            import webbrowser
            webbrowser.open(url)
        return proc.wait()
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError) as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 1
    finally:
        server.stop(proc)


def cmd_summarize(args: argparse.Namespace) -> int:
    from ..classroom.summarize import rank, summarize, table
    from ..classroom.results import read_results

    try:
        paths = summarize(args.csv, args.out, args.lang, force=args.force)
    except (FileNotFoundError, ValueError) as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    print(table(rank(read_results(args.csv)), args.lang).to_string(index=False))
    print("\n" + "\n".join(f"写入 wrote: {p}" for p in paths.values()))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from ..classroom.wizard import run_wizard

    try:
        run_wizard(Path(args.file))
    except FileExistsError as exc:
        return _refuse(str(exc))
    except (EOFError, KeyboardInterrupt):
        print("\n已取消，未写入任何文件 cancelled, nothing written", file=sys.stderr)
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..classroom.config import load_classroom

    try:
        c = load_classroom(args.file)
    except ScenarioError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    print(f"OK: {c.source} — classroom '{c.name}', seed {c.seed}, {c.years} years, "
          f"budget {c.budget_yuan / 1e4:,.0f} 万元, {len(c.groups)} groups, locked: {', '.join(c.locked) or '-'}")
    for cond in c.conditions:
        print(f"  goal: {cond.describe('zh')} / {cond.describe('en')}")
    return 0
