namespace DataMux.Cpu;

/// <summary>What <see cref="CpuTuning.Enable"/> switched on.</summary>
/// <param name="MklDispatch">MKL's kernel choice by CPU features (<see cref="MklCpuDispatch.TryEnable"/>'s answer).</param>
/// <param name="DenormalFlush">Whether denormal floats are flushed to zero.</param>
/// <param name="LargeBufferReuse">Whether glibc keeps large buffers for reuse.</param>
public sealed record CpuTuningReport(string MklDispatch, bool DenormalFlush, bool LargeBufferReuse)
{
    /// <summary>One line for a console.</summary>
    public override string ToString() =>
        $"MKL dispatch {MklDispatch}, denormal flush {(DenormalFlush ? "on" : "unavailable")}, large-buffer reuse {(LargeBufferReuse ? "on" : "unavailable")}";
}

/// <summary>
/// The three process-wide CPU settings in one call, for programs that train and serve on the CPU: MKL's kernels chosen
/// by the CPU's features on AMD too (<see cref="MklCpuDispatch"/>), denormal floats flushed to zero
/// (<see cref="DenormalFlush"/>), and large activation buffers kept for reuse (<see cref="AllocatorTuning"/>). The
/// library never turns them on by itself, since they change the whole process. Call it before the first tensor
/// operation: MKL binds its kernels then, worker threads copy the float settings, and the allocator's thresholds apply
/// to what is allocated afterwards.
/// </summary>
public static class CpuTuning
{
    /// <summary>Turns all three settings on where the platform allows; says what took effect.</summary>
    public static CpuTuningReport Enable() =>
        new(MklCpuDispatch.TryEnable(), DenormalFlush.TryEnable(), AllocatorTuning.TryKeepLargeBuffers());
}
