using System.Threading;
using DataMux.Cpu;
using TorchSharp;
using Xunit;

namespace DataMux.Cpu.Tests;

public class DenormalFlushTests
{
    [Fact]
    public void After_enabling_denormal_inputs_compute_as_zero_on_that_thread()
    {
        // A thread of its own: the setting is per thread, and the test must not change the others' numerics.
        float before = float.NaN, after = float.NaN;
        var enabled = false;
        var thread = new Thread(() =>
        {
            using var tiny = torch.tensor(new[] { 1e-39f });   // a denormal float32
            before = tiny.mul(2f).item<float>();
            enabled = DenormalFlush.TryEnable();
            after = tiny.mul(2f).item<float>();
        });
        thread.Start();
        thread.Join();

        Assert.True(enabled, "libtorch on x86-64 Linux supports flush-to-zero");
        Assert.Equal(2e-39f, before);
        Assert.Equal(0f, after);
    }
}
