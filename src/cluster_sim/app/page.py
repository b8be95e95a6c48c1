"""The classroom dashboard: a Solara page over one :class:`~cluster_sim.app.session.Session`
per browser tab (so every group at its own laptop has its own run on one server).

Why not Mesa's ``SolaraViz`` component itself: it draws English controls from a flat
``model_params`` dict and one model. A party-school class needs the baseline run beside the
current one, controls with units and explanations generated from the policy registry, teacher
locks, a budget and a goal, and Chinese first — so this page is built from the same Solara
pieces SolaraViz uses (sidebar-style controls, matplotlib figures, a step/run/reset
controller), arranged for that class. Settings come from the environment that
``cluster-sim app`` sets (see ``server.py``).
"""

from __future__ import annotations

import html
import os
import traceback
from typing import Callable

import solara

from ..accounts import COLLECTIVE_SOURCE_LABELS
from ..classroom.config import load_classroom
from ..classroom.metrics import METRICS
from ..classroom.results import append_result
from ..policies import registry as policy_registry
from . import charts
from .controls import Control
from .county_map import colour_scale, map_data
from .i18n import LANGS, choice_label, pick, tr, wan
from .session import Session

ENV_SCENARIO = "CLUSTER_SIM_APP_SCENARIO"
ENV_CLASSROOM = "CLUSTER_SIM_APP_CLASSROOM"
ENV_SEED = "CLUSTER_SIM_APP_SEED"
ENV_LANG = "CLUSTER_SIM_APP_LANG"
ENV_RESULTS = "CLUSTER_SIM_APP_RESULTS"

HELP_STYLE = {"font-size": "12px", "color": "#666", "margin": "-6px 0 8px 0", "line-height": "1.3"}
SUMMARY_ROWS = ("collective_income_operating_mean_yuan", "collective_income_total_mean_yuan",
                "weak_operating_mean_yuan", "strong_weak_gap_ratio", "farmer_income_per_capita_yuan",
                "low_income_income_per_capita_yuan", "villages_over_indebted", "extra_public_spending_yuan")


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


def _setter(session: Session, changed: Callable) -> Callable:
    """``setter(key)`` gives the on_value callback of one control."""
    def setter(key):
        def set_value(value):
            session.set_value(key, value)
            changed()
        return set_value
    return setter


@solara.component
def PolicyPanel(session: Session, name: str, module, lang: str, changed: Callable):
    controls = session.controls[f"policies.{name}"]
    enabled_key = f"policies.{name}.enabled"
    enabled = session.values[enabled_key]
    title = module.TITLE_ZH if lang == "zh" else module.TITLE_EN

    setter = _setter(session, changed)
    with solara.Card(style={"margin": "4px 0", "padding": "2px 8px"}, classes=[f"policy-{name}"]):
        enabled_control = session.by_key[enabled_key]
        solara.Switch(label=title, value=bool(enabled), on_value=setter(enabled_key),
                      disabled=enabled_control.locked, classes=[f"switch-{name}"])
        doc = (module.__doc__ or "").strip().splitlines()[0] if module.__doc__ else ""
        if lang == "en" and doc:
            solara.Text(doc, style=HELP_STYLE)
        with solara.Details(summary=tr("parameters", lang) if lang == "en" else "设置 · 参数", expand=False):
            for control in controls:
                if control.key == enabled_key:
                    continue
                ControlInput(control, session.values[control.key], setter(control.key), lang,
                             session.home_village_names())


@solara.component
def ParameterPanel(session: Session, section: str, lang: str, changed: Callable, expand: bool):
    setter = _setter(session, changed)
    with solara.Details(summary=tr(section, lang), expand=expand):
        for control in session.controls[section]:
            ControlInput(control, session.values[control.key], setter(control.key), lang, [])


