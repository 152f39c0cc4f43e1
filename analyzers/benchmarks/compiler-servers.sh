# Sourced by the measurement scripts that start a compiler server (VBCSCompiler): remembers the servers running
# when it is sourced, and stop_new_compiler_servers stops by process id those started since, not the servers other
# builds on the machine use (which `dotnet build-server shutdown` would stop too).
compiler_servers() { pgrep -f 'VBCSCompiler' 2>/dev/null | sort || true; }
SERVERS_BEFORE="$(compiler_servers)"
stop_new_compiler_servers() {
  local pid
  for pid in $(comm -13 <(echo "$SERVERS_BEFORE") <(compiler_servers)); do
    kill "$pid" 2>/dev/null || true
  done
}
