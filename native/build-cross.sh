#!/usr/bin/env bash
# Cross-builds the native core for another runtime identifier, and optionally runs its tests under
# emulation (qemu-aarch64 for linux-arm64, wine for win-x64). docs/platforms.md describes it.
#
#   native/build-cross.sh <rid> [--lib-only] [--test [GTEST_FILTER]] [--leave-out REGEX]
#
#   <rid>        linux-arm64 or win-x64
#   --lib-only   build the libraries only (what packing needs): the shared one, and the static one
#                for NativeAOT except on Windows
#   --test       run stretch_tests under the emulator, with --gtest_filter=GTEST_FILTER if given
#   --leave-out  build stretch_tests without the test files under native/tests/ matching REGEX
#                (a bounded run: those the filter does not select); without it, all are built
#
# Output: artifacts/native/build-<rid>/ (CMake): libstretch.so and libstretch.a, or stretch.dll.
# Environment: STRETCH_NATIVE_JOBS (default: nproc), WINEPREFIX (default: artifacts/native/wine).
set -euo pipefail

usage() {
  sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

(($# >= 1)) || usage
rid="$1"
shift
lib_only=false
run_tests=false
filter=""
leave_out=""
while (($# > 0)); do
  case "$1" in
    --lib-only) lib_only=true ;;
    --test)
      run_tests=true
      if (($# > 1)) && [[ "$2" != --* ]]; then
        filter="$2"
        shift
      fi
      ;;
    --leave-out)
      (($# > 1)) || usage
      leave_out="$2"
      shift
      ;;
    *) usage ;;
  esac
  shift
done

native_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$native_dir")"
artifacts="$root/artifacts/native"
build="$artifacts/build-$rid"
jobs="${STRETCH_NATIVE_JOBS:-$(nproc 2>/dev/null || echo 2)}"

case "$rid" in
  linux-arm64)
    toolchain="$native_dir/cmake/aarch64-linux-gnu.cmake"
    compiler=aarch64-linux-gnu-g++
    library=libstretch.so
    library_targets=(stretch stretch_static)
    emulator=(qemu-aarch64-static -L /usr/aarch64-linux-gnu)
    command -v qemu-aarch64-static >/dev/null 2>&1 || emulator=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
    tools="g++-aarch64-linux-gnu qemu-user-static"
    ;;
  win-x64)
    toolchain="$native_dir/cmake/x86_64-w64-mingw32.cmake"
    compiler=x86_64-w64-mingw32-g++-posix
    library=stretch.dll
    library_targets=(stretch)
    emulator=(wine)
    tools="g++-mingw-w64-x86-64-posix wine64"
    # A prefix of our own, made without asking anything and without a display.
    export WINEPREFIX="${WINEPREFIX:-$artifacts/wine}"
    export WINEDEBUG=-all
    export WINEDLLOVERRIDES="mscoree,mshtml="
    unset DISPLAY
    ;;
  *)
    echo "error: unknown runtime identifier '$rid' (linux-arm64 or win-x64)" >&2
    exit 2
    ;;
esac

if ! command -v "$compiler" >/dev/null 2>&1; then
  echo "error: $compiler not found: the $rid build needs the Debian packages $tools" >&2
  exit 1
fi

if [[ "$rid" == win-x64 ]] && { $run_tests || ! $lib_only; }; then
  if [[ ! -f "$WINEPREFIX/system.reg" ]]; then
    echo "Creating the wine prefix $WINEPREFIX"
    mkdir -p "$WINEPREFIX"
    wineboot --init >/dev/null 2>&1 || true
    wineserver --wait || true
  fi
  # A prefix made on a busy machine can come out unfinished (wineboot takes minutes there, and the
  # first program run in it then fails with no output): check that a program runs, and if not,
  # let wineboot finish the prefix once more.
  if ! wine cmd /c exit 0 >/dev/null 2>&1; then
    echo "The wine prefix $WINEPREFIX runs no program: updating it"
    wineserver --kill || true
    wineboot --update >/dev/null 2>&1 || true
    wineserver --wait || true
    if ! wine cmd /c exit 0; then
      echo "error: wine runs no program in $WINEPREFIX (delete the folder to make it again)" >&2
      exit 1
    fi
  fi
fi

tests=ON
$lib_only && tests=OFF
# One lock per build folder: MSBuild and a shell may build the same RID at once.
mkdir -p "$artifacts"
exec 9>"$artifacts/build-$rid.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

# A folder configured with the tests keeps them: --lib-only then only builds fewer targets.
if [[ -f "$build/CMakeCache.txt" ]] && grep -q '^STRETCH_BUILD_TESTS:BOOL=ON' "$build/CMakeCache.txt"; then
  tests=ON
fi
configure=(-DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release -DSTRETCH_BUILD_TESTS=$tests -DSTRETCH_BUILD_BENCH=OFF)
# The test files are chosen anew by each build of the tests (a library-only build leaves them be).
$lib_only || configure+=("-DSTRETCH_TEST_SOURCES_LEFT_OUT=$leave_out")
cmake -S "$native_dir" -B "$build" "${configure[@]}" >/dev/null
if $lib_only; then
  cmake --build "$build" --parallel "$jobs" --target "${library_targets[@]}"
else
  cmake --build "$build" --parallel "$jobs"
fi
echo "$rid: $build/$library"
# The tests only read the folder: another build of it may go ahead while they run.
exec 9>&-

if $run_tests; then
  # GoogleTest's death tests re-execute the test program: an aarch64 one runs on an x86-64 host only
  # where the kernel hands it to qemu (binfmt_misc). Without that they are left out, and said so.
  if [[ "$rid" == linux-arm64 && ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]]; then
    death_tests="Api.CreateRejectsUnknownPreset"
    echo "note: no binfmt_misc handler for aarch64: the death test $death_tests is not run"
    if [[ "$filter" == *-* ]]; then filter+=":$death_tests"; else filter="${filter:-*}-$death_tests"; fi
  fi
  args=()
  [[ -n "$filter" ]] && args+=("--gtest_filter=$filter")
  test_program="$build/stretch_tests"
  [[ "$rid" == win-x64 ]] && test_program+=".exe"
  # The program runs one test at a time: under qemu that is minutes, so the tests are split into
  # GoogleTest shards, two per job (they take turns by test number, and a few formant cases cost
  # most: two shards on two cores took 170 s and 85 s), run side by side, each shard's output
  # printed whole once it ends.
  shards=$((2 * jobs))
  shard_logs=()
  shard_pids=()
  for ((shard = 0; shard < shards; shard++)); do
    shard_logs+=("$(mktemp)")
    (cd "$build" && GTEST_TOTAL_SHARDS="$shards" GTEST_SHARD_INDEX="$shard" \
      "${emulator[@]}" "$test_program" "${args[@]}") >"${shard_logs[$shard]}" 2>&1 &
    shard_pids+=($!)
  done
  status=0
  for ((shard = 0; shard < shards; shard++)); do
    wait "${shard_pids[$shard]}" || status=1
    echo "---- $rid tests, shard $((shard + 1)) of $shards ----"
    cat "${shard_logs[$shard]}"
    rm -f "${shard_logs[$shard]}"
  done
  exit "$status"
fi
