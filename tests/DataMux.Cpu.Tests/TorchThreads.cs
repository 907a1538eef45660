using System;
using TorchSharp;

namespace DataMux.Cpu.Tests;

/// <summary>
/// Runs a test body with torch on a given number of threads, then restores the one thread the test assemblies run with
/// (<c>SingleThreadedTorch</c>): the native team and the embedding pass take as many threads as
/// <c>torch.get_num_threads()</c>.
/// </summary>
internal static class TorchThreads
{
    public static T With<T>(int threads, Func<T> action)
    {
        var before = torch.get_num_threads();
        torch.set_num_threads(threads);
        try
        {
            return action();
        }
        finally
        {
            torch.set_num_threads(before);
        }
    }

    public static void With(int threads, Action action) => With(threads, () =>
    {
        action();
        return 0;
    });
}
