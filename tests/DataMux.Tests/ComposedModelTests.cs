using System;
using System.IO;
using System.Linq;
using DataMux.Batching;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Tests;

public class ComposedModelTests
{
    public static TheoryData<Mux, Demux, ModelTask> Compositions() => new()
    {
        { Mux.Orthogonal, Demux.IndexEmbedding, ModelTask.SequenceClassification },
        { Mux.GaussianHadamard, Demux.Mlp, ModelTask.TokenClassification },
        { Mux.Learned, Demux.IndexEmbedding, ModelTask.TokenClassification },
        { Mux.BinaryHadamard, Demux.Mlp, ModelTask.SequenceClassification },
    };

    private static Tensor Tokens(int rows, int length = 6, int seed = 0)
    {
        using var generator = new Generator((ulong)seed, torch.CPU);
        return torch.randint(1, 20, new long[] { rows, length }, generator: generator);
    }

    [Theory]
    [MemberData(nameof(Compositions))]
    public void Saved_model_reloads_into_a_model_with_another_seed(Mux mux, Demux demux, ModelTask task)
    {
        using var original = new ComposedModel(ComposedModel.Tiny(n: 3, mux: mux, demux: demux, task: task, seed: 1, outputs: 3));
        using var other = new ComposedModel(ComposedModel.Tiny(n: 3, mux: mux, demux: demux, task: task, seed: 2, outputs: 3));
        original.eval();
        other.eval();
        using var tokens = Tokens(7);
        using var expected = original.forward(tokens);
        Assert.False(expected.allclose(other.forward(tokens)));   // different seed, different model

        var path = Path.Combine(Path.GetTempPath(), $"datamux-{Guid.NewGuid():N}.bin");
        try
        {
            original.save(path);
            other.load(path);
            Assert.True(expected.Same(other.forward(tokens)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Output_shapes_follow_the_task()
    {
        using var sequence = new ComposedModel(ComposedModel.Tiny(n: 4, outputs: 3));
        Assert.Equal(new long[] { 5, 3 }, sequence.forward(Tokens(5)).shape);
        using var token = new ComposedModel(ComposedModel.Tiny(n: 4, task: ModelTask.TokenClassification, outputs: 5));
        Assert.Equal(new long[] { 5, 6, 5 }, token.forward(Tokens(5)).shape);
    }

    [Fact]
    public void Thirty_seven_rows_with_n_ten_give_thirty_seven_outputs_in_order()
    {
        using var model = new ComposedModel(ComposedModel.Tiny(n: 10, mux: Mux.GaussianHadamard, maxLength: 6));
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

        // The order inside a group matters (index i is input i): swapping two rows swaps their outputs.
        using var swapped = tokens.index_select(0, torch.tensor(new long[] { 1, 0, 2, 3, 4, 5, 6, 7, 8, 9 }));
        using var swappedOut = model.forward(swapped);
        Assert.False(swappedOut[0].allclose(all[0], 1e-4, 1e-5));
    }

    [Fact]
    public void A_single_row_runs_with_padding_filler_rows()
    {
        using var model = new ComposedModel(ComposedModel.Tiny(n: 10));
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
        using var model = new ComposedModel(ComposedModel.Tiny(n: 10));
        model.eval();
        using var tokens = Tokens(20);
        using var both = model.forward(tokens);
        Assert.True(both.narrow(0, 10, 10).allclose(model.forward(tokens.narrow(0, 10, 10)), 1e-5, 1e-6));
    }

    [Fact]
    public void Validation_errors_name_the_model()
    {
        using var model = new ComposedModel(ComposedModel.Tiny(maxLength: 8, vocabulary: 20));
        var error = Assert.Throws<ArgumentException>(() => model.forward(torch.zeros(4, 9, dtype: torch.int64)));
        Assert.Contains("TinyModel", error.Message);
        Assert.Contains("[4, 9]", error.Message);
    }

    [Fact]
    public void Batched_inference_equals_direct_forward_and_restores_training_flag()
    {
        using var model = new ComposedModel(ComposedModel.Tiny(n: 4, dropout: 0.3));
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
    public void Predict_in_groups_uses_whole_groups_per_chunk()
    {
        using var model = new ComposedModel(ComposedModel.Tiny(n: 3));
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
        using var a = new ComposedModel(ComposedModel.Tiny(seed: 3));
        using var b = new ComposedModel(ComposedModel.Tiny(seed: 3));
        var pa = a.parameters().ToArray();
        var pb = b.parameters().ToArray();
        Assert.Equal(pa.Length, pb.Length);
        Assert.All(pa.Zip(pb), pair => Assert.True(pair.First.Same(pair.Second)));
    }
}
