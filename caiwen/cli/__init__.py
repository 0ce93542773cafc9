"""The `caiwen` console command: one module per subcommand group, each exposing `register(app)`."""
