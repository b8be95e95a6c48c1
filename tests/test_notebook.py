"""A README-like snippet run in a real Jupyter kernel (nbclient): the sweep shows a tqdm widget
(a notebook's stderr is no terminal, so a plain tqdm would hide the bar) and the model and the run
display as short reprs."""

import pytest

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")

SNIPPET = """
from cluster_sim import ClusterModel
from cluster_sim.experiments import run_experiment
model = ClusterModel({scenario!r}, seed=1)
model.run(years=1)
results = run_experiment({experiment!r}, backend="serial", out={out!r})
model
"""


@pytest.mark.slow
def test_a_notebook_sweep_shows_a_progress_widget_and_a_short_repr(tmp_path, small_scenario):
    experiment = tmp_path / "exp.toml"
    experiment.write_text(f'name = "nb"\nscenario = "{small_scenario.as_posix()}"\nyears = 1\nreplications = 2\nroot_seed = 1\n'
                          'design = "factorial"\n[uncertainties."economy.wage_growth"]\nvalues = [0.03, 0.06]\n[[outcomes]]\nname = "farmer"\ncolumn = "farmer_income_per_capita_yuan"\n')
    cell = nbformat.v4.new_code_cell(SNIPPET.format(scenario=str(small_scenario), experiment=str(experiment),
                                                    out=str(tmp_path / "sweep")))
    notebook = nbformat.v4.new_notebook(cells=[cell])
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = notebook.cells[0].outputs
    widgets = [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert widgets, outputs  # tqdm.auto drew its notebook bar
    shown = [o["data"] for o in outputs if o.get("output_type") == "execute_result"][0]
    assert shown["text/plain"].startswith("ClusterModel(") and len(shown["text/plain"]) < 300
    assert "<table>" in shown["text/html"]
