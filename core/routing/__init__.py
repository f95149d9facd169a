"""Temps d'accès: the embedded road-network engine (NumPy/SciPy) and the remote routing providers."""
