using System.Runtime.CompilerServices;
using TorchSharp;

namespace DataMux.EndToEnd.Tests;

internal static class TestSetup
{
    // Small models: one intra-op thread is faster than libtorch's per-core pool and stays stable on a busy CI machine.
    [ModuleInitializer]
    internal static void SingleThreadedTorch() => torch.set_num_threads(1);
}
