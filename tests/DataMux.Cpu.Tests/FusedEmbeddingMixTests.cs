using System;
using System.Linq;
using DataMux.Backbones;
using DataMux.Multiplexers;
using DataMux.Cpu;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Cpu.Tests;

/// <summary>The engine's one-pass embedding + element-wise mux computes what the two modules compute.</summary>
public sealed class FusedEmbeddingMixTests : SeededTests
{
    public static TheoryData<Mux, int, int, int> Shapes() => new()
    {
        { Mux.GaussianHadamard, 1, 8, 16 },
        { Mux.GaussianHadamard, 4, 11, 20 },      // a width that is not a multiple of the vector lanes
        { Mux.GaussianHadamard, 40, 5, 48 },
        { Mux.BinaryHadamard, 3, 9, 24 },
        { Mux.Identity, 1, 7, 16 },
        { Mux.Identity, 5, 6, 13 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Inference_matches_the_embedding_followed_by_the_mux(Mux variant, int n, int length, int hidden) =>
        AssertMatches(variant, n, length, hidden, threads: 1);

    [Theory]
    [InlineData(2, 4, 11)]
    [InlineData(3, 4, 11)]   // output rows that do not split evenly
    [InlineData(64, 4, 11)]  // more threads than output rows: the team shrinks
    [InlineData(2, 40, 5)]   // one output row per chunk: the threads take turns row by row
    [InlineData(2, 1, 150)]  // 64 rows per chunk and a short last chunk
    public void On_several_threads_each_output_row_is_mixed_once(int threads, int n, int length) =>
        TorchThreads.With(threads, () => AssertMatches(Mux.GaussianHadamard, n, length, 20, threads));

    [Fact]
    public void Inputs_that_share_an_id_at_a_position_share_one_standardized_row_with_the_same_result()
    {
        // Three distinct ids among 40 inputs: long runs of equal ids in every output cell, as in the index demux's prefix.
        TorchThreads.With(2, () => AssertMatches(Mux.GaussianHadamard, 40, 6, 24, threads: 2, distinctIds: 3));
    }

    private static void AssertMatches(Mux variant, int n, int length, int hidden, int threads, int? distinctIds = null)
    {
        using var embedding = new TokenEmbedding(new TokenLayout(30, n, 0), maxPositions: length + 2, hidden, dropout: 0.1);
        using var mux = CreateMux(variant, n, hidden);
        Randomize(embedding);
        embedding.eval();
        mux.eval();
        using var ids = randint(0, distinctIds ?? 30 + 2 + n, new long[] { 2 * n, length }, dtype: ScalarType.Int64);

        using var inference = inference_mode();
        using var fused = TorchThreads.With(threads, () => Mix(embedding, mux, ids));
        using var separate = mux.forward(embedding.forward(ids));

        Assert.Equal(new long[] { 2, length, hidden }, fused.shape);
        Assert.True(fused.allclose(separate, 1e-5, 1e-5), $"{threads} threads: max difference {(fused - separate).abs().max().item<float>()}");
        Assert.False(fused.equal(separate).all().item<bool>(),
            "bit-identical to the two modules: the one-pass mix did not run (its float32 rounding differs somewhere)");
    }

    [Fact]
    public void Embed_and_mix_leaves_no_tensor_behind()
    {
        using var modules = Evaluated(Mux.GaussianHadamard, n: 4);
        using var generator = new Generator(7);
        using var ids = randint(0, 36, new long[] { 8, 9 }, dtype: ScalarType.Int64, generator: generator);
        var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        for (var call = 0; call < 10; call++)
        {
            using var mode = inference_mode();
            Mix(modules.Embedding, modules.Mux, ids).Dispose();
        }

        // The pass reads the embedding's tables, and every read of a module's weight makes a new tensor handle: read
        // outside a dispose scope, they were left to the finalizer (two per call, for users of ModelParts).
        Assert.Equal(live, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Ids_of_no_positions_get_the_modules_error_not_the_native_pass()
    {
        using var modules = Evaluated(Mux.GaussianHadamard, n: 2);
        using var ids = zeros(new long[] { 2, 0 }, dtype: ScalarType.Int64);
        using var inference = inference_mode();

        var error = Assert.Throws<ArgumentException>(() => Mix(modules.Embedding, modules.Mux, ids));

        Assert.Contains("1 <= positions", error.Message);
    }

    [Fact]
    public void The_native_pass_is_built()
    {
        // Without it the stage runs the two modules, and the comparisons above would compare them with themselves.
        Assert.True(NativeTeam.IsAvailable, NativeTeam.UnavailableReason);
    }

    [Fact]
    public void An_embedding_wider_than_the_pass_takes_runs_the_modules()
    {
        const int width = FusedEmbeddingMix.MaximumWidth + 8;
        using var embedding = new TokenEmbedding(new TokenLayout(30, 2, 0), maxPositions: 6, width, dropout: 0.0);
        using var mux = CreateMux(Mux.GaussianHadamard, 2, width);
        embedding.eval();
        mux.eval();
        using var ids = randint(0, 34, new long[] { 2, 4 }, dtype: ScalarType.Int64);

        using var inference = inference_mode();
        using var mixed = Mix(embedding, mux, ids);
        using var separate = mux.forward(embedding.forward(ids));
        Assert.True(mixed.equal(separate).all().item<bool>(), "the modules, bit for bit");
    }

    [Fact]
    public void The_option_off_runs_the_modules()
    {
        using var modules = Evaluated(Mux.GaussianHadamard, n: 4);
        var (embedding, mux) = (modules.Embedding, modules.Mux);
        Randomize(embedding);
        using var ids = randint(0, 36, new long[] { 8, 9 }, dtype: ScalarType.Int64);
        using var inference = inference_mode();
        using var separate = mux.forward(embedding.forward(ids));

        var stage = new EmbeddingMixStage(embedding, mux, context: null, fuse: false);
        Assert.False(stage.Stage.Fused);
        Assert.Contains("FusedEmbeddingMix off", stage.Stage.Detail);
        using var unfused = stage.Apply(ids);
        Assert.True(unfused.equal(separate).all().item<bool>(), "with the option off, the stage must run exactly the two modules");
    }

    [Theory]
    [InlineData(Mux.Orthogonal)]
    [InlineData(Mux.Learned)]
    public void Other_variants_run_the_two_modules(Mux variant)
    {
        using var modules = Evaluated(variant, n: 3);
        using var ids = randint(0, 35, new long[] { 6, 9 }, dtype: ScalarType.Int64);
        using var inference = inference_mode();

        using var mixed = Mix(modules.Embedding, modules.Mux, ids);
        using var separate = modules.Mux.forward(modules.Embedding.forward(ids));
        Assert.True(mixed.equal(separate).all().item<bool>());
    }

    [Fact]
    public void An_id_outside_the_table_is_refused_with_its_value()
    {
        using var modules = Evaluated(Mux.GaussianHadamard, n: 2);
        using var ids = zeros(new long[] { 2, 5 }, dtype: ScalarType.Int64);
        ids[1, 3] = tensor(34L);   // the table has 30 + 2 + 2 = 34 rows
        using var inference = inference_mode();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Mix(modules.Embedding, modules.Mux, ids));
        Assert.Contains("[0, 34)", error.Message);
        Assert.Equal(34L, error.ActualValue);
    }

    [Fact]
    public void Rows_that_do_not_fill_whole_groups_get_the_mux_error()
    {
        using var modules = Evaluated(Mux.GaussianHadamard, n: 3);
        using var ids = zeros(new long[] { 4, 5 }, dtype: ScalarType.Int64);
        using var inference = inference_mode();

        var error = Assert.Throws<ArgumentException>(() => Mix(modules.Embedding, modules.Mux, ids));
        Assert.Contains("positive multiple of 3", error.Message);
    }

    [Fact]
    public void An_embedding_of_another_width_gets_the_mux_error()
    {
        using var modules = Evaluated(Mux.GaussianHadamard, n: 2, embeddingWidth: 24);
        using var ids = zeros(new long[] { 2, 5 }, dtype: ScalarType.Int64);
        using var inference = inference_mode();

        var error = Assert.Throws<ArgumentException>(() => Mix(modules.Embedding, modules.Mux, ids));
        Assert.Contains("[G·N, L, 16]", error.Message);
    }

    // The engine's stage with the one pass on: what CpuEngine runs for the embedding and the mux.
    private static Tensor Mix(TokenEmbedding embedding, Multiplexer mux, Tensor ids) => new EmbeddingMixStage(embedding, mux, context: null, fuse: true).Apply(ids);

    private static Multiplexer CreateMux(Mux mux, int n, int hidden) => mux switch
    {
        Mux.GaussianHadamard => new GaussianHadamardMultiplexer(n, hidden, seed: 3),
        Mux.Orthogonal => new OrthogonalMultiplexer(n, hidden, seed: 3),
        Mux.BinaryHadamard => new BinaryHadamardMultiplexer(n, hidden, seed: 3),
        Mux.Identity => new IdentityMultiplexer(n, hidden, seed: 3),
        _ => new LearnedMultiplexer(n, hidden, seed: 3),
    };

    // An embedding (vocabulary 30, width embeddingWidth) and a mux of width 16, both in evaluation mode.
    private static Modules Evaluated(Mux variant, int n, int embeddingWidth = 16)
    {
        var modules = new Modules(
            new TokenEmbedding(new TokenLayout(30, n, 0), maxPositions: 10, embeddingWidth, dropout: 0.0),
            CreateMux(variant, n, 16));
        modules.Embedding.eval();
        modules.Mux.eval();
        return modules;
    }

    private sealed record Modules(TokenEmbedding Embedding, Multiplexer Mux) : IDisposable
    {
        public void Dispose()
        {
            Embedding.Dispose();
            Mux.Dispose();
        }
    }

    // LayerNorm starts as the identity affine map; other values exercise the folded γ and β.
    private static void Randomize(TokenEmbedding embedding)
    {
        using var noGrad = no_grad();
        var (weight, bias) = (Parameter(embedding, "norm.weight"), Parameter(embedding, "norm.bias"));
        weight.copy_(rand(weight.shape) + 0.5);
        bias.copy_(randn(bias.shape));
    }

    private static Tensor Parameter(TokenEmbedding embedding, string name) =>
        embedding.named_parameters().Single(parameter => parameter.name == name).parameter;
}
