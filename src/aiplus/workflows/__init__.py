"""Workflows: triggers, conditions and ordered actions over incoming documents, with recorded runs."""
