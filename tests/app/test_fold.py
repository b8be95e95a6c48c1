"""A folded section builds nothing until it is opened: that is what keeps the dashboard's ~60
folded-away controls from being reconciled at every click (and held per open tab)."""

import ipyvuetify as v
import solara

from cluster_sim.app.fold import Fold


def test_a_folded_section_builds_its_content_only_while_open():
    built = []

    def content():
        built.append(1)
        solara.SliderInt("budget", value=3, min=0, max=10)

    box, rc = solara.render(Fold("settings", content), handle_error=False)
    assert built == [] and rc.find(v.Slider).widgets == []
    panels = rc.find(v.ExpansionPanels).widget
    panels.v_model = 0  # the user opens it
    assert built and len(rc.find(v.Slider).widgets) == 1
    panels.v_model = None  # and folds it again: the widgets go
    assert rc.find(v.Slider).widgets == []
    rc.close()


def test_a_section_can_start_open():
    box, rc = solara.render(Fold("settings", lambda: solara.Text("inside"), expand=True), handle_error=False)
    assert rc.find(v.ExpansionPanels).widget.v_model == 0
    rc.find(children=["inside"]).assert_single()
    rc.close()
