"""The classroom dashboard: a Solara page over one :class:`~cluster_sim.app.session.Session`
per browser tab (so every group at its own laptop has its own run on one server).

Why not Mesa's ``SolaraViz`` component itself: it draws English controls from a flat
``model_params`` dict and one model. A party-school class needs the baseline run beside the
current one, controls with units and explanations generated from the policy registry, teacher
locks, a budget and a goal, and Chinese first — so this page is built from the same Solara
pieces SolaraViz uses (sidebar-style controls, matplotlib figures, a step/run/reset
controller), arranged for that class. The model runs and the figures are drawn in worker
processes (``worker``): the page only shows their results. Settings come from the environment that
``cluster-sim app`` sets (see ``server.py``).
"""

from __future__ import annotations

import html
import os
import sys
import time
import traceback
import uuid
from urllib.parse import parse_qs, urlencode
from typing import Callable

import numpy as np
import solara

from ..accounts import COLLECTIVE_SOURCE_LABELS
from ..classroom.config import load_classroom
from ..classroom.metrics import METRICS
from ..classroom.results import append_result
from ..outputs.effects import HEADLINES, decompose
from ..outputs.indicators import indicator
from ..policies import registry as policy_registry
from ..scenario.schema import UNLIMITED
from . import memory, worker
from .controls import Control
from .county_map import colour_scale, map_data
from .fold import Fold
from .groups import CLAIMS
from .i18n import LANGS, choice_label, pick, tr, wan
from .session import Session, package_settings

ENV_SCENARIO = "CLUSTER_SIM_APP_SCENARIO"
ENV_CLASSROOM = "CLUSTER_SIM_APP_CLASSROOM"
ENV_SEED = "CLUSTER_SIM_APP_SEED"
ENV_LANG = "CLUSTER_SIM_APP_LANG"
ENV_RESULTS = "CLUSTER_SIM_APP_RESULTS"
# opt-in (the classroom benchmark): the server prints how long each click took it, from the
# click's arrival to its last page update sent — without the browser's own drawing
ENV_CLICK_LOG = "CLUSTER_SIM_APP_CLICK_LOG"
CLICK_LOG_PREFIX = "cluster-sim click:"

HELP_STYLE = {"font-size": "12px", "color": "#666", "margin": "-6px 0 8px 0", "line-height": "1.3"}
# Two columns (controls | results) on a laptop or projector, one below ~700 px (phones): a
# CSS grid, since Solara's Columns keep their widths at any size.
LAYOUT_CSS = """
.cs-main { display: grid; grid-template-columns: minmax(300px, 4fr) 8fr; gap: 12px; align-items: start;
           padding: 0 8px; }
.cs-split { display: grid; grid-template-columns: 7fr 5fr; gap: 8px; align-items: start; }
.cs-charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.cs-main > *, .cs-split > *, .cs-charts > * { min-width: 0; }
.cs-main img, .cs-main svg { max-width: 100%; height: auto; }
.summary-table, .effects-table, .village-accounts { overflow-x: auto; }
.controls-column .v-slider.v-input--horizontal { grid-template-areas: "prepend" "control" "messages";
                                                 grid-template-columns: minmax(0, 1fr); }
.controls-column .v-slider .v-input__prepend { margin: 0 0 22px 0; }
.controls-column .v-label { white-space: normal; overflow-wrap: anywhere; }
@media (max-width: 1100px) { .cs-split, .cs-charts { grid-template-columns: 1fr; } }
@media (max-width: 700px) {
  .cs-main { grid-template-columns: 1fr; padding: 0 4px; }
  .v-toolbar-title { font-size: 16px; }
}
"""
SUMMARY_ROWS = ("collective_income_operating_mean_yuan", "collective_income_total_mean_yuan",
                "weak_operating_mean_yuan", "farmer_income_per_capita_yuan",
                "low_income_income_per_capita_yuan", "villages_over_indebted", "extra_public_spending_yuan")
