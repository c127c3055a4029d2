"""Perspektivklärung (seed 002): a child's placement, the clarification assignments agreed in the care-plan
meeting, the observed contacts with attachment figures and the recommendation."""
