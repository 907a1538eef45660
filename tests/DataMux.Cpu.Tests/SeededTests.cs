namespace DataMux.Cpu.Tests;

/// <summary>
/// Base of the test classes that draw random inputs from torch's global generator: every test starts from a fixed seed,
/// so a failure repeats (the suite runs sequentially, so nothing draws in between).
/// </summary>
public abstract class SeededTests
{
    protected SeededTests() => TorchSharp.torch.manual_seed(20261129);
}