# both inequality measures side by side (they can disagree): county_year columns named in the catalogue
INEQUALITY_ROWS = ("gini_collective", "strong_weak_gap_ratio")


def session_from_environment() -> Session:
    classroom = os.environ.get(ENV_CLASSROOM)
    if classroom:
        return Session.for_classroom(load_classroom(classroom, os.environ.get(ENV_RESULTS) or None))
    return Session.for_scenario(os.environ.get(ENV_SCENARIO) or None, int(os.environ.get(ENV_SEED, "2024")))


def default_lang(session: Session) -> str:
    lang = os.environ.get(ENV_LANG) or (session.classroom.lang if session.classroom else "zh")
    return lang if lang in LANGS else "zh"


@solara.component_vue("county_map.vue")
def CountyMap(view: dict, event_pick: Callable[[int], None] = None):
    pass


@solara.component
def ControlInput(control: Control, value, on_value: Callable, lang: str, village_names: list[str]):
    """One generated control: its widget, unit, lock and one-line explanation."""
    label = pick(control.label, lang)
    unit = pick(control.unit, lang)
    if unit and control.kind in ("int", "float"):
        label = f"{label}（{unit}）" if lang == "zh" else f"{label} ({unit})"
    if control.locked:
        label = f"{label} · {tr('locked', lang)}"
    disabled = control.locked
    shown = control.shown(value)
    with solara.Div(classes=[f"control-{control.field_name}"]):
        if control.kind == "bool":
            solara.Switch(label=label, value=bool(value), on_value=on_value, disabled=disabled)
        elif control.kind == "choice":
            labels = [choice_label(c, lang) for c in control.choices]
            solara.Select(label=label, values=labels, value=choice_label(value, lang), disabled=disabled,
                          on_value=lambda text: on_value(control.choices[labels.index(text)]))
        elif control.kind == "list" and control.field_name == "villages":
            solara.SelectMultiple(label=label, values=list(value), all_values=village_names, disabled=disabled,
                                  on_value=on_value)
        elif control.kind == "list":
            solara.InputTextArea(label=label, value="\n".join(value), rows=2, disabled=disabled,
                                 on_value=lambda text: on_value([t.strip() for t in text.splitlines() if t.strip()]))
        elif control.slider and control.kind == "int":
            solara.SliderInt(label=label, value=int(value), min=int(control.low), max=int(control.high),
                             on_value=on_value, disabled=disabled, thumb_label="always")
        elif control.slider:
            solara.SliderFloat(label=label, value=shown, min=control.low / control.scale, max=control.high / control.scale,
                               step=control.step(), disabled=disabled, thumb_label="always",
                               on_value=lambda x: on_value(control.from_shown(x)))
        elif control.kind == "int":
            solara.InputInt(label=label, value=shown, on_value=lambda x: on_value(control.from_shown(x)),
                            disabled=disabled, dense=True, optional=control.unlimited)
        else:
            solara.InputFloat(label=label, value=shown, disabled=disabled, dense=True, optional=control.unlimited,
                              on_value=lambda x: on_value(control.from_shown(
                                  x if x is not None or control.unlimited else 0.0)))
        solara.Text(pick(control.help, lang), style=HELP_STYLE)


def policy_description(name: str, module, lang: str) -> str:
    """One whole paragraph about a package: its docstring's first paragraph (English), or the
    Chinese summary its module declares (``SUMMARY_ZH``)."""
    if lang == "zh":
        return module.SUMMARY_ZH
    first = (module.__doc__ or "").strip().split("\n\n")[0]
    return " ".join(first.replace("``", "").split())


class Setters:
    """``setters(key)`` is the on_value callback of one control, the same function at every
    render: reacton skips a component whose arguments are equal, so a control is redrawn only
    when its own value changes, not every control of every card at every click."""

    def __init__(self, session: Session, changed: Callable):
        self.session, self.changed, self._made = session, changed, {}

    def __call__(self, key: str) -> Callable:
        if key not in self._made:
            def set_value(value):
                self.session.set_value(key, value)
                self.changed()
            self._made[key] = set_value
        return self._made[key]


