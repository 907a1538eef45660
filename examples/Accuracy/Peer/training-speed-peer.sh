#!/usr/bin/env bash
# Runs training_speed.py (the benchmark's model in PyTorch) with Debian's python3-torch, installed once when missing
# (root, apt-get), and an OpenBLAS build unpacked into a cache folder (no system-wide install), as the workspace's own
# peer scripts do. Arguments go to the script (--ns, --threads, --steps, --warmup, --groups); it prints CSV.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cache=${DATAMUX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/datamux}/peer
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch >/dev/null
fi
lib=$cache/openblas/usr/lib/x86_64-linux-gnu/openblas-openmp
if [ ! -e "$lib/libblas.so.3" ]; then
  mkdir -p "$cache" && cd "$cache"
  apt-get download libopenblas0-openmp >/dev/null 2>&1
  dpkg-deb -x libopenblas0-openmp_*.deb openblas
  cd - >/dev/null
fi
LD_LIBRARY_PATH=$lib exec /usr/bin/python3 "$here/training_speed.py" "$@"
