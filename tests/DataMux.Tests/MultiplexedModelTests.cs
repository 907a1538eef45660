using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DataMux.Batching;
using DataMux.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

/// <summary>Generated models (GeneratedModels.cs) through the runtime: grouping, batching, saving, seeding.</summary>
public class MultiplexedModelTests
{
    // Each composition's two models differ only in their seed (constructors, since the seed is a compile-time constant).
    private static readonly Dictionary<string, (Func<nn.Module<Tensor, Tensor>> Seed1, Func<nn.Module<Tensor, Tensor>> Seed2)> Seeded = new()
    {
        ["Orthogonal, IndexEmbedding, sentence"] = (() => new OrthogonalIndexSentenceSeed1(), () => new OrthogonalIndexSentenceSeed2()),
        ["GaussianHadamard, Mlp, token"] = (() => new GaussianHadamardMlpTokenSeed1(), () => new GaussianHadamardMlpTokenSeed2()),
        ["Learned, IndexEmbedding, token"] = (() => new LearnedIndexTokenSeed1(), () => new LearnedIndexTokenSeed2()),
        ["BinaryHadamard, Mlp, sentence"] = (() => new BinaryHadamardMlpSentenceSeed1(), () => new BinaryHadamardMlpSentenceSeed2()),
    };

    public static TheoryData<string> Compositions() => new(Seeded.Keys);

    private static Tensor Tokens(int rows, int length = 6, int seed = 0)
    {
        using var generator = new Generator((ulong)seed, torch.CPU);
        return torch.randint(1, 20, new long[] { rows, length }, generator: generator);
    }

    [Theory]
    [MemberData(nameof(Compositions))]
    public void A_model_built_inside_a_dispose_scope_keeps_every_weight_after_the_scope(string composition)
    {
        // A helper that builds a model and tidies its temporaries with a scope: the scope's end disposed the
        // embedding tables, the mux and demux tensors, so forward failed and save left them out.
        nn.Module<Tensor, Tensor> scoped;
        using (torch.NewDisposeScope()) scoped = Seeded[composition].Seed1();
        using var plain = Seeded[composition].Seed1();
        using var model = scoped;
        model.eval();
        plain.eval();

        Assert.Equal(plain.state_dict().Keys.Order(), model.state_dict().Keys.Order());
        using var tokens = Tokens(8);
        using var inference = torch.inference_mode();
        using var expected = plain.forward(tokens);
        using var actual = model.forward(tokens);
        Assert.True(actual.equal(expected).all().item<bool>());
    }

    [Theory]
    [MemberData(nameof(Compositions))]
    public void Predict_restores_each_submodules_own_training_flag(string composition)
    {
        using var model = Seeded[composition].Seed1();
        model.train();
        var embedding = ((IMultiplexedModel)model).Parts.Embedding;
        embedding.eval();   // the caller's choice: no dropout in the embedding
        using var tokens = Tokens(8);

        using (BatchedInference.Predict(model, tokens, rowsPerBatch: 8)) { }

        Assert.True(model.training);
        Assert.False(embedding.training);
    }

    [Fact]
    public void Predict_on_a_scalar_says_it_expected_rows()
    {
        using var model = new OrthogonalIndexSentenceSeed1();
        using var scalar = torch.tensor(3L);

        var error = Assert.Throws<ArgumentException>(() => BatchedInference.Predict(model, scalar, rowsPerBatch: 5));

        Assert.Contains("Expected at least one row, but got shape []", error.Message);
    }

    [Theory]
    [MemberData(nameof(Compositions))]
    public void Saved_model_reloads_into_a_model_with_another_seed(string composition)
    {
        using var original = Seeded[composition].Seed1();
        using var other = Seeded[composition].Seed2();
        original.eval();
        other.eval();
        using var tokens = Tokens(7);
        using var expected = original.forward(tokens);
        Assert.False(expected.allclose(other.forward(tokens)));   // different seed, different model

        using var folder = new TemporaryFolder();
        var path = folder.File("model.bin");
        original.save(path);
        other.load(path);
        Assert.True(expected.Same(other.forward(tokens)));
    }

    [Fact]
    public void Output_shapes_follow_the_task()
    {
        using var sequence = new FourWaySentenceModel();
        Assert.Equal(new long[] { 5, 3 }, sequence.forward(Tokens(5)).shape);
        using var token = new FourWayTokenModel();
        Assert.Equal(new long[] { 5, 6, 5 }, token.forward(Tokens(5)).shape);
    }

    [Fact]
    public void Thirty_seven_rows_with_n_ten_give_thirty_seven_outputs_each_as_its_group_alone_gives_it()
    {
        // Grouping and ungrouping: each output belongs to its row's group. That row i of a group gets input i's
        // result is the demultiplexer's part (DemultiplexerTests) and what training to per-input accuracy shows
        // (MultiplexedTrainerTests, EndToEnd's TrainingTests): a model compared with itself cannot see it.
        using var model = new TenWayHadamardModel();
        model.eval();
        using var tokens = Tokens(37);
        using var all = model.forward(tokens);
        Assert.Equal(37, all.shape[0]);
        // Each row's output equals the output of the same row in the same group computed on its own.
        for (var group = 0; group < 4; group++)
        {
            var rows = Math.Min(10, 37 - group * 10);
            using var alone = model.forward(tokens.narrow(0, group * 10, rows));
            Assert.True(all.narrow(0, group * 10, rows).allclose(alone, 1e-5, 1e-6), $"group {group}");
        }

        // The order inside a group matters (input i is multiplexed with transform i), so it is kept: swapping two rows
        // changes their outputs.
        using var swapped = tokens.index_select(0, torch.tensor(new long[] { 1, 0, 2, 3, 4, 5, 6, 7, 8, 9 }));
        using var swappedOut = model.forward(swapped);
        Assert.False(swappedOut[0].allclose(all[0], 1e-4, 1e-5));
    }

