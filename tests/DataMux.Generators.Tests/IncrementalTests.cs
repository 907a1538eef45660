using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DataMux.Generators.Tests;

/// <summary>Edits that do not change a model leave its pipeline steps and source output in the cache.</summary>
public sealed class IncrementalTests
{
    private const string Source = """
        using DataMux;

        namespace Demo;

        /// <summary>A model.</summary>
        [Multiplexed(N = 2)]
        [Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]
        [SequenceClassification]
        public partial class Model { }
        """;

    private static GeneratorDriverRunResult RunAgain(GeneratorRun run, Compilation edited) =>
        run.Driver.RunGenerators(edited).GetRunResult();

    private static Compilation Replace(GeneratorRun run, string newSource) =>
        run.Input.ReplaceSyntaxTree(
            run.Input.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(newSource, TestHelper.ParseOptions, TestHelper.FileName));

    private static IncrementalStepRunReason[] SourceOutputReasons(GeneratorDriverRunResult result) =>
        result.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private const string ImageSource = """
        using DataMux;

        namespace Demo;

        /// <summary>An image model.</summary>
        [Multiplexed(N = 4)]
        [Cnn(Height = 28, Width = 28)]
        [ImageClassification(Classes = 10)]
        public partial class Model { }
        """;

    [Theory]
    [InlineData(Source)]
    [InlineData(ImageSource)]
    public void Adding_an_unrelated_file_keeps_every_step_cached(string source)
    {
        var run = TestHelper.Run(source);
        var result = RunAgain(run, run.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; internal static class Unrelated { }", TestHelper.ParseOptions, "Unrelated.cs")));

        // The parser re-runs (the compilation changed under its semantic model) but produces an equal result,
        // so everything after it comes from the cache.
        var reasons = TestHelper.StepReasons(result);
        Assert.Equal(TestHelper.TrackingNameValues.Order(), reasons.Keys.Order());
        foreach (var step in new[] { TrackingNames.Parse, TrackingNames.AttributesWithoutModel })
        {
            Assert.All(reasons[step], reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.All(reasons[TrackingNames.Models], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(reasons[TrackingNames.Diagnostics], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(reasons[TrackingNames.Sources], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(SourceOutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void A_user_backbone_model_stays_cached_when_an_unrelated_file_is_added()
    {
        // The backbone reaches the model as strings (BackboneType), never as its symbol, so an equal parse caches.
        const string source = """
            using DataMux;
            using TorchSharp;
            using static TorchSharp.torch;

            namespace Demo;

            /// <summary>A backbone.</summary>
            public sealed class Enc : nn.Module<Tensor, Tensor>
            {
                /// <summary>Builds it.</summary>
                public Enc(int hidden) : base("Enc") { }

                /// <summary>Runs it.</summary>
                public override Tensor forward(Tensor x) => x.alias();
            }

            /// <summary>A model.</summary>
            [Multiplexed(N = 2, Demux = Demux.LearnedKeys)]
            [Backbone(typeof(Enc), Hidden = 16, MaxLength = 8, Vocabulary = 50)]
            [SequenceClassification]
            public partial class Model { }
            """;
        var run = TestHelper.Run(source);
        Assert.Empty(run.Diagnostics);
        var result = RunAgain(run, run.Input.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; internal static class Unrelated { }", TestHelper.ParseOptions, "Unrelated.cs")));

        var reasons = TestHelper.StepReasons(result);
        Assert.All(reasons[TrackingNames.Models], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(reasons[TrackingNames.Sources], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(SourceOutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Theory]
    [InlineData(Source)]
    [InlineData(ImageSource)]
    public void Moving_the_class_keeps_the_model_and_its_source_cached(string source)
    {
        var run = TestHelper.Run(source);
        var result = RunAgain(run, Replace(run, "// a comment that moves everything down\n\n" + source));

        var reasons = TestHelper.StepReasons(result);
        foreach (var step in new[] { TrackingNames.Models, TrackingNames.Sources })
        {
            Assert.All(reasons[step], reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }

        Assert.Contains(IncrementalStepRunReason.Cached, SourceOutputReasons(result));
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, SourceOutputReasons(result));
    }

    [Fact]
    public void A_model_edit_that_leaves_the_generated_text_alone_stops_at_the_sources_step()
    {
        // FeedForward defaults to 4 x Hidden, and the emitter writes the resolved value: spelling the default out
        // changes the model, not the file, so the Sources step's equal output keeps the source output cached.
        var run = TestHelper.Run(Source);
        var result = RunAgain(run, Replace(run, Source.Replace("Hidden = 16,", "Hidden = 16, FeedForward = 64,")));

        var reasons = TestHelper.StepReasons(result);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons[TrackingNames.Models]);
        Assert.All(reasons[TrackingNames.Sources], reason => Assert.True(reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached, reason.ToString()));
        Assert.All(SourceOutputReasons(result), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Moving_an_invalid_class_moves_its_diagnostic()
    {
        var invalid = Source.Replace("N = 2", "N = 0");
        var run = TestHelper.Run(invalid);
        var result = RunAgain(run, Replace(run, "\n\n" + invalid));

        Assert.Contains(IncrementalStepRunReason.Modified, TestHelper.StepReasons(result)[TrackingNames.Diagnostics]);
        var before = Assert.Single(run.Diagnostics).Location.GetLineSpan().StartLinePosition.Line;
        var after = Assert.Single(result.Diagnostics).Location.GetLineSpan().StartLinePosition.Line;
        Assert.Equal(before + 2, after);
    }

    [Fact]
    public void Changing_an_attribute_value_regenerates_the_source()
    {
        var run = TestHelper.Run(Source);
        var result = RunAgain(run, Replace(run, Source.Replace("N = 2", "N = 3")));

        Assert.Contains(IncrementalStepRunReason.Modified, TestHelper.StepReasons(result)[TrackingNames.Models]);
        Assert.Contains("public const int N = 3;", result.GeneratedTrees.Single().ToString());
    }
}
