# Sourced by the measurement scripts beside it: builds the analyzers in Release and sets ANALYZER_DLL.
# Needs ROOT (the repository root) set by the caller. ANALYZER_DLL set beforehand (a copy of another build,
# to compare two versions on the same load) is used as it is.
if [[ -n "${ANALYZER_DLL:-}" ]]; then
  echo "Using the analyzers at $ANALYZER_DLL"
else
  echo "Building the analyzers (Release)..."
  dotnet build "$ROOT/analyzers/StretchBindings.Analyzers/StretchBindings.Analyzers.csproj" -c Release -nologo -v:q >/dev/null
  ANALYZER_DLL="$ROOT/artifacts/bin/StretchBindings.Analyzers/release/StretchBindings.Analyzers.dll"
fi
[[ -f "$ANALYZER_DLL" ]] || { echo "error: $ANALYZER_DLL was not built" >&2; exit 1; }
