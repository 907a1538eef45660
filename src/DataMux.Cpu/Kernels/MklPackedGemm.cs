using System;

namespace DataMux.Cpu;

/// <summary>
/// The packed-matrix GEMM of the Intel MKL that libtorch links statically (<c>cblas_sgemm_pack_get_size</c>,
/// <c>cblas_sgemm_pack</c>, <c>cblas_sgemm_compute</c>, exported by <c>libtorch_cpu.so</c> on x86-64 Linux).
/// </summary>
/// <remarks>
/// A plain <c>sgemm</c> call repacks the weight matrix into MKL's internal blocked layout on every call. With the few
/// hundred rows of a multiplexed batch that repacking is a visible share of the product; packing once and calling
/// <c>compute</c> removes it. Where libtorch has no MKL (other platforms, other builds) <see cref="IsAvailable"/> is false.
/// </remarks>
internal static unsafe class MklPackedGemm
{
    private const int RowMajor = 101;      // CblasRowMajor
    private const int NoTranspose = 111;   // CblasNoTrans
    private const int Transpose = 112;     // CblasTrans
    private const int Packed = 151;        // CblasPacked, in place of a transpose flag: "this operand is packed"
    private const int MatrixB = 162;       // CblasBMatrix

    /// <summary>
    /// The row count MKL is told at packing time. MKL lays the packed matrix out for that many rows: a layout made for
    /// a few hundred rows ran the 12-layer encoder 1.1-1.2x faster at 169 and 298 rows and as fast at 2,600 rows as
    /// unpacked products, while one made for 2,600 rows ran 1.3x slower at 169 rows (this project's 2-core AMD EPYC).
    /// Any row count may be multiplied with either layout.
    /// </summary>
    private const int LayoutRows = 256;

    private static readonly Functions? functions = Resolve(out unavailableReason);
    private static readonly string unavailableReason;

    /// <summary>Whether libtorch exports MKL's packed GEMM in this process.</summary>
    public static bool IsAvailable => functions is not null;

    /// <summary>Why <see cref="IsAvailable"/> is false, in words; empty when available.</summary>
    public static string UnavailableReason => unavailableReason;

    /// <summary>Bytes of the packed form of a weight matrix with <paramref name="outputs"/> rows and <paramref name="inputs"/> columns.</summary>
    public static nuint PackedSize(int outputs, int inputs) => Require().GetSize(MatrixB, LayoutRows, outputs, inputs);

    /// <summary>
    /// Packs <c>Wᵀ</c> for <c>y = x Wᵀ</c>, with <paramref name="weight"/> row-major <c>[outputs, inputs]</c> whose rows
    /// are <paramref name="rowStride"/> floats apart (a block of a wider matrix), into <paramref name="destination"/>
    /// (<see cref="PackedSize"/> bytes, not moved afterwards: MKL keeps addresses in it).
    /// </summary>
    public static void Pack(float* weight, int outputs, int inputs, int rowStride, void* destination) =>
        Require().Pack(RowMajor, MatrixB, Transpose, LayoutRows, outputs, inputs, 1f, weight, rowStride, destination);

    /// <summary>
    /// <c>C += A · Wᵀ</c> with <paramref name="input"/> row-major <c>[rows, inputs]</c> (rows
    /// <paramref name="inputStride"/> floats apart), the packed weight, and <paramref name="output"/> row-major
    /// <c>[rows, outputs]</c> (rows <paramref name="outputStride"/> floats apart), which holds the bias, or the bias plus
    /// a residual.
    /// </summary>
    public static void MultiplyAccumulate(float* input, int rows, int inputs, int inputStride, void* packedWeight, int outputs,
                                          float* output, int outputStride) =>
        Require().Compute(RowMajor, NoTranspose, Packed, rows, outputs, inputs, input, inputStride, packedWeight, outputs, 1f, output, outputStride);

    private static Functions Require() =>
        functions ?? throw new InvalidOperationException($"MKL's packed GEMM is not available: {unavailableReason}");

    private static Functions? Resolve(out string reason)
    {
        var getSize = LibtorchExports.Find("cblas_sgemm_pack_get_size", out reason);
        var pack = LibtorchExports.Find("cblas_sgemm_pack", out var packReason);
        var compute = LibtorchExports.Find("cblas_sgemm_compute", out var computeReason);
        if (getSize == IntPtr.Zero || pack == IntPtr.Zero || compute == IntPtr.Zero)
        {
            reason = getSize == IntPtr.Zero ? reason : pack == IntPtr.Zero ? packReason : computeReason;
            return null;
        }

        return new Functions(getSize, pack, compute);
    }

    private sealed class Functions(IntPtr getSize, IntPtr pack, IntPtr compute)
    {
        public readonly delegate* unmanaged[Cdecl]<int, int, int, int, nuint> GetSize =
            (delegate* unmanaged[Cdecl]<int, int, int, int, nuint>)getSize;

        public readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, void*, void> Pack =
            (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float, float*, int, void*, void>)pack;

        public readonly delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float*, int, void*, int, float, float*, int, void> Compute =
            (delegate* unmanaged[Cdecl]<int, int, int, int, int, int, float*, int, void*, int, float, float*, int, void>)compute;
    }
}
