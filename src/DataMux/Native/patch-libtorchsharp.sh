#!/usr/bin/env bash
# Makes TorchSharp's native bridge (libLibTorchSharp.so) load on Linux systems whose libstdc++
# lacks GLIBCXX_3.4.32 (Debian 12 and other GCC-12 era distributions).
#
# Usage: patch-libtorchsharp.sh SOURCE_SO OUTPUT_DIR
#   Writes OUTPUT_DIR/libLibTorchSharp.so and OUTPUT_DIR/libdatamux_stdcxx_compat.so when a patch
#   is needed; writes nothing (and removes stale outputs) when the system library is new enough.
#   Prints "patched" or "not-needed" on stdout (progress and errors go to stderr). Idempotent: an output patched
#   from the same source library by the same script is left as it is; concurrent runs take turns.
#
# The library needs that version for one symbol only, std::ios_base_library_init() (a no-op).
# The fix, applied to a copy (never to the NuGet cache):
#   1. clear the symbol's version so any definition satisfies it;
#   2. add a NEEDED entry on a tiny compat library that defines it as an empty function
#      (found through the library's existing $ORIGIN run path);
#   3. mark the GLIBCXX_3.4.32 requirement weak in .gnu.version_r (Vernaux.vna_flags |= 2), so
#      the loader no longer refuses the library for lacking that version.
set -euo pipefail

src=${1:?source libLibTorchSharp.so}
out=${2:?output directory}
here=$(cd "$(dirname "$0")" && pwd)
symbol=_ZSt21ios_base_library_initv
version=GLIBCXX_3.4.32
compat=libdatamux_stdcxx_compat.so

# In MSBuild's error format, so that a build shows the reason at any verbosity (not only "exited with code 1").
fail() { echo "patch-libtorchsharp.sh : error DMXNATIVE1: DataMux native fix-up: $*" >&2; exit 1; }

system_libstdcxx() {
  local p
  p=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}')
  [ -n "$p" ] || p=$(ls /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /lib64/libstdc++.so.6 2>/dev/null | head -n1)
  echo "$p"
}

[ -f "$src" ] || fail "expected TorchSharp's libLibTorchSharp.so at '$src', found nothing (was the TorchSharp package restored?)"
libstdcxx=$(system_libstdcxx)
[ -n "$libstdcxx" ] || fail "could not find the system libstdc++.so.6 (expected ldconfig to list it)"

# Builds that run at once (a solution build's projects, a test building a consumer project) share OUTPUT_DIR:
# one of them patches, the others wait and find the result.
mkdir -p "$out"
if command -v flock >/dev/null; then
  exec 9>"$out/.fixup.lock"
  if ! flock -n 9; then
    echo "DataMux native fix-up: waiting for another build's fix-up of $out" >&2
    flock -w 900 9 || fail "another build has held $out/.fixup.lock for 15 minutes; is a build stuck?"
  fi
fi

target=$out/libLibTorchSharp.so
stamp=$out/libLibTorchSharp.so.stamp
if grep -q "$version" "$libstdcxx"; then
  rm -f "$target" "$out/$compat" "$stamp"
  echo "not-needed"
  exit 0
fi

command -v readelf >/dev/null || fail "readelf is required (Debian: apt-get install binutils)"
# readelf's output is read whole before searching it: `readelf | grep -q` under pipefail fails now and then, when
# grep stops reading early and readelf dies of SIGPIPE.
versions_of() { readelf -V "$1" 2>/dev/null || true; }
# A bridge built with an older GCC (a TorchSharp update) does not ask for the version: nothing to fix.
if ! grep -q "Name: $version " <<<"$(versions_of "$src")"; then
  rm -f "$target" "$out/$compat" "$stamp"
  echo "not-needed"
  exit 0
fi

