using DataMux.Testing;
using Xunit;

namespace DataMux.Generators.Tests;

/// <summary>The generated source, compared exactly with reviewed snapshots.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Sequence_classification()
    {
        var run = TestHelper.Run("""
            using DataMux;
            using static DataMux.Mux;
            using static DataMux.Demux;

            namespace Demo;

            /// <summary>Sentiment of short reviews.</summary>
            [Multiplexed(N = 20, Mux = Orthogonal, Demux = IndexEmbedding)]
            [Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
            [SequenceClassification(Classes = 2)]
            public partial class SentimentModel { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.SentimentModel.g.cs"], "Demo.SentimentModel.g.cs");
    }

    [Fact]
    public void Mlp_image_classification()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo.Vision;

            /// <summary>Fashion-MNIST from flattened pixels.</summary>
            [Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp)]
            [Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
            [ImageClassification(Classes = 10)]
            public partial class FashionMlp { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        Snapshots.Match(run.Sources["Demo.Vision.FashionMlp.g.cs"], "Demo.Vision.FashionMlp.g.cs");
    }

    [Fact]
    public void Mlp_with_dropout()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo.Vision;

            /// <summary>Fashion-MNIST from flattened pixels, with dropout after every layer.</summary>
            [Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, MuxNorm = 64)]
            [Mlp(Inputs = 784, Hidden = 256, Layers = 2, Dropout = 0.2)]
            [ImageClassification(Classes = 10)]
            public partial class RegularizedMlp { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        Snapshots.Match(run.Sources["Demo.Vision.RegularizedMlp.g.cs"], "Demo.Vision.RegularizedMlp.g.cs");
    }

    [Fact]
    public void Mlp_with_learned_keys()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo.Vision;

            /// <summary>Fashion-MNIST from flattened pixels, demultiplexed by MUX-PLMs' learned keys.</summary>
            [Multiplexed(N = 2, Mux = Mux.GaussianHadamard, Demux = Demux.LearnedKeys, MuxNorm = 64)]
            [Mlp(Inputs = 784, Hidden = 256, Layers = 2)]
            [ImageClassification(Classes = 10)]
            public partial class KeyedMlp { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        Snapshots.Match(run.Sources["Demo.Vision.KeyedMlp.g.cs"], "Demo.Vision.KeyedMlp.g.cs");
    }

    [Fact]
    public void Cnn_image_classification()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo.Vision;

            /// <summary>Fashion-MNIST images.</summary>
            [Multiplexed(N = 8)]
            [Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)]
            [ImageClassification(Classes = 10)]
            public partial class FashionCnn { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        Snapshots.Match(run.Sources["Demo.Vision.FashionCnn.g.cs"], "Demo.Vision.FashionCnn.g.cs");
    }

    [Fact]
    public void Plain_image_baseline()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo.Vision;

            /// <summary>The CNN without multiplexing, on colour images.</summary>
            [Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None)]
            [Cnn(Channels = 3, Height = 32, Width = 32, Layers = 3, Filters = 16, Hidden = 64)]
            [ImageClassification(Classes = 10)]
            internal partial class PlainCnn { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        Snapshots.Match(run.Sources["Demo.Vision.PlainCnn.g.cs"], "Demo.Vision.PlainCnn.g.cs");
    }

    [Fact]
    public void Token_classification()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo.Tagging;

            /// <summary>Part-of-speech tags.</summary>
            [Multiplexed(N = 4, Mux = Mux.GaussianHadamard, Demux = Demux.Mlp, Seed = 7)]
            [Transformer(Layers = 1, Hidden = 64, Heads = 2, FeedForward = 96, MaxLength = 16, Vocabulary = 1000, PaddingToken = 1, Dropout = 0)]
            [TokenClassification(Labels = 17)]
            internal partial class TaggerModel { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.Tagging.TaggerModel.g.cs"], "Demo.Tagging.TaggerModel.g.cs");
    }

    [Fact]
    public void Nested_class_in_namespace()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>Holds the models.</summary>
            public static partial class Models
            {
                /// <summary>Ablation settings.</summary>
                public partial record Ablations
                {
                    /// <summary>The plain-mean baseline.</summary>
                    [Multiplexed(N = 2, Mux = Mux.Identity)]
                    [Transformer(Hidden = 32, Heads = 2, MaxLength = 8, Vocabulary = 100)]
                    [SequenceClassification(Classes = 3)]
                    public partial class Baseline { }
                }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.Models.Ablations.Baseline.g.cs"], "Demo.Models.Ablations.Baseline.g.cs");
    }

    [Fact]
    public void Global_namespace()
    {
        var run = TestHelper.Run("""
            using DataMux;

            /// <summary>Defaults everywhere.</summary>
            [Multiplexed]
            [Transformer]
            [SequenceClassification]
            public partial class DefaultModel { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["DefaultModel.g.cs"], "DefaultModel.g.cs");
    }

    [Fact]
    public void Plain_baseline()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>B1: the plain Transformer the multiplexed taggers are measured against.</summary>
            [Multiplexed(N = 1, Mux = Mux.None, Demux = Demux.None)]
            [Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
            [TokenClassification(Labels = 12)]
            public partial class PlainTagger { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.PlainTagger.g.cs"], "Demo.PlainTagger.g.cs");
    }

    [Fact]
    public void Input_shortcut_and_mux_options()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>Genre of five sentences per pass, with every sentence's own bag of tokens around the backbone.</summary>
            [Multiplexed(N = 5, MuxNorm = 20, LearnMux = true, Reembed = false, InputShortcut = true)]
            [Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
            [SequenceClassification(Classes = 2)]
            public partial class GenreModel { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.GenreModel.g.cs"], "Demo.GenreModel.g.cs");
    }
    [Fact]
    public void Context_window()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>Part-of-speech tags of five sentences per pass; every word sees its neighbours before the mix.</summary>
            [Multiplexed(N = 5, InputShortcut = true, ContextWindow = 3)]
            [Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10002)]
            [TokenClassification(Labels = 12)]
            public partial class ContextTagger { }
            """);

        Assert.Empty(run.Diagnostics);
        run.AssertCompilesCleanly();
        Snapshots.Match(run.Sources["Demo.ContextTagger.g.cs"], "Demo.ContextTagger.g.cs");
    }

    [Fact]
    public void User_backbone()
    {
        var run = TestHelper.Run("""
            using DataMux;
            using TorchSharp;
            using static TorchSharp.torch;

            namespace Demo;

            /// <summary>A backbone of the user's: one Linear and GELU per position.</summary>
            public sealed class PositionwiseEncoder : nn.Module<Tensor, Tensor>
            {
                private readonly TorchSharp.Modules.Linear linear;

                /// <summary>Builds it for width <paramref name="hidden"/>.</summary>
                public PositionwiseEncoder(int hidden) : base(nameof(PositionwiseEncoder))
                {
                    linear = nn.Linear(hidden, hidden);
                    RegisterComponents();
                }

                /// <summary>[G, S, d] -> [G, S, d].</summary>
                public override Tensor forward(Tensor x) => nn.functional.gelu(linear.forward(x));
            }

            /// <summary>Genre of sentences on the user's backbone.</summary>
            [Multiplexed(N = 4)]
            [Backbone(typeof(PositionwiseEncoder), Hidden = 128, MaxLength = 64, Vocabulary = 5000)]
            [SequenceClassification(Classes = 2)]
            public partial class CustomBackboneModel { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.CustomBackboneModel.g.cs"], "Demo.CustomBackboneModel.g.cs");
    }

    [Fact]
    public void Learned_keys_demux()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>Part-of-speech tags with MUX-PLMs' learned keys.</summary>
            [Multiplexed(N = 5, Demux = Demux.LearnedKeys)]
            [Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 10000)]
            [TokenClassification(Labels = 12)]
            public partial class KeysTagger { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.KeysTagger.g.cs"], "Demo.KeysTagger.g.cs");
    }

    [Fact]
    public void Contextual_mux()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>Sentiment with MUX-PLMs' contextual mux.</summary>
            [Multiplexed(N = 2, Mux = Mux.Contextual, MuxNorm = 20)]
            [Transformer(Layers = 2, Hidden = 128, Heads = 4, MaxLength = 32, Vocabulary = 5000)]
            [SequenceClassification(Classes = 2)]
            public partial class ContextualSentiment { }
            """);

        Assert.Empty(run.Diagnostics);
        Snapshots.Match(run.Sources["Demo.ContextualSentiment.g.cs"], "Demo.ContextualSentiment.g.cs");
    }
}
