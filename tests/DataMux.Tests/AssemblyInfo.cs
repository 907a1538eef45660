using System.Runtime.CompilerServices;
using TorchSharp;
using Xunit;

// Several tests assert determinism through torch's process-wide random generator (Seeding.Scope, dropout, model
// construction). Test classes running in parallel would draw from that generator concurrently and make those
// assertions flaky, so the suite runs sequentially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace DataMux.Tests;

internal static class TestSetup
{
    // The tests use tiny tensors: one intra-op thread is faster for them than libtorch's per-core thread pool, and
    // it keeps the suite's run time stable on busy CI machines (spinning OpenMP workers degrade badly under load).
    [ModuleInitializer]
    internal static void SingleThreadedTorch() => torch.set_num_threads(1);
}
