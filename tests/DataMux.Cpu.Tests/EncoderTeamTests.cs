using System;
using System.Linq;
using System.Threading.Tasks;
using DataMux.Backbones;
using DataMux.Cpu;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>The engine's encoder stack on a team of threads gives the layer-by-layer path's outputs, for every split of rows.</summary>
public sealed class EncoderTeamTests : SeededTests
{
    [Fact]
    public void The_team_library_is_built_and_finds_what_it_needs()
    {
        // The project's CI machines run x86-64 Linux with a C compiler and TorchSharp's MKL builds of libtorch.
        Assert.True(EncoderTeam.IsAvailable, EncoderTeam.UnavailableReason);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 1, 2)]    // one row: the team shrinks to it
    [InlineData(3, 7, 2)]    // the split falls inside a sequence
    [InlineData(1, 40, 2)]   // one sequence shared by both threads, as at N = 40
    [InlineData(2, 33, 3)]   // three threads, uneven blocks
    [InlineData(20, 13, 2)]
    [InlineData(5, 9, 8)]    // more threads than the machine has cores
    public void Outputs_match_the_layer_by_layer_path(int groups, int positions, int threads)
    {
        using var encoder = Encoder();
        using var x = randn(groups, positions, 32);
        using var expected = LayerByLayer(encoder, x, null);
        using var actual = TorchThreads.With(threads, () => Infer(encoder, x, null));
        AssertClose(expected, actual);
        AssertTeamRan(encoder, x, null, threads, actual);
    }

    [Theory]
    [InlineData(32, 4, 64, 1, 40, false)]  // one sequence, as at N = 40
    [InlineData(36, 3, 37, 3, 7, false)]   // 2 + 1 heads, 19 + 18 feed-forward columns
    [InlineData(36, 3, 37, 4, 11, true)]   // and padded keys
    [InlineData(32, 2, 2, 2, 9, false)]    // one head and one feed-forward column per thread
    public void Both_splits_of_a_two_thread_team_give_the_unpacked_layers_outputs(int hidden, int heads, int feedForward, int groups, int positions, bool masked)
    {
        using var encoder = new TransformerEncoder(2, hidden, heads, feedForward, 0.0);
        encoder.eval();
        using var x = randn(groups, positions, hidden);
        using var mask = masked ? zeros(groups, positions, ScalarType.Bool) : null;
        for (var g = 1; g < groups && mask is not null; g++) mask[g, TensorIndex.Slice(positions - g)] = tensor(true);
        using var expected = EncoderStages.Module(encoder, x, mask); // unpacked: the layers' own operators
        Assert.True(EncoderTeam.UsesPairSplit(groups * positions, 2, heads, feedForward, pairSplit: true));
        using var pair = TorchThreads.With(2, () => Infer(encoder, x, mask));
        Assert.False(EncoderTeam.UsesPairSplit(groups * positions, 2, heads, feedForward, pairSplit: false));
        using var rows = TorchThreads.With(2, () => EncoderStages.Run(encoder, EncoderStages.Team with { PairSplit = false }, x, mask));
        AssertClose(expected, rows);
        AssertTeamRan(encoder, x, mask, 2, rows);

        AssertClose(expected, pair);
        AssertTeamRan(encoder, x, mask, 2, pair);
    }

    [Fact]
    public void The_pair_split_takes_two_thread_teams_with_few_rows_per_thread_and_at_least_two_heads()
    {
        Assert.True(EncoderTeam.UsesPairSplit(2 * EncoderTeam.PairSplitBelowRowsPerThread - 1, 2, 12, 3072, true));
        Assert.False(EncoderTeam.UsesPairSplit(2 * EncoderTeam.PairSplitBelowRowsPerThread - 1, 2, 12, 3072, false));
        Assert.False(EncoderTeam.UsesPairSplit(2 * EncoderTeam.PairSplitBelowRowsPerThread, 2, 12, 3072, true));
        Assert.False(EncoderTeam.UsesPairSplit(169, 1, 12, 3072, true));
        Assert.False(EncoderTeam.UsesPairSplit(169, 3, 12, 3072, true));
        Assert.False(EncoderTeam.UsesPairSplit(169, 2, 1, 3072, true));
        Assert.False(EncoderTeam.UsesPairSplit(169, 2, 12, 1, true));
    }

    [Fact]
    public void A_permuted_input_is_read_by_its_strides_and_left_unchanged()
    {
        using var encoder = Encoder();
        using var stored = randn(32, 2, 9);
        using var x = stored.permute(1, 2, 0); // [2, 9, 32], positions innermost in memory
        Assert.False(x.is_contiguous());
        using var before = x.clone();
        using var expected = LayerByLayer(encoder, x, null);
        using var actual = TorchThreads.With(2, () => Infer(encoder, x, null));
        AssertClose(expected, actual);
        Assert.True(x.allclose(before, 0, 0), "the input must be left as it was");
    }

    [Fact]
    public void A_sequence_whose_scores_exceed_the_budget_is_attended_in_chunks_of_queries()
    {
        // 4 heads x 2,100 keys x 4 bytes = 33,600 bytes of scores per query row: 64 MiB holds 1,997 of the 2,100 rows.
        const int length = 2100;
        Assert.True(4L * length * length * sizeof(float) > CpuAttention.ScoreBudgetBytes);
        using var encoder = Encoder();
        using var x = randn(1, length, 32);
        using var expected = LayerByLayer(encoder, x, null);
        using var actual = TorchThreads.With(1, () => Infer(encoder, x, null));
        AssertClose(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Padded_keys_are_masked_as_in_the_layers(int threads)
    {
        using var encoder = Encoder();
        using var x = randn(4, 11, 32);
        // Sequence g has its last g positions padded.
        using var mask = zeros(4, 11, ScalarType.Bool);
        for (var g = 1; g < 4; g++) mask[g, TensorIndex.Slice(11 - g)] = tensor(true);
        using var expected = LayerByLayer(encoder, x, mask);
        using var unmasked = LayerByLayer(encoder, x, null);
        using var actual = TorchThreads.With(threads, () => Infer(encoder, x, mask));
        AssertClose(expected, actual);
        Assert.False(actual.allclose(unmasked, 1e-3, 1e-3), "the mask must change the padded sequences' outputs");
    }

    [Fact]
    public void A_sequence_with_no_key_left_takes_the_layers_path()
    {
        using var encoder = Encoder();
        using var x = randn(2, 5, 32);
        using var mask = zeros(2, 5, ScalarType.Bool);
        mask[1] = tensor(true);
        using var expected = LayerByLayer(encoder, x, mask);
        using var actual = Infer(encoder, x, mask);
        // Bit for bit (NaN where the layers give NaN): the same operators ran.
        Assert.True(actual.allclose(expected, 0, 0, equal_nan: true));
    }

    [Fact]
    public void Without_packed_weights_the_layers_run_one_by_one()
    {
        using var encoder = Encoder();
        using var x = randn(2, 9, 32);
        using var module = EncoderStages.Module(encoder, x, null);
        using var teamed = Infer(encoder, x, null);
        AssertClose(module, teamed);
        AssertTeamRan(encoder, x, null, 1, teamed);

        // Packing off: the team (which multiplies packed pieces) cannot run; the engine's layers with ordinary products
        // and the layers' attention (9 positions) are the module's operators, bit for bit.
        using var stage = new EncoderStage(encoder, new CpuEngineOptions { PackedWeights = false });
        Assert.Contains("the native pass needs every layer packed", stage.Stage.Detail);
        using var unpacked = EncoderStages.Infer(stage, x, null);
        Assert.True(unpacked.allclose(module, 0, 0), "without packed weights the layers' operators must run");
    }

    [Fact]
    public void Layers_with_more_heads_than_the_team_takes_run_one_by_one()
    {
        const int heads = EncoderTeam.MaximumHeads + 1;
        using var encoder = new TransformerEncoder(1, 2 * heads, heads, 8, 0.0);
        encoder.eval();
        using var x = randn(2, 5, 2 * heads);
        using var expected = TorchThreads.With(2, () => LayerByLayer(encoder, x, null));
        using var actual = TorchThreads.With(2, () => Infer(encoder, x, null));
        Assert.True(actual.allclose(expected, 0, 0), "past the team's head limit the layers must run, bit for bit");
    }

    [Fact]
    public void Passes_from_several_threads_at_once_agree()
    {
        using var encoder = Encoder();
        using var stage = new EncoderStage(encoder, EncoderStages.Team);
        var inputs = Enumerable.Range(0, 6).Select(i => randn(1 + i % 3, 17, 32)).ToArray();
        var expected = inputs.Select(x => LayerByLayer(encoder, x, null)).ToArray();
        var actual = TorchThreads.With(2, () =>
        {
            var results = new Tensor[inputs.Length];
            Parallel.For(0, inputs.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 3 }, i =>
            {
                var result = EncoderStages.Infer(stage, inputs[i % inputs.Length], null);
                if (i < inputs.Length) results[i] = result;
                else result.Dispose();
            });
            return results;
        });
        for (var i = 0; i < inputs.Length; i++) AssertClose(expected[i], actual[i]);
        foreach (var tensor in inputs.Concat(expected).Concat(actual)) tensor.Dispose();
    }

    private static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        Assert.True(actual.allclose(expected, 1e-4, 1e-5), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    /// <summary>
    /// The team's loops add in other orders than libtorch's operators, so its outputs differ from the layers' (same
    /// weights, same thread count) somewhere in float32 rounding; bit-identical outputs mean the layers ran instead.
    /// </summary>
    private static void AssertTeamRan(TransformerEncoder encoder, Tensor x, Tensor? mask, int threads, Tensor actual)
    {
        using var layers = TorchThreads.With(threads, () => LayerByLayer(encoder, x, mask));
        Assert.False(actual.allclose(layers, 0, 0), "bit-identical to the layers' path: the team did not run");
    }

    private static TransformerEncoder Encoder()
    {
        var encoder = new TransformerEncoder(2, 32, 4, 64, 0.0);
        encoder.eval();
        return encoder;
    }

    private static Tensor Infer(TransformerEncoder encoder, Tensor x, Tensor? mask) => EncoderStages.Run(encoder, EncoderStages.Team, x, mask);

    private static Tensor LayerByLayer(TransformerEncoder encoder, Tensor x, Tensor? mask) => EncoderStages.Run(encoder, EncoderStages.LayerByLayer, x, mask);
}
