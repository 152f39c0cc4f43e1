#!/usr/bin/env bash
# Clones the repositories of precision/repositories.tsv (or the list given) into CHECKOUTS_DIR, each at
# its recorded commit, so a precision run sees the same code again.
#
#   analyzers/benchmarks/fetch-repositories.sh CHECKOUTS_DIR [repositories.tsv]
#
# MIRRORS=dir clones from local git directories instead, where dir/<owner>+<name>/repo exists for a row's origin.
set -euo pipefail
[[ $# -ge 1 ]] || { sed -n '2,8p' "$0"; exit 1; }
CHECKOUTS="$(mkdir -p "$1" && cd "$1" && pwd)"
LIST="${2:-$(dirname "${BASH_SOURCE[0]}")/precision/repositories.tsv}"
while IFS=$'\t' read -r NAME KIND ORIGIN COMMIT _; do
  [[ -z "$NAME" || "$NAME" == \#* || "$NAME" == name ]] && continue
  if [[ ! -d "$CHECKOUTS/$NAME/.git" ]]; then
    SLUG="${ORIGIN#https://github.com/}"
    LOCAL="${MIRRORS:-}/${SLUG/\//+}/repo"
    if [[ -n "${MIRRORS:-}" && -d "$LOCAL" ]]; then
      git clone -q --shared "$LOCAL" "$CHECKOUTS/$NAME"
    else
      git clone -q "$ORIGIN" "$CHECKOUTS/$NAME"
    fi
  fi
  git -C "$CHECKOUTS/$NAME" checkout -q "$COMMIT"
  echo "$NAME ($KIND) at $COMMIT"
done <"$LIST"
