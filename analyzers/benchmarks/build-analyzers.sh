# Sourced by the measurement scripts beside it: builds the analyzers in Release and sets ANALYZER_DLL;
# defines build_control_analyzers for the scripts that compare them with a control.
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

# build_control_analyzers: builds empty-rules/ (analyzers registering the same actions as ours and doing nothing in
# them, the control of measure-compiler-overhead.sh and time-analyzers.sh) and sets EMPTY_DLL.
build_control_analyzers() {
  echo "Building the control analyzers (empty-rules, Release)..."
  dotnet build "$ROOT/analyzers/benchmarks/empty-rules/StretchBindings.EmptyRules.csproj" -c Release -nologo -v:q >/dev/null ||
    { echo "error: the control analyzers did not build (run the command above without -v:q)" >&2; exit 1; }
  EMPTY_DLL="$ROOT/artifacts/bin/StretchBindings.EmptyRules/release/StretchBindings.EmptyRules.dll"
}
