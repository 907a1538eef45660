using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace DataMux.Cpu;

/// <summary>Addresses of tensor memory, for handing CPU tensors to MKL.</summary>
internal static unsafe class TensorMemory
{
    /// <summary>
    /// The first element of a contiguous CPU tensor (TorchSharp's <c>bytes</c> is a view of the tensor's own memory;
    /// it throws for non-contiguous tensors). Valid while the tensor lives; libtorch's memory does not move.
    /// </summary>
    public static float* Floats(Tensor tensor) => (float*)Address(tensor);

    /// <summary>Whether <paramref name="tensor"/> is a contiguous float32 CPU tensor, the only kind handed to MKL here.</summary>
    public static bool IsContiguousFloatCpu(Tensor tensor) =>
        tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32 && tensor.is_contiguous();

    /// <summary>Whether <paramref name="tensor"/> is a float32 CPU tensor, contiguous or not.</summary>
    public static bool IsFloatCpu(Tensor tensor) => tensor.device_type == DeviceType.CPU && tensor.dtype == ScalarType.Float32;

    /// <inheritdoc cref="Floats"/>
    public static IntPtr Address(Tensor tensor) => (IntPtr)Unsafe.AsPointer(ref MemoryMarshal.GetReference(tensor.bytes));
}
