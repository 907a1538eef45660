using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DataMux.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using static DataMux.Generators.Tests.ModelSource;

namespace DataMux.Generators.Tests;

/// <summary>
/// The configuration analyzer's warnings (models that compile but are known to be poor), grouped by DMX id: where each
/// points, what it says, the configurations it leaves alone, and that #pragma and .editorconfig severities reach it.
/// </summary>
// The parameter-count checks build runtime modules, whose initial weights come from torch's process-wide generator.
[Collection(ModelConstruction.Collection)]
public sealed class WarningTests
{
    /// <summary>A backbone wider than any N below, so that N > Hidden (DMX0023) does not join in.</summary>
    private const string Wide = "Hidden = 128, Heads = 4";

    /// <summary>The analyzer's diagnostics on <paramref name="source"/>, after suppressions, in source order.</summary>
    private static (Diagnostic[] Diagnostics, CSharpCompilation Compilation) Analyze(string source, CSharpCompilationOptions? options = null)
    {
        // Warnings as warnings (the test compilation otherwise makes every warning an error).
        var compilation = TestHelper.Compile(source);
        compilation = compilation.WithOptions((options ?? compilation.Options).WithGeneralDiagnosticOption(ReportDiagnostic.Default));
        var diagnostics = compilation.WithAnalyzers([new ConfigurationAnalyzer()]).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return (diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray(), compilation);
    }

