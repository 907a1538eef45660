using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataMux.Generators.Tests;

/// <summary>
/// The generated code compiles against the real runtime (DataMux.dll, TorchSharp.dll) with every warning an
/// error and documentation checks on, for every combination of multiplexer, demultiplexer and task.
/// </summary>
public sealed class CompilationTests
{
    public static IEnumerable<object[]> Combinations() =>
        from mux in new[] { "GaussianHadamard", "Orthogonal", "BinaryHadamard", "Identity", "Learned" }
        from demux in new[] { "IndexEmbedding", "Mlp" }
        from task in new[] { "SequenceClassification(Classes = 3)", "TokenClassification(Labels = 5)" }
        select new object[] { mux, demux, task };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Generated_model_compiles_without_diagnostics(string mux, string demux, string task)
    {
        var run = TestHelper.Run($$"""
            using DataMux;

            namespace Consumer;

            /// <summary>A model under test.</summary>
            [Multiplexed(N = 4, Mux = Mux.{{mux}}, Demux = Demux.{{demux}})]
            [Transformer(Layers = 1, Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]
            [{{task}}]
            public partial class Model { }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        var problems = run.OutputCompilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Nested_and_global_models_compile_together()
    {
        var run = TestHelper.Run("""
            using DataMux;

            /// <summary>Global.</summary>
            [Multiplexed(N = 2), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), TokenClassification]
            internal partial class GlobalModel { }

            namespace Outer.Inner
            {
                /// <summary>Container.</summary>
                public partial struct Holder
                {
                    /// <summary>Nested.</summary>
                    [Multiplexed(N = 2), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), SequenceClassification]
                    public partial class NestedModel { }
                }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["GlobalModel.g.cs", "Outer.Inner.Holder.NestedModel.g.cs"], run.Sources.Keys.Order());
        var problems = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