@solara.component
def PolicyPanel(session: Session, name: str, module, lang: str, setter: Setters, state: list):
    """One package's card. ``state`` (the run and the package's settings) makes it redraw when
    they change and only then (reacton skips a component whose arguments are equal)."""
    controls = session.controls[f"policies.{name}"]
    enabled_key = f"policies.{name}.enabled"
    enabled = session.values[enabled_key]
    title = module.TITLE_ZH if lang == "zh" else module.TITLE_EN
    with solara.Card(style={"margin": "4px 0", "padding": "2px 8px"}, classes=[f"policy-{name}"]):
        enabled_control = session.by_key[enabled_key]
        solara.Switch(label=title, value=bool(enabled), on_value=setter(enabled_key),
                      disabled=enabled_control.locked, classes=[f"switch-{name}"])
        PackageBudget(session, name, lang, state=state)
        solara.Text(policy_description(name, module, lang), style=HELP_STYLE, classes=["policy-description"])

        def settings():
            for control in controls:
                if control.key != enabled_key:
                    ControlInput(control, session.values[control.key], setter(control.key), lang,
                                 session.home_village_names())

        Fold(tr("package_settings", lang), settings)


@solara.component
def PackageBudget(session: Session, name: str, lang: str, state: list):
    """Before a run: a warning when the budget buys less than one unit. After: what was paid and reached.
    ``state`` only makes the component redraw when the run or the package's settings change."""
    warning = session.package_warning(name) if session.values[f"policies.{name}.enabled"] else None
    if warning:
        word = "below_unit_none" if warning["whole"] else "below_unit_partial"
        solara.Warning(tr(word, lang, budget=warning["budget"], unit=warning["unit"],
                          unit_name=warning[f"unit_{lang}"]), dense=True, classes=[f"below-unit-{name}"])
    if session.last_closed < 0 or not session.applied[f"policies.{name}.enabled"]:
        return
    use = session.package_uses().get(name)
    if use is None:
        text = tr("package_unused", lang)
    else:
        text = tr("package_use", lang, paid="—" if use.paid_yuan is None else wan(use.paid_yuan, 0),
                  budget=tr("no_limit", lang) if use.budget_yuan == UNLIMITED else wan(use.budget_yuan, 0),
                  villages=use.villages,
                  households=tr("package_households", lang, n=use.households) if use.households else "")
    solara.Text(text, classes=[f"package-use-{name}"],
                style={"display": "block", "font-size": "13px", "color": "#1b5e20", "margin": "0 0 6px 0"})


@solara.component
def ParameterPanel(session: Session, section: str, lang: str, setter: Setters, expand: bool):
    def controls():
        for control in session.controls[section]:
            ControlInput(control, session.values[control.key], setter(control.key), lang, [])

    Fold(tr(section, lang), controls, expand=expand)


