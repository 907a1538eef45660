using System.Linq;
using DataMux.Cpu;
using DataMux.Demultiplexers;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>The engine's one-pass token tail of the index demux (sum + GELU + LayerNorm) computes what the demux's operators compute.</summary>
public sealed class FusedTokenDemuxTests : SeededTests
{
    public static TheoryData<int, int, int, int> Shapes() => new()
    {
        { 1, 1, 5, 16 },
        { 2, 3, 7, 20 },      // a width that is not a multiple of the vector lanes
        { 1, 40, 3, 48 },
        { 2, 20, 128, 768 },  // the paper preset's token batch at N = 20
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Inference_matches_the_mlp_on_each_index_and_token_state(int groups, int n, int length, int hidden) =>
        AssertMatches(groups, n, length, hidden, threads: 1);

    [Theory]
    [InlineData(2, 1, 3, 7)]    // 21 rows: fewer than one chunk, the team shrinks to one thread
    [InlineData(2, 2, 5, 13)]   // 130 rows: chunks of 32 and a short last one
    [InlineData(3, 2, 5, 13)]
    [InlineData(64, 1, 40, 3)]  // more threads than chunks
    public void On_several_threads_each_output_row_is_written_once(int threads, int groups, int n, int length) =>
        TorchThreads.With(threads, () => AssertMatches(groups, n, length, 24, threads));

    [Fact]
    public void The_pass_agrees_with_the_demuxs_own_operators()
    {
        using var demux = Randomized(n: 3, hidden: 16);
        using var hidden = randn(2, 3 + 1 + 6, 16);
        using var inference = inference_mode();
        using var fused = Fused(demux, hidden, null);
        using var separate = demux.Tokens(hidden);
        TensorAssertions.AssertCloseButNotIdentical(fused, separate, 1e-5, 1e-5,
            "bit-identical to the demux's operators: the native pass did not run (its float32 rounding differs somewhere)");
    }

    [Theory]
    [InlineData(1, 2, 5, 16)]
    [InlineData(2, 20, 9, 20)]
    public void With_an_input_shortcut_the_pass_adds_each_inputs_token_rows_before_the_GELU(int groups, int n, int length, int hidden)
    {
        using var demux = Randomized(n, hidden);
        using var states = randn(groups, n + 1 + length, hidden);
        using var rows = randn(groups * n, length, hidden);
        var linear = ModuleChildren.Get<TorchSharp.Modules.Linear>(demux, "project");
        var norm = ModuleChildren.Get<TorchSharp.Modules.LayerNorm>(demux, "norm");
        using var inference = inference_mode();
        using var fused = Fused(demux, states, rows);
        using var index = states.narrow(1, 0, n).unsqueeze(2).expand(groups, n, length, hidden);
        using var content = states.narrow(1, n + 1, length).unsqueeze(1).expand(groups, n, length, hidden);
        using var projected = linear.forward(cat(new[] { index, content }, -1)) + rows.view(groups, n, length, hidden);
        using var expected = norm.forward(nn.functional.gelu(projected)).reshape(groups * n, length, hidden);
        Assert.True(fused.allclose(expected, 1e-4, 1e-4), $"max difference {(fused - expected).abs().max().item<float>()}");
        using var separate = demux.Tokens(states, rows);
        Assert.True(separate.allclose(expected, 1e-4, 1e-4), $"operators: max difference {(separate - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void The_native_pass_is_built()
    {
        // Without it the engine runs the demux's operators for token models.
        Assert.True(FusedTokenDemux.IsAvailable, FusedTokenDemux.UnavailableReason);
    }

    private static void AssertMatches(int groups, int n, int length, int hidden, int threads)
    {
        using var demux = Randomized(n, hidden);
        using var states = randn(groups, n + 1 + length, hidden);
        var linear = ModuleChildren.Get<TorchSharp.Modules.Linear>(demux, "project");
        var norm = ModuleChildren.Get<TorchSharp.Modules.LayerNorm>(demux, "norm");
        using var inference = inference_mode();

        using var tokens = Fused(demux, states, null);
        // The definition: the shared MLP on the concatenation [pᵢ ; hₜ] of input i's index state and token t's state.
        using var index = states.narrow(1, 0, n).unsqueeze(2).expand(groups, n, length, hidden);
        using var content = states.narrow(1, n + 1, length).unsqueeze(1).expand(groups, n, length, hidden);
        using var expected = norm.forward(nn.functional.gelu(linear.forward(cat(new[] { index, content }, -1))))
            .reshape(groups * n, length, hidden);

        Assert.Equal(new long[] { groups * n, length, hidden }, tokens.shape);
        Assert.True(tokens.allclose(expected, 1e-4, 1e-4), $"{threads} threads: max difference {(tokens - expected).abs().max().item<float>()}");
    }

    /// <summary>The engine's pass on the demux's registered projection and norm (what the demux stage runs): <c>[G·N, L, d]</c>.</summary>
    private static Tensor Fused(IndexEmbeddingDemultiplexer demux, Tensor states, Tensor? rows)
    {
        var (groups, n, width) = (states.size(0), demux.N, states.size(2));
        var length = states.size(1) - demux.PrefixLength;
        var project = ModuleChildren.Get<TorchSharp.Modules.Linear>(demux, "project");
        var norm = ModuleChildren.Get<TorchSharp.Modules.LayerNorm>(demux, "norm");
        using var shortcut = rows?.view(groups, n, length, width);
        using var normalized = TokenDemuxStage.TryTokens(project, norm, n, demux.PrefixLength, states, shortcut);
        Assert.NotNull(normalized);
        return normalized.reshape(groups * n, length, width);
    }

    /// <summary>An index demux whose LayerNorm has non-trivial affine parameters (a fresh one has γ = 1, β = 0).</summary>
    private static IndexEmbeddingDemultiplexer Randomized(int n, int hidden)
    {
        var demux = new IndexEmbeddingDemultiplexer(new TokenLayout(50, n, 0), hidden);
        demux.eval();
        using var noGrad = no_grad();
        foreach (var (name, parameter) in demux.named_parameters().Where(p => p.name.StartsWith("norm.")))
            parameter.copy_(name.EndsWith("weight") ? rand(parameter.shape) + 0.5 : randn(parameter.shape));
        return demux;
    }
}
