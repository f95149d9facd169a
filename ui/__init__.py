"""User interface: collects input, shows results; the work is done in core/ and processing/."""
