using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

    [Fact]
    public void Generated_model_compiles_in_a_project_on_CSharp_9()
    {
        // C# 9 has no file-scoped namespaces (CS8773): the generated file must not need a later language version.
        var run = TestHelper.Run(new CSharpParseOptions(LanguageVersion.CSharp9, DocumentationMode.Diagnose), """
            using DataMux;

            namespace Consumer.Models
            {
                /// <summary>A model under test.</summary>
                [Multiplexed(N = 4, Mux = Mux.GaussianHadamard)]
                [Transformer(Layers = 1, Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50)]
                [SequenceClassification(Classes = 3)]
                public partial class Model { }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

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
        run.AssertCompilesCleanly();
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
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Models_whose_names_differ_only_in_case_get_files_of_their_own()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace Demo;

            /// <summary>Upper.</summary>
            [Multiplexed(N = 2), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), SequenceClassification]
            public partial class Model { }

            /// <summary>Lower.</summary>
            [Multiplexed(N = 4), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), SequenceClassification]
            public partial class model { }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Equal(["Demo.Model.g.cs", "Demo.model.2.g.cs"], run.Sources.Keys.Order(System.StringComparer.Ordinal));
        run.AssertCompilesCleanly();
    }

    [Fact]
    public void Keywords_used_as_names_are_escaped()
    {
        var run = TestHelper.Run("""
            using DataMux;

            namespace @namespace.Models
            {
                /// <summary>Container.</summary>
                public partial class @class
                {
                    /// <summary>A model named by a keyword.</summary>
                    [Multiplexed(N = 2), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), SequenceClassification]
                    public partial class @event { }
                }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("SequenceClassification")]
    [InlineData("TokenClassification")]
    public void Names_of_the_users_scope_do_not_capture_the_generated_code(string task)
    {
        // The generated file used 'var' and 'nameof(Model)': a type named 'var' in the namespace (CS0029) or a
        // method named 'nameof' on the model (CS1503) broke it, though both names are the user's to choose.
        var run = TestHelper.Run($$"""
            using DataMux;

            namespace Demo
            {
            #pragma warning disable CS8981 // a lower-case type name, on purpose
                /// <summary>A type named like the contextual keyword.</summary>
                public sealed class var { }
            #pragma warning restore CS8981

                /// <summary>A model.</summary>
                [Multiplexed(N = 2), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), {{task}}]
                public partial class Model
                {
                    /// <summary>A method named like the operator.</summary>
                    /// <param name="value">Anything.</param>
                    /// <returns>A fixed text.</returns>
                    public static string nameof(object value) => "mine";
                }
            }
            """);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.Sources);
        run.AssertCompilesCleanly();
    }

    [Theory]
    [InlineData("SequenceClassification")]
    [InlineData("TokenClassification")]
    public void The_names_kept_free_for_generated_members_are_the_generated_members(string task)
    {
        var modelTask = task == "SequenceClassification" ? DataMux.Generators.Models.ModelTask.SequenceClassification : DataMux.Generators.Models.ModelTask.TokenClassification;
        var run = TestHelper.Run($$"""
            using DataMux;

            namespace Demo;

            /// <summary>A model with every optional part (the shortcut, the context layer), so that every generated name shows.</summary>
            [Multiplexed(N = 2, InputShortcut = true, ContextWindow = 3), Transformer(Hidden = 16, Heads = 2, MaxLength = 8, Vocabulary = 50), {{task}}]
            public partial class Model { }
            """);

        var generated = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Assert.Single(run.Sources).Value).GetRoot()
            .DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().Single().Members;
        var names = generated.SelectMany(member => member switch
        {
            Microsoft.CodeAnalysis.CSharp.Syntax.BaseFieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
            Microsoft.CodeAnalysis.CSharp.Syntax.PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => [property.Identifier.ValueText],
            Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax method => [method.Identifier.ValueText],
            _ => [],
        }).Where(name => name != "forward");
        Assert.Equal(DataMux.Generators.Models.GeneratedMembers.Names(modelTask).Order(), names.Order());
    }
}