    [Fact]
    public void A_single_row_runs_with_padding_filler_rows()
    {
        using var model = new TenWayModel();
        model.eval();
        using var row = Tokens(1);
        using var single = model.forward(row);
        Assert.Equal(new long[] { 1, 2 }, single.shape);
        using var explicitGroup = torch.cat(new[] { row, torch.zeros(9, 6, dtype: torch.int64) }, 0);
        using var grouped = model.forward(explicitGroup);
        Assert.True(single[0].allclose(grouped[0], 1e-5, 1e-6));
    }

    [Fact]
    public void Exact_multiple_needs_no_filler_and_groups_are_independent()
    {
        using var model = new TenWayModel();
        model.eval();
        using var tokens = Tokens(20);
        using var both = model.forward(tokens);
        Assert.True(both.narrow(0, 10, 10).allclose(model.forward(tokens.narrow(0, 10, 10)), 1e-5, 1e-6));
    }

    [Fact]
    public void Trailing_padding_changes_no_output()
    {
        // The generated forward hands the padding mask to the encoder: positions that are padding in every input of a
        // group are attended by nobody, so a batch padded with extra columns gives the unpadded batch's outputs.
        using var model = new TenWayModel();
        model.eval();
        using var tokens = Tokens(13, length: 4);   // a full group and a partial one
        using var padded = torch.cat(new[] { tokens, torch.zeros(13, 3, dtype: torch.int64) }, 1);

        using var expected = model.forward(tokens);
        using var actual = model.forward(padded);

        Assert.True(actual.allclose(expected, 1e-5, 1e-6), $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    [Fact]
    public void Validation_errors_name_the_model()
    {
        using var model = new FourWaySentenceModel();
        var error = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(4, 9, dtype: torch.int64)));
        Assert.StartsWith("FourWaySentenceModel expects", error.Message);
        Assert.Contains("[4, 9]", error.Message);
    }

    [Fact]
    public void Batched_inference_equals_direct_forward_and_restores_training_flag()
    {
        using var model = new FourWayDropoutModel();
        using var tokens = Tokens(23);
        model.eval();
        using var direct = model.forward(tokens);
        model.train();
        using var batched = BatchedInference.Predict(model, tokens, rowsPerBatch: 8);
        Assert.True(model.training);
        Assert.Equal(direct.shape, batched.shape);
        Assert.True(batched.allclose(direct, 1e-5, 1e-6));   // dropout was off: eval mode inside

        model.eval();
        using var oneBatch = BatchedInference.Predict(model, tokens, rowsPerBatch: 100);
        Assert.False(model.training);
        Assert.True(oneBatch.allclose(direct, 1e-5, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchedInference.Predict(model, tokens, 0));
    }

    [Fact]
    public void Batched_inference_takes_whole_groups_only()
    {
        // Chunks of 5 rows for N = 4 would group row 4 with filler and rows 5-8 together, unlike one forward call.
        using var model = new FourWaySentenceModel();
        using var tokens = Tokens(23);
        var error = Assert.Throws<ArgumentException>(() => BatchedInference.Predict(model, tokens, rowsPerBatch: 5));
        Assert.Equal("rowsPerBatch", error.ParamName);
        Assert.StartsWith("Expected rows per batch in whole groups of FourWaySentenceModel's N = 4, but got 5", error.Message);
        Assert.Contains("Use 4", error.Message);

        // Rows that fit one chunk are one forward call, grouped as the model groups them: any chunk size serves.
        model.eval();
        using var direct = model.forward(tokens);
        using var whole = BatchedInference.Predict(model, tokens, rowsPerBatch: 23);
        Assert.True(whole.allclose(direct, 1e-5, 1e-6));
    }

    [Fact]
    public void Predict_in_groups_uses_whole_groups_per_chunk()
    {
        using var model = new ThreeWayModel();
        model.eval();
        using var tokens = Tokens(10);
        using var direct = model.forward(tokens);
        using var chunked = model.PredictInGroups(tokens, groupsPerBatch: 2);   // chunks of 6 and 4 rows
        Assert.True(chunked.allclose(direct, 1e-5, 1e-6));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.PredictInGroups(tokens, 0));
        // More groups than int can count rows for: one call takes every row (it used to throw OverflowException).
        using var whole = model.PredictInGroups(tokens, int.MaxValue);
        Assert.True(whole.allclose(direct, 1e-5, 1e-6));
    }

    [Fact]
    public void Construction_is_deterministic_per_seed()
    {
        using var a = new FourWaySentenceModel();
        using var b = new FourWaySentenceModel();
        var pa = a.parameters().ToArray();
        var pb = b.parameters().ToArray();
        Assert.Equal(pa.Length, pb.Length);
        Assert.All(pa.Zip(pb), pair => Assert.True(pair.First.Same(pair.Second)));
    }
}