    /// <summary>Asserts exactly one warning of <paramref name="id"/> and returns it with the text it points at.</summary>
    private static (Diagnostic Diagnostic, string Text) SingleWarning(string source, string id)
    {
        var (diagnostics, _) = Analyze(source);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        return (diagnostic, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("N = 2")]
    [InlineData("N = 1, Mux = Mux.None, Demux = Demux.None")]
    [InlineData("N = 40, Mux = Mux.Orthogonal")]
    [InlineData("N = 0")]   // an error of the generator's (DMX0008), not a warning on top
    [InlineData("N = 5, Demux = Demux.LearnedKeys")]
    [InlineData("N = 40, Mux = Mux.Contextual, Demux = Demux.LearnedKeys")]
    public void Good_or_invalid_configurations_get_no_warning(string multiplexed)
    {
        Assert.Empty(Analyze(Model(multiplexed: multiplexed, transformer: "Layers = 12, Hidden = 768, Heads = 12")).Diagnostics);
    }

    [Fact]
    public void DMX0022_multiplexed_without_N_points_at_the_attribute()
    {
        var (diagnostic, text) = SingleWarning(Model(multiplexed: "Mux = Mux.GaussianHadamard", transformer: Wide), "DMX0022");
        Assert.Equal("Multiplexed", text);
        Assert.Equal("'Model' multiplexes nothing: [Multiplexed] without N runs one input per pass (N = 1); set N to the number of inputs to mix", diagnostic.GetMessage());
        Assert.Empty(Analyze(Model(multiplexed: "N = 1", transformer: Wide)).Diagnostics);   // N = 1 written on purpose
    }

    [Fact]
    public void DMX0023_more_inputs_than_dimensions_points_at_N()
    {
        var (diagnostic, text) = SingleWarning(Model(multiplexed: "N = 20", transformer: "Hidden = 16, Heads = 2"), "DMX0023");
        Assert.Equal("N = 20", text);
        Assert.Equal("N (20) is greater than Hidden (16): more inputs than dimensions to tell them apart", diagnostic.GetMessage());
        // BinaryHadamard's error (DMX0013) says it already.
        Assert.Empty(Analyze(Model(multiplexed: "N = 20, Mux = Mux.BinaryHadamard", transformer: "Hidden = 16, Heads = 2")).Diagnostics);
    }

    [Fact]
    public void DMX0024_an_N_above_40_points_at_N()
    {
        var (diagnostic, text) = SingleWarning(Model(multiplexed: "N = 41", transformer: Wide), "DMX0024");
        Assert.Equal("N = 41", text);
        Assert.Equal("N (41) is above 40, beyond what DataMUX was measured at (it lost 12 NER points at N = 40)", diagnostic.GetMessage());
    }

    [Fact]
    public void DMX0025_the_identity_mux_with_several_inputs_points_at_Mux()
    {
        var (diagnostic, text) = SingleWarning(Model(multiplexed: "N = 4, Mux = Mux.Identity", transformer: Wide), "DMX0025");
        Assert.Equal("Mux = Mux.Identity", text);
        Assert.Equal("Mux = Identity adds the 4 inputs unchanged, so they cannot be told apart; use GaussianHadamard or Orthogonal", diagnostic.GetMessage());
        Assert.Empty(Analyze(Model(multiplexed: "N = 1, Mux = Mux.Identity", transformer: Wide)).Diagnostics);   // the throughput baseline
    }

    [Theory]
    [InlineData("N = 40, Mux = Mux.Orthogonal", "Mux = Mux.Orthogonal", "Mux = Orthogonal holds 16384 parameters per input (655360 for N = 40), more than the encoder's 396544")]
    [InlineData("N = 40, Demux = Demux.Mlp", "Demux = Demux.Mlp", "Demux = Mlp holds 16768 parameters per input (670720 for N = 40), more than the encoder's 396544")]
    public void DMX0026_per_input_parts_above_the_encoders_parameters_point_at_the_part(string multiplexed, string at, string message)
    {
        var (diagnostic, text) = SingleWarning(Model(multiplexed: multiplexed, transformer: "Layers = 2, Hidden = 128, Heads = 4"), "DMX0026");
        Assert.Equal(at, text);
        Assert.Equal(message, diagnostic.GetMessage());
        Assert.Empty(Analyze(Model(multiplexed: "N = 20, Mux = Mux.Orthogonal", transformer: "Layers = 2, Hidden = 128, Heads = 4")).Diagnostics);
    }

    [Theory]
    [InlineData("N = 4", "Mlp(Inputs = 784, Hidden = 256, Layers = 2)")]
    [InlineData("N = 8", "Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)")]
    [InlineData("N = 1, Mux = Mux.None, Demux = Demux.None", "Mlp(Inputs = 12, Hidden = 16)")]
    [InlineData("N = 0", "Mlp(Inputs = 12, Hidden = 16)")]                 // DMX0008, the generator's
    [InlineData("N = 20", "Cnn(Height = 2, Width = 2, Hidden = 4)")]        // DMX0034, the generator's
    [InlineData("N = 4, Demux = Demux.IndexEmbedding", "Mlp(Inputs = 12, Hidden = 16)")]   // DMX0033, the generator's
    public void Good_or_invalid_image_configurations_get_no_warning(string multiplexed, string backbone)
    {
        Assert.Empty(Analyze(ImageModel(multiplexed: multiplexed, backbone: backbone)).Diagnostics);
    }

    [Fact]
    public void Image_backbones_get_the_same_warnings_with_their_own_sizes()
    {
        var (wide, wideAt) = SingleWarning(ImageModel(multiplexed: "N = 20", backbone: "Mlp(Inputs = 12, Hidden = 16, Layers = 40)"), "DMX0023");
        Assert.Equal("N = 20", wideAt);
        Assert.Equal("N (20) is greater than Hidden (16): more inputs than dimensions to tell them apart", wide.GetMessage());

        var (unwritten, unwrittenAt) = SingleWarning(ImageModel(multiplexed: "Seed = 3", backbone: "Cnn(Height = 8, Width = 8)"), "DMX0022");
        Assert.Equal("Multiplexed", unwrittenAt);
        Assert.Contains("'Model' multiplexes nothing", unwritten.GetMessage());

        // 12·16 + 16 + 2·(16² + 16) = 752 shared parameters; the per-index Linear + tanh holds 16² + 16 = 272 per input.
        var (perInput, perInputAt) = SingleWarning(ImageModel(multiplexed: "N = 3", backbone: "Mlp(Inputs = 12, Hidden = 16)"), "DMX0026");
        Assert.Equal("Multiplexed", perInputAt);
        Assert.Equal("Demux = Mlp holds 272 parameters per input (816 for N = 3), more than the encoder's 752", perInput.GetMessage());
        Assert.Empty(Analyze(ImageModel(multiplexed: "N = 2", backbone: "Mlp(Inputs = 12, Hidden = 16)")).Diagnostics);
        // Learned keys hold one d-vector per input: no DMX0026 at the same N, and the other rules still apply.
        Assert.Empty(Analyze(ImageModel(multiplexed: "N = 3, Demux = Demux.LearnedKeys", backbone: "Mlp(Inputs = 12, Hidden = 16)")).Diagnostics);
        var (keyed, keyedAt) = SingleWarning(ImageModel(multiplexed: "N = 20, Demux = Demux.LearnedKeys", backbone: "Mlp(Inputs = 12, Hidden = 16)"), "DMX0023");
        Assert.Equal("N = 20", keyedAt);
        Assert.Equal("N (20) is greater than Hidden (16): more inputs than dimensions to tell them apart", keyed.GetMessage());

        // The Fashion-MNIST CNN (210400 shared parameters, 16512 per input) crosses at N = 13.
        var (cnn, _) = SingleWarning(ImageModel(multiplexed: "N = 16", backbone: "Cnn(Channels = 1, Height = 28, Width = 28, Layers = 2, Filters = 32)"), "DMX0026");
        Assert.Equal("Demux = Mlp holds 16512 parameters per input (264192 for N = 16), more than the encoder's 210400", cnn.GetMessage());
    }

    [Fact]
    public void The_image_parameter_counts_are_the_runtimes()
    {
        using var projection = TorchSharp.torch.nn.Linear(12, 16);
        using var mlp = new DataMux.Backbones.MlpBackbone(2, 16);
        using var cnn = new DataMux.Backbones.CnnBackbone(3, 28, 20, 2, 8, 16);
        using var demux = new DataMux.Demultiplexers.PerIndexDemultiplexer(3, 16);
        Assert.Equal(ParameterCounts.MlpBackbone(12, 2, 16), projection.parameters().Concat(mlp.parameters()).Sum(p => p.numel()));
        Assert.Equal(ParameterCounts.CnnBackbone(3, 28, 20, 2, 8, 16), cnn.parameters().Sum(p => p.numel()));
        using var oneBlock = new DataMux.Backbones.CnnBackbone(3, 28, 20, 1, 8, 16);
        Assert.Equal(ParameterCounts.CnnBackbone(3, 28, 20, 1, 8, 16), oneBlock.parameters().Sum(p => p.numel()));
        Assert.Equal(3 * ParameterCounts.ImageDemuxPerInput(16), demux.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void A_pragma_suppresses_a_warning()
    {
        var source = Model(multiplexed: "N = 41", transformer: Wide).Replace("[Multiplexed(", "#pragma warning disable DMX0024 // measured: see the accuracy run\n[Multiplexed(");
        Assert.Empty(Analyze(source).Diagnostics);
    }

    [Theory]
    [InlineData(ReportDiagnostic.Suppress, null)]
    [InlineData(ReportDiagnostic.Error, DiagnosticSeverity.Error)]
    public void An_editorconfig_severity_reaches_a_warning(ReportDiagnostic configured, DiagnosticSeverity? expected)
    {
        // .editorconfig's dotnet_diagnostic.DMX0024.severity reaches the compiler as per-tree options.
        var source = Model(multiplexed: "N = 41", transformer: Wide);
        var tree = TestHelper.Compile(source).SyntaxTrees.Single();
        var options = TestHelper.Compile(source).Options.WithSyntaxTreeOptionsProvider(new EditorConfigSeverity(tree, "DMX0024", configured));

        var (diagnostics, _) = Analyze(source, (CSharpCompilationOptions)options);

        Assert.Equal(expected, diagnostics.SingleOrDefault()?.Severity);
    }

    [Fact]
    public void The_parameter_counts_are_the_runtimes()
    {
        using var encoder = new DataMux.Backbones.TransformerEncoder(2, 128, 4, 512, 0.1);
        using var orthogonal = new DataMux.Multiplexers.OrthogonalMultiplexer(3, 128, 1, trainable: true);
        using var mlp = new DataMux.Demultiplexers.MlpDemultiplexer(new TokenLayout(50, 3, 0), 128);
        Assert.Equal(ParameterCounts.Encoder(2, 128, 512), encoder.parameters().Sum(p => p.numel()));
        Assert.Equal(3 * ParameterCounts.OrthogonalPerInput(128), orthogonal.parameters().Sum(p => p.numel()));
        // The Mlp demux's shared output layer and LayerNorm (128² + 128 + 2·128) are not per input.
        Assert.Equal(3 * ParameterCounts.MlpDemuxPerInput(128) + 128 * 128 + 3 * 128, mlp.parameters().Sum(p => p.numel()));
    }

    /// <summary>What an .editorconfig line <c>dotnet_diagnostic.ID.severity</c> becomes inside the compiler, for one tree.</summary>
    private sealed class EditorConfigSeverity(SyntaxTree tree, string id, ReportDiagnostic severity) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree syntaxTree, CancellationToken cancellationToken) => GeneratedKind.NotGenerated;

        public override bool TryGetDiagnosticValue(SyntaxTree syntaxTree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = severity;
            return syntaxTree.FilePath == tree.FilePath && diagnosticId == id;
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic value)
        {
            value = default;
            return false;
        }
    }
    [Fact]
    public void A_user_backbone_is_read_for_its_Hidden_and_gets_no_parameter_comparison()
    {
        const string module = "/// <summary>A backbone.</summary>\npublic sealed class Enc : TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>\n{\n" +
            "/// <summary>Builds it.</summary>\npublic Enc() : base(\"Enc\") { }\n/// <summary>Runs it.</summary>\npublic override TorchSharp.torch.Tensor forward(TorchSharp.torch.Tensor x) => x.alias();\n}\n";
        string Source(string multiplexed) => File($"[Multiplexed({multiplexed})]\n[Backbone(typeof(Enc), Hidden = 8, MaxLength = 8, Vocabulary = 50)]\n[SequenceClassification]\npublic partial class Model {{ }}\n" + module);

        var (diagnostic, text) = SingleWarning(Source("N = 16, Demux = Demux.LearnedKeys"), "DMX0023");
        Assert.Equal("N = 16", text);
        Assert.Equal("N (16) is greater than Hidden (8): more inputs than dimensions to tell them apart", diagnostic.GetMessage());
        // The Mlp demux's per-input weights would outweigh a 1-layer encoder of width 8; a user's module has no count to compare.
        Assert.Empty(Analyze(Source("N = 8, Demux = Demux.Mlp")).Diagnostics);
        // Two backbones are the generator's error (DMX0030), not a warning's.
        Assert.Empty(Analyze(Source("N = 16").Replace("[SequenceClassification]", "[Transformer(Hidden = 8, Heads = 2)]\n[SequenceClassification]")).Diagnostics);
    }
}
