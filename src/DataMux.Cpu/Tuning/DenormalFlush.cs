using System;
using System.Runtime.InteropServices;

namespace DataMux.Cpu;

/// <summary>
/// Turns on flush-to-zero for denormal floats in libtorch (PyTorch's <c>torch.set_flush_denormal(True)</c>,
/// which TorchSharp does not expose). A well-trained model produces tiny attention weights and activations;
/// as denormals they make CPU arithmetic many times slower and would distort the throughput comparison.
/// </summary>
/// <remarks>
/// The setting lives in each thread's floating-point control register. Threads inherit it when they are created,
/// so call <see cref="TryEnable"/> early: before the first parallel operation creates libtorch's worker threads.
/// It changes process-wide numerics (values below ~1e-38 become 0), which is why the library never turns it on by
/// itself.
/// </remarks>
public static class DenormalFlush
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContext();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool SetFlushDenormal(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);

    /// <summary>Turns flushing on for the calling thread; returns false where the library or CPU does not support it.</summary>
    public static bool TryEnable()
    {
        // Itanium C++ ABI names of at::globalContext() and at::Context::setFlushDenormal(bool) (Linux libtorch).
        var globalContext = LibtorchExports.Find("_ZN2at13globalContextEv", out _);
        var setFlush = LibtorchExports.Find("_ZN2at7Context16setFlushDenormalEb", out _);
        if (globalContext == IntPtr.Zero || setFlush == IntPtr.Zero) return false;
        var context = Marshal.GetDelegateForFunctionPointer<GlobalContext>(globalContext)();
        return Marshal.GetDelegateForFunctionPointer<SetFlushDenormal>(setFlush)(context, true);
    }
}
