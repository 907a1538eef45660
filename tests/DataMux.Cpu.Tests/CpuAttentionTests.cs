using DataMux.Backbones;
using DataMux.Cpu;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>The engine's MKL attention path computes what libtorch's fused operator (the layer's own) computes.</summary>
public sealed class CpuAttentionTests : SeededTests
{
    [Fact]
    public void Libtorch_on_this_platform_exports_what_the_path_needs()
    {
        Assert.True(CpuAttention.IsAvailable, CpuAttention.UnavailableReason);
    }

    [Theory]
    [InlineData(1, CpuAttention.MinimumLength, 4)]
    [InlineData(3, 70, 4)]
    [InlineData(2, 129, 1)]
    [InlineData(5, 80, 8)]
    public void Outputs_match_the_fused_operator(int rows, int positions, int heads)
    {
        using var encoder = new TransformerEncoder(2, 32, heads, 64, 0.0);
        encoder.eval();
        using var x = randn(rows, positions, 32);
        using var mask = rand(rows, positions).lt(0.3);
        mask[TensorIndex.Colon, 0] = tensor(false);   // every row keeps a key it may attend to

        foreach (var padding in new[] { null, mask })
        {
            using var fast = Infer(encoder, x, padding, cpuAttention: true);
            using var fused = Infer(encoder, x, padding, cpuAttention: false);
            AssertSameWithinRounding(fast, fused);
        }
    }

    [Fact]
    public void A_batch_whose_scores_exceed_the_budget_is_taken_in_chunks()
    {
        // One head of 2,048 positions: 16 MiB of scores per row, so 4 rows per chunk and 5 rows make two chunks.
        const int length = 2048;
        Assert.Equal(4, CpuAttention.ScoreBudgetBytes / (length * length * sizeof(float)));
        using var encoder = new TransformerEncoder(1, 16, 1, 32, 0.0);
        encoder.eval();
        using var x = randn(5, length, 16);
        using var mask = rand(5, length).lt(0.2);
        mask[TensorIndex.Colon, 0] = tensor(false);

        using var fast = Infer(encoder, x, mask, cpuAttention: true);
        using var fused = Infer(encoder, x, mask, cpuAttention: false);
        AssertSameWithinRounding(fast, fused);
    }

    [Theory]
    [InlineData(4, 1, 2100)]                             // four heads of 2,100 positions: 67 MiB of scores for one row, over the budget
    [InlineData(2, 2, CpuAttention.MinimumLength - 1)]   // shorter than the path takes
    public void Sequences_the_path_does_not_take_keep_the_fused_operator(int heads, int rows, int positions)
    {
        using var encoder = new TransformerEncoder(1, 16, heads, 32, 0.0);
        encoder.eval();
        using var x = randn(rows, positions, 16);
        using var fast = Infer(encoder, x, null, cpuAttention: true);
        using var fused = Infer(encoder, x, null, cpuAttention: false);
        Assert.True(fast.allclose(fused, 0, 0));
    }

    [Fact]
    public void A_row_whose_keys_are_all_masked_gets_the_fused_operators_answer()
    {
        using var encoder = new TransformerEncoder(1, 16, 2, 32, 0.0);
        encoder.eval();
        const int length = CpuAttention.MinimumLength;
        using var x = randn(2, length, 16);
        using var mask = zeros(2, length, dtype: ScalarType.Bool);
        mask[1] = tensor(true);

        using var fast = Infer(encoder, x, mask, cpuAttention: true);
        using var fused = Infer(encoder, x, mask, cpuAttention: false);
        Assert.True(fast.allclose(fused, 1e-6, 1e-6, equal_nan: true));
    }

    [Fact]
    public void A_mask_by_query_is_not_read_as_a_mask_by_key()
    {
        // [B, 1, L, 1] has as many elements as a key mask [B, 1, 1, L]; the path takes key masks only.
        using var layer = new TransformerEncoderLayer(32, 4, 64, 0.0);
        layer.eval();
        const int length = CpuAttention.MinimumLength;
        using var x = randn(1, length, 32);
        using var byQuery = ones(1, 1, length, 1, dtype: ScalarType.Bool);
        byQuery[0, 0, TensorIndex.Slice(0, 10), 0] = tensor(false);

        using var inference = inference_mode();
        using var compiled = new CompiledLayer(layer, packWeights: false, mklAttention: true);
        using var fast = compiled.Forward(x, byQuery);
        using var fused = layer.forward(x, byQuery);
        Assert.True(fast.equal(fused).all().item<bool>(), $"max difference {(fast - fused).abs().max().item<float>()}");
    }

    /// <summary>
    /// The two paths agree within float32 rounding, and are not bit-identical: the MKL path's products round
    /// differently somewhere, so equal bits mean it never ran and the comparison compared the fused operator with itself.
    /// </summary>
    private static void AssertSameWithinRounding(Tensor fast, Tensor fused) =>
        TensorAssertions.AssertCloseButNotIdentical(fast, fused, 1e-5, 1e-5, "bit-identical to the fused operator: the MKL attention path did not run");

    // With MKL attention: the engine's layers with ordinary products; without: the encoder's own module (fused operator).
    private static Tensor Infer(TransformerEncoder encoder, Tensor x, Tensor? padding, bool cpuAttention) => cpuAttention
        ? EncoderStages.Run(encoder, EncoderStages.Unpacked, x, padding)
        : EncoderStages.Module(encoder, x, padding);
}
