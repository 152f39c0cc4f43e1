#!/usr/bin/env bash
# Rebuild cost of the recommended project shape (docs/benchmarks.md): a bindings class library that
# binds twenty real Debian headers, and an app that references it. Copies the headers into a
# temporary folder (so that one can be edited), then times four builds of the app:
#   cold          first build (restore, twenty scans, generation, both compiles)
#   no change     the same build again
#   header edit   one line added to one header: one scan, the bindings and the app recompile
#   code edit     one line of the app changed: only the app recompiles
# Usage: benchmarks/rebuild/measure.sh [work-dir]   (the repository's scanner must be built first:
#   dotnet build generator/Scanner/StretchBindings.Scanner.Cli)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$(mktemp -d /tmp/sb-rebuild.XXXXXX)}"
SCANNER="$ROOT/artifacts/bin/StretchBindings.Scanner.Cli/debug/sb-scan.dll"
[[ -f "$SCANNER" ]] || { echo "build the scanner first: dotnet build $ROOT/generator/Scanner/StretchBindings.Scanner.Cli" >&2; exit 1; }

# header (under /usr/include) : library : class name : extra metadata
HEADERS=(
  "zlib.h:z:Zlib:" "zstd.h:zstd:Zstd:" "zdict.h:zstd:ZDict:" "lz4.h:lz4:Lz4:" "lz4hc.h:lz4:Lz4Hc:"
  "lz4frame.h:lz4:Lz4Frame:" "sqlite3.h:sqlite3:Sqlite:" "yaml.h:yaml:Yaml:" "fftw3.h:fftw3:Fftw:"
  "expat.h:expat:Expat:" "png.h:png16:Png:" "ogg/ogg.h:ogg:Ogg:" "vorbis/codec.h:vorbis:Vorbis:"
  "FLAC/stream_decoder.h:FLAC:FlacDecoder:" "sndfile.h:sndfile:SndFile:" "opus/opus.h:opus:Opus:"
  "lzma.h:lzma:Lzma:" "bzlib.h:bz2:BZip2:" "opus/opus_multistream.h:opus:OpusMultistream:"
  "pcre2.h:pcre2-8:Pcre2:Defines=\"PCRE2_CODE_UNIT_WIDTH=8\""
)

rm -rf "$WORK/headers" "$WORK/Bindings" "$WORK/App"
mkdir -p "$WORK/headers" "$WORK/Bindings" "$WORK/App"
items=""
for entry in "${HEADERS[@]}"; do
  IFS=: read -r header library class extra <<<"$entry"
  copy="$WORK/headers/$(basename "$header")"
  cp "/usr/include/$header" "$copy"
  # The copy's own folder first would hide nothing; /usr/include and its subfolder find its includes.
  items+="    <NativeHeader Include=\"$copy\" Library=\"$library\" ClassName=\"$class\" Namespace=\"Bench.$class\" IncludeDirectories=\"/usr/include/$(dirname "$header")\" $extra />"$'\n'
done

cat >"$WORK/Bindings/Bindings.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$ROOT/generator/MSBuild/StretchBindings.Generator.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <Nullable>enable</Nullable>
    <!-- Real headers: their name clashes and unbound macros are reported, not fatal. -->
    <NoWarn>\$(NoWarn);SBG0005;SBG0006;SBG0007;SBG0008;SBG0009;SBG0010;SBSCAN007;CS0169;CS0649</NoWarn>
    <StretchBindingsScannerPath>$SCANNER</StretchBindingsScannerPath>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$ROOT/generator/Generator/StretchBindings.Generator/StretchBindings.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" PrivateAssets="all" />
    <ProjectReference Include="$ROOT/generator/Interop/StretchBindings.Interop/StretchBindings.Interop.csproj" />
  </ItemGroup>
  <ItemGroup>
$items  </ItemGroup>
  <Import Project="$ROOT/generator/MSBuild/StretchBindings.Generator.targets" />
</Project>
XML

cat >"$WORK/App/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="../Bindings/Bindings.csproj" />
  </ItemGroup>
</Project>
XML
cat >"$WORK/App/Program.cs" <<'CS'
string message = "compress bound";
System.Console.WriteLine($"{message}: {Bench.Zstd.Zstd.ZSTD_compressBound(1000)}");
CS

build() {
  local start end
  start=$(date +%s.%N)
  dotnet build "$WORK/App/App.csproj" -nologo -v:q -clp:ErrorsOnly -bl:"$WORK/$1.binlog" >"$WORK/$1.log" 2>&1 \
    || { cat "$WORK/$1.log" >&2; echo "build '$1' failed" >&2; exit 1; }
  end=$(date +%s.%N)
  printf '%.1f' "$(echo "$end - $start" | bc)"
}

bindings_dll="$WORK/Bindings/bin/Debug/net10.0/Bindings.dll"
stamp() { stat -c %Y.%N "$bindings_dll" 2>/dev/null || echo none; }

cold=$(build cold)
nochange=$(build nochange)
before=$(stamp)
echo "int sb_benchmark_edit(int value);" >>"$WORK/headers/zstd.h"
header=$(build header)
header_stamp=$(stamp)
sed -i 's/compress bound/worst-case size/' "$WORK/App/Program.cs"
code=$(build code)
code_stamp=$(stamp)

echo
echo "| build | seconds |"
echo "| --- | ---: |"
echo "| cold (restore, 20 scans, generate, compile both) | $cold |"
echo "| no change | $nochange |"
echo "| one line added to zstd.h | $header |"
echo "| one line of the app changed | $code |"
echo
echo "bindings recompiled by the header edit: $([[ "$before" != "$header_stamp" ]] && echo yes || echo no)"
echo "bindings recompiled by the code edit: $([[ "$header_stamp" != "$code_stamp" ]] && echo yes || echo no)"
echo "manifests: $(du -ch "$WORK"/Bindings/obj/Debug/net10.0/*.native.json 2>/dev/null | tail -1 | cut -f1)"
echo "cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); work dir: $WORK"
