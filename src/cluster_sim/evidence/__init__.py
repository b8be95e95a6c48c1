"""Evidence a reviewer can rerun: published sensitivity, replication counts, the calibration
fit (simulated method of moments) and validation patterns, each written to docs/ by a command.

Modules: ``measures`` (the model as a runner, plus the measures these studies need),
``uncertain`` (which registry parameters are uncertain, over what range), ``sensitivity_study``
and ``ranking`` (Morris → Sobol → policy-ranking robustness), ``replications``, ``calibrate``,
``patterns`` (validation), ``provenance`` (date, commit, machine, wall time; atomic writes).
"""