@solara.component
def ChallengeCard(session: Session, lang: str, tick: int, act: Callable):
    c = session.classroom
    group = solara.use_reactive(c.groups[0] if c.groups else "")
    note = solara.use_reactive("")
    message = solara.use_reactive("")
    with solara.Card(tr("challenge", lang), classes=["challenge-card"], style={"margin": "4px 0"}):
        title = pick(c.title, lang)
        if title:
            solara.Text(title, style={"font-weight": "700"})
        brief = pick(c.brief, lang)
        if brief:
            solara.HTML(tag="p", unsafe_innerHTML=html.escape(brief), style="font-size: 13px; margin: 4px 0")
        if c.budget_yuan > 0:
            allocated, problems = session.budget_problems()
            solara.Text(f"{tr('budget', lang)}：{tr('budget_used', lang, used=wan(allocated, 0), total=wan(c.budget_yuan, 0))}")
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
            solara.Select(label=tr("group", lang), values=c.groups, value=group)
        solara.InputTextArea(label=tr("note", lang), value=note, rows=2)

        def submit():
            row = session.result_row(group.value or "—", note.value)
            append_result(c.results, row)
            message.set(tr("submitted", lang, group=row["group"], year=row["year_reached"]))

        ready = session.last_closed >= c.years and not session.pending and not session.budget_problems()[1]
        solara.Button(tr("submit", lang), color="success", disabled=not ready, on_click=lambda: act(submit),
                      classes=["submit-button"])
        if session.last_closed < c.years:
            solara.Text(tr("submit_needs_years", lang, t=c.years), style=HELP_STYLE)
        if message.value:
            solara.Success(message.value)


@solara.component
def VillagePanel(session: Session, index: int, lang: str, tick: int):
    ready = index >= 0 and session.last_closed >= 0
    d = solara.use_memo(lambda: session.village_detail(index) if index >= 0 else None, [index, tick])
    figs = solara.use_memo(lambda: (charts.village_history(d["history"], d["name"], lang),
                                    charts.household_sources(d["household_income"], lang)) if ready else None,
                           [index, tick, lang])
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
    for fig in figs:
        solara.FigureMatplotlib(fig, format="png", dependencies=[index, tick, lang])


def summary_table(session: Session, lang: str) -> str:
    t = session.last_closed
    if t < 0:
        return ""
    run = session.run_tables()
    _, base = session.baseline()
    year = int(run.tables["county_year"]["year"].iloc[-1])
    header = [f"{tr('summary', lang)}（{year}）", tr("this_run", lang), tr("baseline", lang), tr("difference", lang)]
    rows = []
    for name in SUMMARY_ROWS:
        m = METRICS[name]
        now, then = m.value(run, base, t), m.value(base, base, t)
        diff = now - then
        rows.append((m.label(lang), m.format(now, lang), m.format(then, lang),
                     ("+" if diff > 0 else "") + m.format(diff, lang)))
    return html_table(header, rows)