@solara.component
def ChallengeCard(session: Session, lang: str, tick: int, act: Callable, busy: bool):
    c = session.classroom
    group = solara.use_reactive("")
    refusal = solara.use_reactive("")
    note = solara.use_reactive("")
    message = solara.use_reactive("")
    router = solara.use_router()
    browser = solara.use_memo(_browser_id, [])
    held = solara.use_memo(lambda: {"group": ""}, [])  # what this tab holds, for the release on close

    def choose(name: str) -> bool:
        if name == held["group"]:
            return True
        if not CLAIMS.claim(c.name, name, browser):
            refusal.set(tr("group_taken", lang, group=name))
            return False
        if held["group"]:
            CLAIMS.release(c.name, held["group"], browser)
        held["group"] = name
        group.set(name)
        refusal.set("")
        router.push(f"?{urlencode({'group': name})}")
        return True

    def claim_on_open():
        wanted = parse_qs(router.search or "").get("group", [""])[0]
        if not (wanted in c.groups and choose(wanted)):
            free = CLAIMS.free(c.name, c.groups, browser)
            if free:
                choose(free[0])
            if wanted in c.groups:  # say why this tab is not the group its link named
                refusal.set(tr("group_taken", lang, group=wanted))
        return lambda: CLAIMS.release(c.name, held["group"], browser) if held["group"] else None

    solara.use_effect(claim_on_open, [])
    with solara.Card(tr("challenge", lang), classes=["challenge-card"], style={"margin": "4px 0"}):
        title = pick(c.title, lang)
        if title:
            solara.Text(title, style={"font-weight": "700"})
        brief = pick(c.brief, lang)
        if brief:
            solara.HTML(tag="p", unsafe_innerHTML=html.escape(brief), style="font-size: 13px; margin: 4px 0")
        if c.budget_yuan > 0:
            allocated, problems = session.budget_problems()
            solara.Text(f"{tr('budget', lang)}：{tr('budget_used', lang, used=wan(allocated, 0), total=wan(c.budget_yuan, 0))}",
                        style={"display": "block"})
            if session.last_closed >= 0:
                paid = sum(u.paid_yuan or 0.0 for u in session.package_uses().values())
                solara.Text(tr("spent_total", lang, paid=wan(paid, 0)), classes=["spent-total"], style={"display": "block"})
            for word, args in problems:
                if word == "budget_zero" and lang == "en":
                    args = {**args, "name": args["name_en"]}
                solara.Warning(tr(word, lang, **{k: v for k, v in args.items() if k != "name_en"}))
        solara.Text(tr("goal", lang), style={"font-weight": "700"})
        for check in session.goal_checks():
            mark = "○" if check.met is None else ("√" if check.met else "×")
            state = (tr("goal_pending", lang, t=c.years) if check.met is None
                     else tr("goal_met", lang) if check.met else tr("goal_not_met", lang))
            solara.HTML(tag="div", unsafe_innerHTML=html.escape(f"{mark} {pick(check.description, lang)} — {state}"),
                        classes=["goal-check"], style="font-size: 13px; margin: 2px 0")
        if c.groups:
            solara.Select(label=tr("group", lang), values=c.groups, value=group.value or None, on_value=choose,
                          classes=["group-select"])
            if refusal.value:
                solara.Error(refusal.value, classes=["group-refused"])
        solara.InputTextArea(label=tr("note", lang), value=note, rows=2)

        def submit():
            if c.groups and not group.value:
                raise ValueError(tr("group_needed", lang))
            row = session.result_row(group.value or "—", note.value)
            append_result(c.results, row)
            message.set(tr("submitted", lang, group=row["group"], year=row["year_reached"]))

        ready = session.last_closed >= c.years and not session.pending and not session.budget_problems()[1]
        solara.Button(tr("submit", lang), color="success", disabled=busy or not ready, on_click=lambda: act(submit),
                      classes=["submit-button"])
        if session.last_closed < c.years:
            solara.Text(tr("submit_needs_years", lang, t=c.years), style=HELP_STYLE)
        if message.value:
            solara.Success(message.value, classes=["submitted-message"])


