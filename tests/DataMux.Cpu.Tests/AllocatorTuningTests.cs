using DataMux.Cpu;
using Xunit;

namespace DataMux.Cpu.Tests;

public class AllocatorTuningTests
{
    [Fact]
    public void Glibc_accepts_the_allocator_settings()
    {
        // This machine kind runs Debian (glibc): mallopt must accept both settings.
        Assert.True(AllocatorTuning.TryKeepLargeBuffers());
    }
}
