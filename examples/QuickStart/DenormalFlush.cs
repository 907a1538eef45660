using System;
using System.Runtime.InteropServices;

namespace DataMux.Examples.QuickStart;

/// <summary>
/// Turns on flush-to-zero for denormal floats in libtorch (PyTorch's <c>torch.set_flush_denormal(True)</c>,
/// which TorchSharp does not expose). A well-trained model produces tiny attention weights and activations;
/// as denormals they make CPU arithmetic many times slower and would distort the throughput comparison.
/// Applies to the calling thread (where libtorch computes when it runs single-threaded).
/// </summary>
internal static class DenormalFlush
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool SetFlushDenormal(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);

    /// <summary>Returns whether flushing is on; false where the library or CPU does not support it.</summary>
    public static bool TryEnable()
    {
        // Itanium C++ ABI names of at::globalContext() and at::Context::setFlushDenormal(bool) (Linux libtorch).
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(DenormalFlush).Assembly, null, out var library)) return false;
        if (!NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)) return false;
        if (!NativeLibrary.TryGetExport(library, "_ZN2at7Context16setFlushDenormalEb", out var setFlush)) return false;
        var context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(globalContext)();
        return Marshal.GetDelegateForFunctionPointer<SetFlushDenormal>(setFlush)(context, true);
    }
}