@solara.component
def VillagePanel(session: Session, index: int, lang: str, state: tuple[int, int]):
    ready = index >= 0 and session.last_closed >= 0
    d = solara.use_memo(lambda: session.village_detail(index) if index >= 0 else None, [index, *state])
    pngs = solara.use_memo(lambda: worker.call(worker.draw, [("village_history", (d["history"], d["name"])),
                                                             ("household_sources", (d["household_income"],))],
                                               lang) if ready else None,
                           [index, session.generation, session.last_closed, lang])
    if d is None:
        solara.Info(tr("map_click", lang))
        return
    flags = "、".join(tr(k, lang) for k in ("key", "strong", "weak") if d[f"is_{k}"])
    households = f"{d['households']} 户" if lang == "zh" else f"{d['households']} households"
    solara.HTML(tag="h3", unsafe_innerHTML=html.escape(d["name"]), classes=["village-name"])
    solara.Text(f"{tr('cluster', lang)}：{d['cluster'] or tr('unclustered', lang)}"
                f"{'　' + flags if flags else ''}　·　{households}", style={"font-size": "13px"})
    if not ready:
        solara.Info(tr("no_year_closed", lang))
        return
    a = d["accounts"]
    rows = [(pick(pair, lang), wan(a[key])) for key, pair in COLLECTIVE_SOURCE_LABELS.items()]
    rows += [(f"<b>{tr('operating', lang)}</b>", f"<b>{wan(a['operating'])}</b>"),
             (f"<b>{tr('total', lang)}</b>", f"<b>{wan(a['total'])}</b>"),
             ("现金" if lang == "zh" else "cash", wan(a["cash"])),
             ("负债（负债率）" if lang == "zh" else "debt (ratio)", f"{wan(a['debt'])} ({a['debt_ratio']:.0%})")]
    solara.HTML(unsafe_innerHTML=html_table([tr("accounts", lang), tr("colour_scale", lang)], rows),
                classes=["village-accounts"])
    for png in pngs:
        solara.Image(png, format="png")


def _browser_id() -> str:
    """This browser's Solara session (its cookie): the same across its reloads and tabs."""
    try:
        return solara.get_session_id()
    except Exception:  # outside a server (tests rendering the page): one browser per page
        return uuid.uuid4().hex


def summary_table(session: Session, lang: str) -> str:
    t = session.last_closed
    if t < 0:
        return ""
    run = session.run_tables()
    base = session.baseline().tables
    year = int(run.tables["county_year"]["year"].iloc[-1])
    header = [f"{tr('summary', lang)}（{year}）", tr("this_run", lang), tr("baseline", lang), tr("difference", lang)]
    rows = []
    for name in SUMMARY_ROWS:
        m = METRICS[name]
        now, then = m.value(run, base, t), m.value(base, base, t)
        diff = now - then
        rows.append((m.label(lang), m.format(now, lang), m.format(then, lang), m.format_change(diff, lang)))
    return html_table(header, rows)


def effects_table(session: Session, lang: str) -> str:
    """Each headline income's difference from the baseline in the last closed year, split into
    the part transfers and guarantees paid and the induced part (``outputs.effects``), then
    both inequality measures, this run beside the baseline."""
    t = session.last_closed
    if t < 0:
        return ""
    run, base = session.county_rows(), session.baseline().county_rows
    year = int(run["year"].iloc[-1])
    parts = decompose(run, base[base["t"] <= t])
    parts = parts[parts["t"] == t].set_index("headline")
    rows = []
    for key, (level, _) in HEADLINES.items():
        metric, p = METRICS[level], parts.loc[key]
        rows.append((metric.label(lang), *(metric.format_change(p[c], lang) for c in
                                                  ("effect_yuan", "transfer_yuan", "induced_yuan"))))
    out = html_table([tr("effect_parts", lang, year=year), tr("difference", lang), tr("transfer_part", lang),
                      tr("induced_part", lang)], rows)
    out += f"<p style='font-size:12px;color:#666;margin:2px 0 8px 0'>{html.escape(tr('effect_parts_help', lang))}</p>"
    now, then = run.set_index("t").loc[t], base.set_index("t").loc[t]
    rows = [(indicator(col).label(lang), f"{now[col]:.3f}", f"{then[col]:.3f}",
             f"{now[col] - then[col]:+.3f}") for col in INEQUALITY_ROWS]
    out += html_table([tr("inequality", lang, year=year), tr("this_run", lang), tr("baseline", lang),
                       tr("difference", lang)], rows)
    return out + f"<p style='font-size:12px;color:#666;margin:2px 0'>{html.escape(tr('inequality_help', lang))}</p>"