def html_table(header: list[str], rows: list[tuple]) -> str:
    """A small HTML table (solara.Markdown would load a diagram library from the internet)."""
    head = "".join(f"<th style='text-align:left;padding:2px 8px'>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td style='padding:1px 8px;text-align:{'left' if i == 0 else 'right'}'>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table style='font-size:13px;border-collapse:collapse'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@solara.component
def Page():
    session = solara.use_memo(session_from_environment, [])
    lang = solara.use_reactive(default_lang(session))
    tick = solara.use_reactive(0)  # bumped whenever the run or the settings change
    selected = solara.use_reactive(-1)
    error = solara.use_reactive("")
    years_per_run = solara.use_reactive(min(5, session.horizon))
    L = lang.value

    def changed():
        tick.value += 1

    def act(fn):
        try:
            error.set("")
            fn()
        except Exception as exc:  # shown to the class, the details go to the server log
            traceback.print_exc()
            error.set(f"{tr('error', L)}: {exc}")
        finally:
            tick.value += 1

    base_model, base_tables = solara.use_memo(session.baseline, [session.applied_seed, str(session.param_overrides()),
                                                                 session.horizon])
    scale = solara.use_memo(lambda: colour_scale(base_model.recorder.village_rows[0]["operating_income_yuan"]
                                                 [~base_model.villages.is_partner].to_numpy()), [base_model])

    title = tr("app_title", L)
    if session.classroom and pick(session.classroom.title, L):
        title = f"{title} · {pick(session.classroom.title, L)}"
    solara.Title(title)
    with solara.AppBar():
        solara.AppBarTitle(title)
        with solara.ToggleButtonsSingle(value=lang, style={"background": "transparent"}):
            solara.Button("中文", value="zh", text=True, classes=["lang-zh"])
            solara.Button("English", value="en", text=True, classes=["lang-en"])

    with solara.Columns([4, 8], style={"align-items": "flex-start"}):
        with solara.Column(classes=["controls-column"]):
            RunCard(session, L, tick.value, act, years_per_run)
            if session.classroom:
                ChallengeCard(session, L, tick.value, act)
            solara.Text(tr("policies", L), style={"font-weight": "700", "font-size": "16px", "margin": "8px 0 0 4px"})
            for name, module in policy_registry().items():
                PolicyPanel(session, name, module, L, changed)
            ParameterPanel(session, "parameters", L, changed, expand=False)
            ParameterPanel(session, "more_parameters", L, changed, expand=False)
            if session.classroom is None:
                solara.InputInt(label=tr("seed", L), value=session.seed, dense=True,
                                on_value=lambda s: act(lambda: session.set_seed(s)))
        with solara.Column():
            if error.value:
                solara.Error(error.value, classes=["app-error"])
            with solara.Columns([7, 5]):
                partner_base = _partner_baseline(base_tables, session.last_closed)
                CountyMap(view=map_data(session.model, L, scale, selected.value, partner_base),
                          event_pick=lambda i: selected.set(int(i)))
                with solara.Column(classes=["village-panel"]):
                    VillagePanel(session, selected.value, L, tick.value)
            with solara.Columns([6, 6]):
                rows = session.county_rows()
                base_rows = base_tables.tables["county_year"]
                key = [tick.value, L, len(rows), id(base_model)]
                fig1 = solara.use_memo(lambda: charts.collective_income(rows, base_rows, L), key)
                fig2 = solara.use_memo(lambda: charts.farmer_income(rows, base_rows, L), key)
                with solara.Column(classes=["chart-collective"]):
                    solara.FigureMatplotlib(fig1, format="png", dependencies=key)
                with solara.Column(classes=["chart-farmer"]):
                    solara.FigureMatplotlib(fig2, format="png", dependencies=key)
            solara.HTML(unsafe_innerHTML=summary_table(session, L), classes=["summary-table"])


def _partner_baseline(base_tables, t: int) -> float | None:
    county = base_tables.tables["county_year"]
    row = county[county["t"] == max(t, 0)]
    return float(row["partner_operating_mean_yuan"].iloc[0]) if len(row) and t >= 0 else None


@solara.component
def RunCard(session: Session, lang: str, tick: int, act: Callable, years_per_run):
    m = session.model
    with solara.Card(tr("run", lang), style={"margin": "4px 0"}):
        if session.finished:
            status = tr("finished", lang, y=m.calendar_year - 1)
        elif m.month == 0 and session.last_closed >= 0:
            status = tr("now_closed", lang, year=m.calendar_year - 1, t=session.last_closed)
        else:
            status = tr("now", lang, year=m.calendar_year, month=m.month)
        solara.Text(status, classes=["run-status"], style={"font-weight": "600"})
        with solara.Row(style={"flex-wrap": "wrap", "gap": "6px"}):
            solara.Button(tr("step_month", lang), on_click=lambda: act(session.step_month), disabled=session.finished,
                          outlined=True, classes=["step-button"])
            solara.Button(tr("run_years", lang, n=years_per_run.value), color="primary", disabled=session.finished,
                          on_click=lambda: act(lambda: session.run_years(years_per_run.value)), classes=["run-button"])
            solara.Button(tr("reset", lang), on_click=lambda: act(session.reset), outlined=True,
                          classes=["reset-button"])
        solara.SliderInt(tr("years_to_run", lang), value=years_per_run, min=1, max=max(1, session.horizon + 1))
        if session.pending:
            solara.Warning(tr("pending", lang))
        solara.Button(tr("apply", lang), color="warning" if session.pending else None, disabled=not session.pending,
                      on_click=lambda: act(session.apply), classes=["apply-button"], block=True)

