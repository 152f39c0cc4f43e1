#!/usr/bin/env bash
# Fetches and builds the stretchers the quality table is compared with, then builds
# stretch_quality_peers (docs/benchmarks.md, "Quality against other stretchers").
#
# Usage: native/quality/fetch_peers.sh [BUILD_DIR]      (default: artifacts/native/peers)
#
# - Rubber Band Library 3 (GPL-2.0-or-later): Debian's librubberband-dev, installed with apt-get when
#   missing and the script runs as root.
# - Signalsmith Stretch 1.3.2 and Signalsmith Linear 0.2.6 (both MIT): cloned at pinned commits into
#   artifacts/peers/ (never into the source tree). SIGNALSMITH_STRETCH_GIT / SIGNALSMITH_LINEAR_GIT
#   override where they are cloned from (a local mirror on a machine without network).
#
# Nothing here runs in CI; the library and its tests never link either peer.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/artifacts/native/peers}"
peers="$root/artifacts/peers"
stretch_git="${SIGNALSMITH_STRETCH_GIT:-https://github.com/Signalsmith-Audio/signalsmith-stretch.git}"
linear_git="${SIGNALSMITH_LINEAR_GIT:-https://github.com/Signalsmith-Audio/linear.git}"
stretch_commit=2133f41a8f2766d2ade2e665fcf04f9ff7fd74a7  # 1.3.2
linear_commit=54faa9e9b2df4af625ce11823bbe641d89febb07   # tag 0.2.6, the version 1.3.2 asks for

if ! pkg-config --atleast-version=3.0 rubberband 2> /dev/null; then
  if [[ "$(id -u)" == 0 ]]; then
    apt-get install -y librubberband-dev
  else
    echo "fetch_peers.sh: Rubber Band 3 missing (apt-get install librubberband-dev); building without it" >&2
  fi
fi

# Clones $1 into $peers/$2 and checks out commit $3 (again only when the commit differs).
checkout() {
  local dir="$peers/$2"
  if [[ ! -d "$dir/.git" ]]; then
    mkdir -p "$peers"
    git clone --quiet "$1" "$dir"
  fi
  if [[ "$(git -C "$dir" rev-parse HEAD)" != "$3" ]]; then
    git -C "$dir" fetch --quiet origin
    git -C "$dir" -c advice.detachedHead=false checkout --quiet "$3"
  fi
}
checkout "$stretch_git" signalsmith-stretch "$stretch_commit"
checkout "$linear_git" signalsmith-linear "$linear_commit"

cmake -S "$root/native" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSTRETCH_BUILD_BENCH=ON \
  -DSTRETCH_BUILD_PEERS=ON -DSTRETCH_PEERS_DIR="$peers"
cmake --build "$build" --target stretch_quality_peers --parallel "${STRETCH_JOBS:-2}"
echo "built $build/stretch_quality_peers"
