"""A folding section whose content exists only while it is open.

``solara.Details`` builds its content even when folded. The dashboard folds away ~60 generated
controls (each package's settings, the model parameters), and every folded-away widget was
still reconciled at every render of its card — ~800 widgets updated three times per click, most
of the server's CPU per click — and held in memory per open tab. Built only when a teacher or
student opens the section, the same controls cost nothing the rest of the time.
"""

from __future__ import annotations

from typing import Callable

import solara
from solara.alias import rv
from solara.util import IPYVUETIFY_V3

if IPYVUETIFY_V3:
    from ipyvuetify.components import ExpansionPanelText as Content, ExpansionPanelTitle as Title  # type: ignore
else:  # pragma: no cover - the pinned ipyvuetify is 3
    Content, Title = rv.ExpansionPanelContent, rv.ExpansionPanelHeader


@solara.component
def Fold(summary: str, content: Callable[[], None], expand: bool = False):
    """``content()`` draws the section's widgets; it is called only while the section is open."""
    is_open, set_open = solara.use_state(expand)
    with rv.ExpansionPanels(v_model=0 if is_open else None, on_v_model=lambda v: set_open(v == 0)) as main:
        with rv.ExpansionPanel():
            Title(children=[summary])
            with Content():
                if is_open:
                    content()
    return main
