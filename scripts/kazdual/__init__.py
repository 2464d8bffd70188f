"""The KAZDUAL website's own code: read by the build hooks and the editors' scripts."""