# A patched output is reused only if it was made from this very source library by this very fix: NuGet extracts
# files with their archive dates, so a newer TorchSharp's library can be older than an old patched copy.
expected_stamp=$(cat "$src" "$0" "$here/stdcxx_compat.c" | sha256sum | cut -d' ' -f1)
if [ -f "$target" ] && [ -f "$out/$compat" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$expected_stamp" ] \
   && grep -q "Name: $version  Flags: WEAK" <<<"$(versions_of "$target")"; then
  echo "patched"
  exit 0
fi

command -v cc >/dev/null || fail "a C compiler is required to build $compat (Debian: apt-get install gcc)"
if ! command -v patchelf >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "DataMux native fix-up: installing patchelf (Debian package)" >&2
    # Two builds installing at once would meet dpkg's lock; they take turns instead.
    # The fix-up's lock (fd 9) is not handed to the package manager and what it starts.
    # Its output goes to a log of this run's own, whose last lines the error quotes.
    apt_log=$(mktemp "$out/.apt-get.XXXXXX")
    apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@" >>"$apt_log" 2>&1 9>&-; }
    if ! (
      command -v flock >/dev/null && flock -w 900 8
      command -v patchelf >/dev/null || apt_get install -y -qq patchelf || { apt_get update -qq && apt_get install -y -qq patchelf; }
    ) 8>"${TMPDIR:-/tmp}/datamux-apt.lock"; then
      said=$(tail -n 3 "$apt_log" | tr '\n' ' ')
      rm -f "$apt_log"
      fail "could not install patchelf with apt-get (it said: ${said:-nothing}). Check that apt-get itself works: 'apt-get --version' must print its version; if $(command -v apt-get) is a short shell script, a test run of an earlier DataMux version replaced it, and the README's Troubleshooting section says how to restore it. Or install patchelf yourself and build again."
    fi
    rm -f "$apt_log"
  else
    fail "patchelf is required to patch libLibTorchSharp.so for this system's libstdc++ (Debian: sudo apt-get install patchelf)"
  fi
fi

echo "DataMux native fix-up: patching a copy of $src into $out" >&2
tmp=$(mktemp "$out/.libLibTorchSharp.XXXXXX")
tmp_compat=$(mktemp "$out/.compat.XXXXXX")
trap 'rm -f "$tmp" "$tmp_compat"' EXIT
cp "$src" "$tmp"
chmod 755 "$tmp"
cc -shared -fPIC -O2 -o "$tmp_compat" "$here/stdcxx_compat.c"
patchelf --clear-symbol-version "$symbol" "$tmp"
dynamic=$(readelf -d "$tmp")
grep -q "\[$compat\]" <<<"$dynamic" || patchelf --add-needed "$compat" "$tmp"
grep -Eq 'R(UN)?PATH.*\$ORIGIN' <<<"$dynamic" || patchelf --set-rpath '$ORIGIN' "$tmp"

# Step 3: find the Vernaux entry of $version and set VER_FLG_WEAK (0x2) in its 16-bit vna_flags,
# which sits 4 bytes into the entry (after vna_hash). readelf prints the section's file offset and
# each entry's offset inside the section.
versions=$(versions_of "$tmp")
section_offset=$(awk '/^Version needs section/ {getline; for (i = 1; i <= NF; i++) if ($i == "Offset:") print $(i + 1)}' <<<"$versions")
entry_offset=$(sed -n '/^Version needs section/,$p' <<<"$versions" | awk -v v="$version" '$2 == "Name:" && $3 == v {sub(":", "", $1); print $1}')
[ -n "$section_offset" ] && [ -n "$entry_offset" ] || fail "no $version requirement found in $src; this TorchSharp build needs a different fix"
flags_offset=$(( section_offset + entry_offset + 4 ))
flags=$(od -An -t u2 -j "$flags_offset" -N 2 "$tmp" | tr -d ' ')
flags=$(( flags | 2 ))
printf "$(printf '\\%03o\\%03o' $(( flags & 255 )) $(( flags >> 8 )))" \
  | dd of="$tmp" bs=1 seek="$flags_offset" conv=notrunc status=none
grep -q "Name: $version  Flags: WEAK" <<<"$(versions_of "$tmp")" || fail "weak flag edit did not take effect"
# The fix covers that one symbol: another one still bound to the version would fail at load time instead.
others=$(grep -o "[^ ]*@$version" <<<"$(readelf --dyn-syms -W "$tmp" 2>/dev/null || true)" | tr '\n' ' ' || true)
[ -z "$others" ] || fail "$src needs $version for more than std::ios_base_library_init() ($others); expected only that symbol, so this fix does not apply"

chmod 755 "$tmp_compat"
mv -f "$tmp_compat" "$out/$compat"
mv -f "$tmp" "$target"
echo "$expected_stamp" >"$stamp"
trap - EXIT
echo "patched"
