using DataMux.Cpu;
using Throughput.Cli;
using Xunit;

namespace DataMux.Examples.Tests;

/// <summary>The Throughput benchmark's lever switches map to the CPU engine's options, one switch to one option.</summary>
public sealed class EngineLeverTests
{
    [Fact]
    public void No_switch_compiles_with_every_option_on()
    {
        Assert.Equal(CpuEngineOptions.Default, RuntimeSwitches.EngineOptions(BenchmarkOptions.Parse([])));
    }

    [Theory]
    [InlineData("--fused-attention", nameof(CpuEngineOptions.CpuAttention))]
    [InlineData("--no-team", nameof(CpuEngineOptions.EncoderTeam))]
    [InlineData("--no-pair-split", nameof(CpuEngineOptions.PairSplit))]
    [InlineData("--no-packed-weights", nameof(CpuEngineOptions.PackedWeights))]
    [InlineData("--unfused-embedding", nameof(CpuEngineOptions.FusedEmbeddingMix))]
    [InlineData("--unfused-token-demux", nameof(CpuEngineOptions.FusedTokenDemux))]
    public void Each_switch_turns_its_option_off_and_no_other(string flag, string option)
    {
        var options = RuntimeSwitches.EngineOptions(BenchmarkOptions.Parse([flag]));
        foreach (var property in typeof(CpuEngineOptions).GetProperties())
        {
            if (property.PropertyType != typeof(bool)) continue;
            Assert.Equal(property.Name != option, (bool)property.GetValue(options)!);
        }
    }
}
