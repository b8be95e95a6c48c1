"""Classroom mode: a teacher's file (locks, seed, budget, goal), the groups' saved results,
their summary for the discussion, and the generated exercise pack (``exercises``)."""
