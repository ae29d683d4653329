"""Alert rules: the schema of rule files, compiling and matching them, their examples, hot reload."""
