"""Report writers: they format results, they compute nothing."""
