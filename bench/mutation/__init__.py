"""Mutation testing of the IVR's core: `bench/mutants` (the README's Mutation testing)."""
