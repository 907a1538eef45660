#!/usr/bin/env bash
# Builds and runs the C probes against the libtorch of the NuGet cache and the runtime's MKL vendor-check library
# (build src/DataMux in Release first). Usage: examples/Throughput/Probes/run.sh encoder_pass GROUPS LENGTH THREADS REPEATS [rows|pair]
#                                   examples/Throughput/Probes/run.sh packed_products ROWS THREADS [rows|columns|copies]
#                                   examples/Throughput/Probes/run.sh product_shapes THREADS ROWS OUTPUTS INPUTS [...]
#                                   examples/Throughput/Probes/run.sh embedding_pass GROUPS N THREADS REPEATS
set -eu
here=$(cd "$(dirname "$0")" && pwd)
probe=${1:?probe name: encoder_pass, packed_products, product_shapes or embedding_pass}; shift
libtorch=$(dirname "$(find "${NUGET_PACKAGES:-$HOME/.nuget/packages}/libtorch-cpu-linux-x64" -name libtorch_cpu.so | head -1)")
vendor_check="$here/../../../src/DataMux/obj/native/Release/libdatamux_mkl_vendor_check.so"
[ -e "$vendor_check" ] || { echo "build src/DataMux first: dotnet build -c Release src/DataMux ($vendor_check is missing)" >&2; exit 1; }
out=${TMPDIR:-/tmp}/datamux-probes; mkdir -p "$out"
cc -O3 -fopenmp-simd -pthread -o "$out/$probe" "$here/$probe.c" -ldl -lm
LD_LIBRARY_PATH=$libtorch "$out/$probe" "$vendor_check" "$@"
