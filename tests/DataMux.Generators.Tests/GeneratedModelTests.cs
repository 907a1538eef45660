using System;
using System.Linq;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace DataMux.Generators.Tests;

/// <summary>
/// The generated module, compiled and loaded, runs against the real runtime: shapes with a partial last group,
/// seeded construction, state-dict names and the configuration it reports (grouping, order and padding of generated
/// models: DataMux.Tests' MultiplexedModelTests and the EndToEnd tests).
/// </summary>
// Model construction seeds torch's process-wide generator (Seeding.Scope): classes that build models share a
// collection, so that they never build at the same time and the seeded-weights assertions hold.
[Collection(ModelConstruction.Collection)]
public sealed class GeneratedModelTests
{
    private static nn.Module<Tensor, Tensor> Build(string attributes, string typeName = "Consumer.Model")
    {
        var run = TestHelper.Run($$"""
            using DataMux;

            namespace Consumer;

            /// <summary>A model under test.</summary>
            {{attributes}}
            public partial class Model { }
            """);
        Assert.Empty(run.Diagnostics);

        var type = run.LoadType(typeName);
        return (nn.Module<Tensor, Tensor>)Activator.CreateInstance(type, [null])!;
    }

    private const string Sequence = """
        [Multiplexed(N = 2, Mux = Mux.Orthogonal, Demux = Demux.IndexEmbedding, Seed = 5)]
        [Transformer(Layers = 1, Hidden = 16, Heads = 2, MaxLength = 6, Vocabulary = 30, PaddingToken = 0)]
        [SequenceClassification(Classes = 3)]
        """;

    [Fact]
    public void Sequence_model_returns_one_row_of_logits_per_input()
    {
        using var model = Build(Sequence);
        model.eval();
        using var generator = new Generator(3);
        using var tokens = torch.randint(1, 30, [5, 6], dtype: int64, generator: generator);

        using var logits = model.forward(tokens);

        Assert.Equal([5L, 3L], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Token_model_returns_logits_per_token()
    {
        using var model = Build("""
            [Multiplexed(N = 3, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp)]
            [Transformer(Layers = 1, Hidden = 16, Heads = 2, MaxLength = 6, Vocabulary = 30)]
            [TokenClassification(Labels = 4)]
            """);
        model.eval();
        using var generator = new Generator(4);
        using var tokens = torch.randint(1, 30, [4, 5], dtype: int64, generator: generator);

        using var logits = model.forward(tokens);

        Assert.Equal([4L, 5L, 4L], logits.shape);
    }

    [Fact]
    public void Same_seed_builds_the_same_weights_without_touching_the_callers_random_state()
    {
        torch.manual_seed(99);
        var expected = torch.rand(1).item<float>();
        torch.manual_seed(99);
        using var first = Build(Sequence);
        var afterBuild = torch.rand(1).item<float>();
        using var second = Build(Sequence);

        Assert.Equal(expected, afterBuild);
        var a = first.state_dict();
        var b = second.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a.Keys, key => Assert.True(a[key].equal(b[key]).all().item<bool>(), $"{key} differs between two models built with Seed = 5"));
    }

    [Fact]
    public void State_dict_names_come_from_the_generated_fields()
    {
        using var model = Build(Sequence);
        var prefixes = model.state_dict().Keys.Select(key => key.Split('.')[0]).Distinct().Order();

        Assert.Equal(["demux", "embedding", "encoder", "head", "mux"], prefixes);
    }

    [Fact]
    public void Model_reports_its_configuration_and_parts()
    {
        using var model = Build(Sequence);
        var multiplexed = (IMultiplexedModel)model;

        Assert.Equal(
            new ModelConfiguration("Model", 2, Mux.Orthogonal, Demux.IndexEmbedding, 5, 1, 16, 2, 64, 6, 30, 0, 0.1, ModelTask.SequenceClassification, 3, MuxNorm: 1.0, LearnMux: false, Reembed: true),
            multiplexed.Configuration);
        Assert.IsType<DataMux.Multiplexers.OrthogonalMultiplexer>(multiplexed.Parts.Mux);
        Assert.IsType<DataMux.Demultiplexers.IndexEmbeddingDemultiplexer>(multiplexed.Parts.Demux);
    }
}

/// <summary>The collection of the test classes that build generated models or runtime modules (both draw from torch's process-wide generator).</summary>
internal static class ModelConstruction
{
    public const string Collection = "Model construction";
}
