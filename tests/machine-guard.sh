#!/usr/bin/env bash
# Guards the machine against the test suite: tests may write only inside the repository's build folders and the
# folders they made themselves. Before the tests, `snapshot` records every entry of every directory on PATH
# (name, type, size, mode, owner, modification and change times, inode, link target); after them, `compare`
# records them again and fails, listing each difference. The change time (ctime) moves on any write to a file,
# also one that puts the old modification time back, so a program rewritten in place shows even at the same size.
#
# Usage: machine-guard.sh snapshot FILE      (PATH as the tests will see it)
#        machine-guard.sh compare FILE       (exit 1 and the list of changes when anything differs)
set -uo pipefail

fingerprint() {
  local seen=" " dir real
  local IFS=:
  for dir in $PATH; do
    [ -d "$dir" ] || continue
    real=$(realpath -e "$dir" 2>/dev/null) || continue
    case "$seen" in *" $real "*) continue ;; esac
    seen="$seen$real "
    # The directory itself (a program added or removed changes its times), then its entries, one level deep:
    # PATH looks only there.
    find "$real" -maxdepth 1 -printf '%p\t%y\t%s\t%m\t%u:%g\t%T@\t%C@\t%i\t%l\n' 2>/dev/null
  done | LC_ALL=C sort
}

case "${1:-}" in
  snapshot)
    [ -n "${2:-}" ] || { echo "usage: $0 snapshot FILE" >&2; exit 2; }
    fingerprint >"$2"
    ;;
  compare)
    [ -n "${2:-}" ] && [ -f "$2" ] || { echo "usage: $0 compare FILE (a file written by snapshot)" >&2; exit 2; }
    after=$(mktemp)
    trap 'rm -f "$after"' EXIT
    fingerprint >"$after"
    entries=$(cut -f1 "$2" | sort -u | wc -l)
    directories=$(awk -F'\t' '$2 == "d"' "$2" | wc -l)
    if cmp -s "$2" "$after"; then
      echo "machine guard: the $directories directories on PATH are as they were before the tests ($entries entries unchanged)"
      exit 0
    fi
    echo "machine guard: the tests changed the directories on PATH (path, type, size, mode, owner, mtime, ctime, inode, link):"
    # Each changed entry once, with its line before (-) and after (+); entries only on one side are added or removed.
    diff <(cat "$2") "$after" | awk -F'\t' '
      /^< / { sub(/^< /, ""); split($0, f, "\t"); before[f[1]] = $0; order[++n] = f[1]; next }
      /^> / { sub(/^> /, ""); split($0, f, "\t"); after[f[1]] = $0; if (!(f[1] in before)) order[++n] = f[1]; next }
      END {
        for (i = 1; i <= n; i++) {
          p = order[i]; if (p in done) continue; done[p] = 1
          if (!(p in after)) print "  removed  " before[p]
          else if (!(p in before)) print "  added    " after[p]
          else { print "  changed  - " before[p]; print "           + " after[p] }
        }
      }'
    echo "machine guard: FAILED: a test wrote outside the folders it made (restore what changed; see README, Troubleshooting)"
    exit 1
    ;;
  *)
    echo "usage: $0 snapshot FILE | compare FILE" >&2
    exit 2
    ;;
esac