def html_table(header: list[str], rows: list[tuple]) -> str:
    """A small HTML table (solara.Markdown would load a diagram library from the internet)."""
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:1px 8px;text-align:{'left' if i == 0 else 'right'}'>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table style='font-size:13px;border-collapse:collapse'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@solara.component
def Page():
    session = solara.use_memo(session_from_environment, [])
    solara.use_effect(lambda: memory.give_back_memory_soon, [])  # runs when this tab's session ends
    lang = solara.use_reactive(default_lang(session))
    tick = solara.use_reactive(0)  # bumped whenever the run or the settings change
    selected = solara.use_reactive(-1)
    error = solara.use_reactive("")
    years_per_run = solara.use_reactive(session.default_years_per_click)
    L = lang.value
    session.lang = L  # the charts drawn ahead of a click are drawn in it

    def bump():
        tick.value += 1

    # the same callbacks at every render, so the cards and parameter panels they are passed to are
    # redrawn only when their own arguments change (reacton skips equal arguments), not per click
    setter = solara.use_memo(lambda: Setters(session, bump), [])
    pick_village = solara.use_memo(lambda: lambda i: selected.set(int(i)), [])

    def run_action(fn):
        started = time.perf_counter()
        try:
            error.set("")
            fn()
            session.charts(L)  # drawn in a worker while the busy sign still shows
        except Exception as exc:  # shown to the class, the details go to the server log
            traceback.print_exc()
            error.set(f"{tr('error', L)}: {exc}")
        finally:
            tick.value += 1
            if os.environ.get(ENV_CLICK_LOG):
                # one write per line: clicks that end together must not interleave their lines
                sys.stderr.write(f"{CLICK_LOG_PREFIX} {time.perf_counter() - started:.3f}\n")
                sys.stderr.flush()

    # a click's work runs in a thread, so the page can show that it is busy (and refuse a second
    # click) instead of freezing with every button still clickable
    action = solara.lab.use_task(run_action, dependencies=None)
    busy = bool(action.pending)

    def act(fn):
        if not action.pending:
            action(fn)

    title = tr("app_title", L)
    if session.classroom and pick(session.classroom.title, L):
        title = f"{title} · {pick(session.classroom.title, L)}"
    solara.Title(title)
    with solara.AppBar():
        solara.AppBarTitle(title)
        with solara.ToggleButtonsSingle(value=lang, style={"background": "transparent"}):
            solara.Button("中文", value="zh", text=True, classes=["lang-zh"])
            solara.Button("English", value="en", text=True, classes=["lang-en"])

    solara.Style(LAYOUT_CSS)
    with solara.Div(classes=["cs-main"]):
        with solara.Column(classes=["controls-column"]):
            RunCard(session, L, tick.value, act, years_per_run, busy)
            if session.classroom:
                ChallengeCard(session, L, tick.value, act, busy)
            solara.Text(tr("policies", L), style={"font-weight": "700", "font-size": "16px", "margin": "8px 0 0 4px"})
            for name, module in policy_registry().items():
                PolicyPanel(session, name, module, L, setter, state=[session.generation, session.last_closed,
                                                                     package_settings(session.values, name)])
            ParameterPanel(session, "clusters", L, setter, expand=True)
            ParameterPanel(session, "parameters", L, setter, expand=False)
            ParameterPanel(session, "more_parameters", L, setter, expand=False)
            if session.classroom is None:
                solara.InputInt(label=tr("seed", L), value=session.seed, dense=True,
                                on_value=lambda s: act(lambda: session.set_seed(s)))
        with solara.Column():
            if error.value:
                solara.Error(error.value, classes=["app-error"])
            Results(session, L, run_state(session), selected.value, pick_village)


def run_state(session: Session) -> tuple[int, int]:
    """What identifies the run a page shows: a new run (new settings) or more months stepped."""
    return session.generation, session.snapshot.steps


