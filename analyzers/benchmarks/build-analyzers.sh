# Sourced by the measurement scripts beside it: builds the analyzers in Release and sets ANALYZER_DLL.
# Needs ROOT (the repository root) set by the caller.
echo "Building the analyzers (Release)..."
dotnet build "$ROOT/analyzers/StretchBindings.Analyzers/StretchBindings.Analyzers.csproj" -c Release -nologo -v:q >/dev/null
ANALYZER_DLL="$ROOT/artifacts/bin/StretchBindings.Analyzers/release/StretchBindings.Analyzers.dll"
[[ -f "$ANALYZER_DLL" ]] || { echo "error: $ANALYZER_DLL was not built" >&2; exit 1; }