@solara.component
def Results(session: Session, lang: str, state: tuple[int, int], selected: int, on_pick: Callable[[int], None]):
    """The map, the village card, the charts and the tables. A component of its own so that it is
    redrawn only when the run moves on, the language or the selected village change — not when a
    click turns the busy sign on or off, nor when a setting is moved."""
    generation = state[0]  # a new run: new settings, so perhaps a new baseline
    base_tables = solara.use_memo(lambda: session.baseline().tables, [generation])
    scale = solara.use_memo(lambda: colour_scale(_base_year_operating(base_tables)), [generation])
    with solara.Div(classes=["cs-split"]):
        partner_base = _partner_baseline(base_tables, session.last_closed)
        CountyMap(view=map_data(session.snapshot, lang, scale, selected, partner_base), event_pick=on_pick)
        with solara.Column(classes=["village-panel"]):
            VillagePanel(session, selected, lang, state)
    # charts depend on the closed years only: drawn in a worker when a year closes or the run is
    # rebuilt, and shared by the groups whose run is the same
    difference, collective, farmer = session.charts(lang)
    with solara.Column(classes=["chart-difference"]):
        solara.Image(difference, format="png")
    with solara.Div(classes=["cs-charts"]):
        with solara.Column(classes=["chart-collective"]):
            solara.Image(collective, format="png")
        with solara.Column(classes=["chart-farmer"]):
            solara.Image(farmer, format="png")
    solara.HTML(unsafe_innerHTML=summary_table(session, lang), classes=["summary-table"])
    solara.HTML(unsafe_innerHTML=effects_table(session, lang), classes=["effects-table"])


def _base_year_operating(base_tables) -> np.ndarray:
    """Home villages' operating income in the baseline's base year (the map's colour range)."""
    v = base_tables.tables["village_year"]
    first = v[v["t"] == 0]
    return first.loc[~first["is_partner"].astype(bool), "operating_income_yuan"].to_numpy(dtype=float)


def _partner_baseline(base_tables, t: int) -> float | None:
    county = base_tables.tables["county_year"]
    row = county[county["t"] == max(t, 0)]
    return float(row["partner_operating_mean_yuan"].iloc[0]) if len(row) and t >= 0 else None


@solara.component
def RunCard(session: Session, lang: str, tick: int, act: Callable, years_per_run, busy: bool):
    m = session.snapshot
    with solara.Card(tr("run", lang), style={"margin": "4px 0"}):
        if session.finished:
            status = tr("finished", lang, y=m.calendar_year - 1)
        elif m.month == 0 and session.last_closed >= 0:
            status = tr("now_closed", lang, year=m.calendar_year - 1, t=session.last_closed)
        elif m.month == 0:
            status = tr("not_started", lang, year=m.calendar_year)
        else:
            status = tr("now", lang, year=m.calendar_year, month=m.month)
        solara.Text(status, classes=["run-status"], style={"font-weight": "600"})
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button(tr("step_month", lang), on_click=lambda: act(session.step_month), disabled=busy or session.finished,
                          outlined=True, classes=["step-button"])
            solara.Button(tr("run_years", lang, n=years_per_run.value), color="primary", disabled=busy or session.finished,
                          on_click=lambda: act(lambda: session.run_years(years_per_run.value)), classes=["run-button"])
            solara.Button(tr("reset", lang), on_click=lambda: act(session.reset), outlined=True, disabled=busy,
                          classes=["reset-button"])
        solara.SliderInt(tr("years_to_run", lang), value=years_per_run, min=1, max=max(1, session.horizon + 1))
        if session.pending:
            solara.Warning(tr("pending", lang))
        # a still sign (an animated bar repaints every frame while waiting, on every device) in a
        # line kept when idle too: appearing, it would push the whole column down, and the browser
        # would paint the column again twice per click
        solara.Text(tr('working', lang) if busy else "", classes=["busy-sign" if busy else "busy-idle"],
                    style={"font-weight": "600", "color": "#e65100", "display": "block", "min-height": "1.5em"})
        solara.Button(tr("apply", lang), color="warning" if session.pending else None, disabled=busy or not session.pending,
                      on_click=lambda: act(session.apply), classes=["apply-button"], block=True)

